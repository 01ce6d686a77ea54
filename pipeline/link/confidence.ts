// How sure the linker is that a person span it finds is a real person mention (the entity's
// confidence, as opposed to the link's): a logistic model over the evidence, fitted on the
// calibration part of fixtures/links/ (`hanlink fit links-calibration`, models/kb/calibration.json).
import type { Entity } from '../types.js';
import { applyLogistic, loadSpanModel } from './calibrate.js';
import type { Mention } from './mentions.js';

/** The evidence, in the order of the model's weights; each feature means the same for any name. */
export const SPAN_FEATURES = [
  'full_name', // a full-name alias (로이드 오스틴, 장호진)
  'family_titled', // a family name with a title beside it (오스틴 장관)
  'family_bare', // a family name alone (오스틴, 밀리): often a common word or someone else
  'surname_title', // one syllable before a title (김 장관)
  'unknown_name', // a name the KB lacks before a title, or one only the NER found
  'gloss', // a non-Hangul gloss in parentheses after a name
  'length', // characters of the span without spaces, capped at 8, / 8
  'ner_same', // confidence of an NER person with exactly this span (0: none)
  'ner_overlap', // highest confidence of an NER person overlapping it on other bounds
  'ner_other', // highest confidence of an overlapping NER entity of another type
  'link', // the link's confidence
  'nil', // linked to no KB record
] as const;

export interface SpanEvidence { start: number; end: number; features: number[] }

/** The feature vector of a person span: its mention's shape, the NER entities overlapping it, its link. */
export function spanFeatures(m: Mention, span: { start: number; end: number; text: string }, overlapping: readonly Entity[], link: { id: string; confidence: number }): number[] {
  const max = (es: readonly Entity[]) => es.reduce((x, e) => Math.max(x, e.confidence), 0);
  const same = overlapping.filter((e) => e.start === span.start && e.end === span.end && e.type === 'PS');
  const name = m.kind === 'name';
  return [
    name && m.fullName ? 1 : 0,
    name && !m.fullName && m.title ? 1 : 0,
    name && !m.fullName && !m.title ? 1 : 0,
    m.kind === 'surname-title' ? 1 : 0,
    m.kind === 'unknown-name' ? 1 : 0,
    m.kind === 'paren' ? 1 : 0,
    Math.min(span.text.replace(/\s+/g, '').length, 8) / 8,
    max(same),
    max(overlapping.filter((e) => e.type === 'PS' && !same.includes(e))),
    max(overlapping.filter((e) => e.type !== 'PS')),
    link.confidence,
    link.id.startsWith('nil:') ? 1 : 0,
  ];
}

/** P(span right | evidence) from the shipped model; before one is fitted, the link's own confidence. */
export function spanConfidence(features: readonly number[]): number {
  const model = loadSpanModel();
  if (!model) return features[SPAN_FEATURES.indexOf('link')];
  if (model.features.join() !== SPAN_FEATURES.join()) throw new Error(`models/kb/calibration.json: the span model's features (${model.features.join(', ')}) are not the linker's; refit with hanlink fit links-calibration --out models/kb/calibration.json`);
  return applyLogistic(model, features);
}
