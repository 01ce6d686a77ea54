// The dates stage: finds Korean temporal expressions, writes their ISO values to doc.dates, and
// adds their KLUE-style DT/TI spans to doc.entities through the NER merge policy.
import type { Stage } from '../stage.js';
import { mergeEntities } from '../ner/merge.js';
import { StageError, type Article, type Entity } from '../types.js';
import { PROPOSE_ENTITY, spanConfidence } from './confidence.js';
import { findTemporal, type DatesPrefer, type Temporal } from './extract.js';
import { isIsoValue, makeAnchor } from './normalize.js';

export { findTemporal, type DatesPrefer } from './extract.js';
export { makeAnchor } from './normalize.js';

function annotateDates(doc: Article, prefer: DatesPrefer): Article {
  const warnings = [...doc.warnings];
  const found = findTemporal(doc.text, makeAnchor(doc.published, doc.publishedDateTime), (w) => warnings.push(w), prefer);
  const dates = found.flatMap((f) => {
    if (!f.mention) return [];
    if (isIsoValue(f.mention.value)) return [f.mention];
    // A malformed value is a bug in a rule: report it rather than write it out.
    warnings.push(`dates: no valid value for "${f.mention.text}" at ${f.mention.start} (${f.pattern}: ${f.mention.value})`);
    return [];
  });
  const entities: Entity[] = found.flatMap(({ entity: e, pattern }) => {
    const confidence = spanConfidence(pattern, e.type);
    if (confidence < PROPOSE_ENTITY) return [];
    return [{ start: e.start, end: e.end, text: doc.text.slice(e.start, e.end), type: e.type, subtype: null, confidence, link: null, source: 'date' as const }];
  });
  return { ...doc, dates, entities: mergeEntities(withoutDoubtfulTimes(doc, found), entities), warnings };
}

/**
 * The DT/TI proposals of other sources (the NER model) that no temporal rule supports and that are
 * more likely wrong than right: the model's DT on "한미일"/"한일" (country initials, OG in KLUE) at
 * 0.36. The dates stage applies the same bar to them as to its own spans.
 */
function withoutDoubtfulTimes(doc: Article, found: Temporal[]): Entity[] {
  const covered = new Uint8Array(doc.text.length + 1);
  for (const { entity: e } of found) covered.fill(1, e.start, e.end);
  return doc.entities.filter((e) => {
    if (e.source === 'date' || (e.type !== 'DT' && e.type !== 'TI') || e.confidence >= PROPOSE_ENTITY) return true;
    return covered.subarray(e.start, e.end).some((x) => x);
  });
}

export const datesStage: Stage = {
  name: 'dates',
  run(doc, res) {
    try {
      return annotateDates(doc, res?.datesPrefer ?? 'auto');
    } catch (err) {
      throw StageError.from(doc.id, 'dates', err);
    }
  },
};
