// Merging entity proposals from several sources (the NER model, an ONNX model, the KB gazetteer,
// rules, the dates stage, the linker) into one non-overlapping list. The policy:
// 1. Same span, several proposals: one entity. It takes the type of the most confident proposal
//    (ties: the higher-ranked source), confidence the highest among proposals of that type; a
//    link or subtype missing on it is taken from the other proposals (link from any source).
// 2. Nested spans: the outer one wins when it is more likely right than not (confidence ≥ 0.5),
//    however confident the inner one is: KLUE annotates the maximal mention ("서울중앙지검", not
//    "서울"; "미국 국방부", not "미국"), and an inner name can be a real name and still not be the
//    mention. A doubtful outer span (< 0.5) competes like a crossing one.
// 3. Crossing spans (and doubtful nesting): the more confident proposal wins, greedily from the
//    most confident down; ties go to the higher-ranked source (link > kb > date > rule > onnx >
//    model), then to the longer span, then to the earlier one. Confidences are calibrated
//    probabilities from every source, which is what makes comparing them meaningful.
// 4. The result is sorted by start, then end.
// Inputs are not modified; every kept entity is a fresh object.
import type { Entity, EntitySource } from '../types.js';

const SOURCE_RANK: Record<EntitySource, number> = { link: 5, kb: 4, date: 3, rule: 2, onnx: 1, model: 0 };

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
  // A confident outer span removes what it contains before the greedy pass: in order of start
  // (longer first), an entity is contained when a confident one seen before reaches its end.
  merged.sort((a, b) => a.start - b.start || b.end - a.end);
  const candidates: Entity[] = [];
  let confidentEnd = -1;
  for (const e of merged) {
    if (confidentEnd < e.end) candidates.push(e);
    if (e.confidence >= 0.5) confidentEnd = Math.max(confidentEnd, e.end);
  }
  // Greedy from the best down; positions already taken mark the overlaps (time linear in the spans' lengths).
  const length = merged.reduce((m, e) => Math.max(m, e.end), 0);
  const taken = new Uint8Array(length);
  const kept: Entity[] = [];
  for (const e of candidates.sort(better)) {
    if (taken.subarray(e.start, e.end).includes(1)) continue;
    taken.fill(1, e.start, e.end);
    kept.push(e);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
