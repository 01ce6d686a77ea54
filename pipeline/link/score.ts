// Ranking: a linear score over the features, a NIL option whose score depends on how the mention
// was found, and the margin of the winner over the runner-up, which calibrate.ts maps to a
// probability. The weights are set by hand on what each feature means (documented in docs/kb.md)
// and checked on the calibration part of fixtures/links/; they are not per-name rules.
import { FEATURE_NAMES, type Features } from './features.js';
import type { MentionKind } from './mentions.js';

export const WEIGHTS: Features = { alias: 1.5, ambiguity: 0.5, office: 2.5, active: 0.5, country: 1.5, home: 1.0, sentence: 0.5, coref: 3.0, prior: 0.3 };

/** Score of "none of the KB candidates": how often a mention of this shape names someone the KB lacks (name: a family name alone). */
export const NIL_SCORE: Record<MentionKind, number> = { name: 1.2, paren: -3, 'surname-title': 0.5, title: 1.0, group: -3, 'unknown-name': 0 };

export function score(f: Features): number {
  let s = 0;
  for (const k of FEATURE_NAMES) s += WEIGHTS[k] * f[k];
  return s;
}

export interface Ranked<T> {
  item: T | null; // null: NIL
  score: number;
}

/** Candidates best first, with the NIL option where the mention allows one; ties by id order given. */
export function rank<T>(scored: readonly { item: T; score: number }[], nil: number | null): Ranked<T>[] {
  const all: Ranked<T>[] = scored.map((s) => ({ item: s.item, score: s.score }));
  if (nil !== null) all.push({ item: null, score: nil });
  return all.sort((a, b) => b.score - a.score);
}

/** Winner's margin over the runner-up; a lone option gets a fixed margin over an absent NIL. */
export function margin<T>(ranked: readonly Ranked<T>[]): number {
  if (!ranked.length) return 0;
  return ranked.length > 1 ? ranked[0].score - ranked[1].score : ranked[0].score + 3;
}

/** Softmax over ranked scores: the candidate scores the output lists. */
export function softmax(scores: readonly number[]): number[] {
  const max = Math.max(...scores);
  const ex = scores.map((s) => Math.exp(s - max));
  const z = ex.reduce((a, b) => a + b, 0);
  return ex.map((e) => e / z);
}
