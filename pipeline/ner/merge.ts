// PLACEHOLDER merge policy until the NER work lands: on overlap the higher-priority source wins.
import type { Entity, EntitySource } from '../types.js';

const PRIORITY: Record<EntitySource, number> = { date: 5, rule: 4, link: 3, kb: 3, onnx: 2, model: 1 };

export function mergeEntities(base: readonly Entity[], added: readonly Entity[]): Entity[] {
  const all = [...base, ...added].sort((a, b) => PRIORITY[b.source] - PRIORITY[a.source] || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const kept: Entity[] = [];
  for (const e of all) if (!kept.some((k) => k.start < e.end && e.start < k.end)) kept.push(e);
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
