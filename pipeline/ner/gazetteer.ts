// The knowledge-base gazetteer: KB names and aliases matched in text, read from the KB's one name
// index (pipeline/link/name-index.ts). Hits are model features (features.ts) and, for kinds with a
// KLUE type, candidate entities of source "kb".
import { NameIndex, standsAsWord, titleStarts } from '../link/name-index.js';
import type { EntityType, Term } from '../types.js';
import { Lexicon, type LexiconMatch } from './lexicon.js';

/** KB kinds that name a KLUE entity type; other kinds (event, title, weapon, ...) only serve as features. */
const KIND_TYPES: Record<string, EntityType> = {
  person: 'PS',
  organization: 'OG', org: 'OG', company: 'OG', party: 'OG', agency: 'OG', military: 'OG', unit: 'OG',
  location: 'LC', place: 'LC', country: 'LC', city: 'LC', region: 'LC', province: 'LC', facility: 'LC', sea: 'LC',
};

function kindType(kind: string): EntityType | null {
  return KIND_TYPES[kind.toLowerCase()] ?? null;
}

/**
 * The gazetteer as the features read it: a lexicon of KB term spellings labelled with their kinds
 * (names shorter than two characters left out: too ambiguous), answered by the name index.
 */
export class Gazetteer extends Lexicon {
  constructor(readonly index: NameIndex) {
    super([]);
  }

  override get size(): number {
    return this.index.size;
  }

  override labelsOf(text: string): readonly string[] {
    const hit = this.index.search(text).find((h) => h.start === 0 && h.end === text.length);
    const term = hit && NameIndex.termAt(text, hit);
    return term ? term.kind.split('|') : [];
  }

  /** Every exact occurrence of a term, overlapping, ordered by start, longest first. */
  override matches(text: string): LexiconMatch[] {
    const out: LexiconMatch[] = [];
    for (const h of this.index.search(text)) {
      const term = NameIndex.termAt(text, h);
      if (term) for (const label of term.kind.split('|')) out.push({ start: h.start, end: h.end, label });
    }
    return out.sort((a, b) => a.start - b.start || b.end - a.end);
  }
}

/** The gazetteer over the worker's name index, or (tests, tools) over a list of terms. */
export function buildGazetteer(names: NameIndex | readonly Term[]): Gazetteer {
  return new Gazetteer(names instanceof NameIndex ? names : new NameIndex(names));
}

export interface GazetteerSpan {
  start: number;
  end: number;
  type: EntityType;
  kind: string;
}

/**
 * Names with a KLUE type that stand as words (the index's one boundary rule: "서울" not inside
 * "남서울"; "서울에서" keeps the particle outside), longest first, not overlapping. A name with
 * kinds of several types is skipped: its type is left to the model.
 */
export function gazetteerSpans(text: string, gaz: Gazetteer): GazetteerSpan[] {
  const hits = gaz.index.search(text);
  const ctx = { from: 0, to: text.length, tokens: null, titleStarts: titleStarts(hits) };
  const found: GazetteerSpan[] = [];
  for (const h of hits) {
    const term = NameIndex.termAt(text, h);
    if (!term || !standsAsWord(text, h.start, h.end, ctx)) continue;
    const types = new Set(term.kind.split('|').map(kindType));
    const type = kindType(term.kind.split('|')[0]);
    if (!type || types.size !== 1) continue;
    found.push({ start: h.start, end: h.end, type, kind: term.kind });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: GazetteerSpan[] = [];
  const taken = new Uint8Array(text.length);
  for (const s of found) {
    if (taken.subarray(s.start, s.end).includes(1)) continue;
    taken.fill(1, s.start, s.end);
    out.push(s);
  }
  return out;
}
