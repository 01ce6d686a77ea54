// Merging entity proposals from several sources (the NER model, an ONNX model, the KB gazetteer,
// rules, the dates stage, the linker) into one non-overlapping list. The policy:
// 1. Same span, several proposals: one entity. It takes the type of the most confident proposal
//    (ties: the higher-ranked source), confidence the highest among proposals of that type; a
//    link or subtype missing on it is taken from the other proposals (link from any source).
// 2. Overlapping spans (crossing or nested): the more confident proposal wins, greedily from the
//    most confident down; ties go to the higher-ranked source (link > kb > date > rule > onnx >
//    model), then to the longer span (KLUE annotates the maximal name: "서울중앙지검", not "서울"),
//    then to the earlier one. Confidences are calibrated probabilities from every source, which is
//    what makes comparing them meaningful.
// 3. The result is sorted by start, then end.
// Inputs are not modified; every kept entity is a fresh object.
import type { Entity, EntitySource } from '../types.js';

export const SOURCE_RANK: Record<EntitySource, number> = { link: 5, kb: 4, date: 3, rule: 2, onnx: 1, model: 0 };

function better(a: Entity, b: Entity): number {
  return b.confidence - a.confidence || SOURCE_RANK[b.source] - SOURCE_RANK[a.source] || (b.end - b.start) - (a.end - a.start) || a.start - b.start;
}

export function mergeEntities(base: readonly Entity[], added: readonly Entity[]): Entity[] {
  const bySpan = new Map<string, Entity[]>();
  for (const e of [...base, ...added]) {
    if (e.end <= e.start) continue;
    const key = `${e.start}:${e.end}`;
    const group = bySpan.get(key);
    if (group) group.push(e);
    else bySpan.set(key, [e]);
  }
  const merged: Entity[] = [];
  for (const group of bySpan.values()) {
    const ranked = [...group].sort(better);
    const head = ranked[0];
    const linked = [...group].sort((a, b) => SOURCE_RANK[b.source] - SOURCE_RANK[a.source]).find((e) => e.link);
    merged.push({
      ...head,
      subtype: head.subtype ?? ranked.find((e) => e.type === head.type && e.subtype)?.subtype ?? null,
      link: head.link ?? linked?.link ?? null,
    });
  }
  const kept: Entity[] = [];
  for (const e of merged.sort(better)) if (!kept.some((k) => k.start < e.end && e.start < k.end)) kept.push(e);
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
