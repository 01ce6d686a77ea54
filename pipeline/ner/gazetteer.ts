// The knowledge-base gazetteer: KB names and aliases matched in text. Hits are model features
// (features.ts) and, for kinds with a KLUE type, candidate entities of source "kb".
import type { EntityType, Term } from '../types.js';
import { Lexicon } from './lexicon.js';

/** KB kinds that name a KLUE entity type; other kinds (event, title, weapon, ...) only serve as features. */
const KIND_TYPES: Record<string, EntityType> = {
  person: 'PS',
  organization: 'OG', org: 'OG', company: 'OG', party: 'OG', agency: 'OG', military: 'OG', unit: 'OG',
  location: 'LC', place: 'LC', country: 'LC', city: 'LC', region: 'LC', province: 'LC', facility: 'LC', sea: 'LC',
};

function kindType(kind: string): EntityType | null {
  return KIND_TYPES[kind.toLowerCase()] ?? null;
}

/** A lexicon of KB names labelled with their kinds; names shorter than two characters are left out (too ambiguous). */
export function buildGazetteer(terms: readonly Term[]): Lexicon {
  return new Lexicon(terms.filter((t) => t.text.trim().length >= 2).map((t) => ({ text: t.text, label: t.kind })));
}

export interface GazetteerSpan {
  start: number;
  end: number;
  type: EntityType;
  kind: string;
}

const HANGUL_OR_ALNUM = /[\p{L}\p{N}]/u;

/**
 * Names with a KLUE type, longest first, not overlapping, starting at a word start (so "서울" is not
 * found inside "남서울"); the end may touch a particle ("서울에서"), which stays outside the span.
 * A name with kinds of several types is skipped: its type is left to the model.
 */
export function gazetteerSpans(text: string, gaz: Lexicon): GazetteerSpan[] {
  const found: GazetteerSpan[] = [];
  for (const m of gaz.matches(text)) {
    if (m.start > 0 && HANGUL_OR_ALNUM.test(text[m.start - 1])) continue;
    const types = new Set(gaz.labelsOf(text.slice(m.start, m.end)).map(kindType));
    const type = kindType(m.label);
    if (!type || types.size !== 1) continue;
    found.push({ start: m.start, end: m.end, type, kind: m.label });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: GazetteerSpan[] = [];
  for (const s of found) if (!out.some((o) => o.start < s.end && s.start < o.end)) out.push(s);
  return out;
}
