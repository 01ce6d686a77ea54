// Korean morphemes from kuromoji-ko (mecab-ko-dic): POS tags of the Sejong tagset, ko-dic's
// semantic classes (인명, 지명, ...), hangul readings of hanja (北 → 북).
import { createRequire } from 'node:module';
import path from 'node:path';
import kuromojiKo, { type KoreanToken, type Tokenizer } from 'kuromoji-ko';
import type { Token } from '../types.js';
import { place, withoutLoneSurrogates, type Morpheme } from './place.js';

/**
 * The longest stretch handed to kuromoji-ko at once, in UTF-16 units. Its lattice builder copies
 * the rest of the input at every position, so time grows with the square of a stretch without
 * sentence punctuation (20,000 × 가: 13 s; 800: 18 ms; 200: 2 ms). On KLUE text joined into
 * 350-character unpunctuated lines, chunks of 128 ran about 3 times as fast as whole lines
 * (bench/tokenize.ts measures the stage), changing 6 of 89,000 tokens. A longer stretch is cut at
 * the last whitespace in its second half, or at the cap itself when there is none.
 */
export const MAX_CHUNK = 128;

/** Stems that take 다 in their dictionary form, including the verb/adjective suffixes 하, 되. */
const PREDICATE = /^(VV|VA|VX|VCP|VCN|XSV|XSA)/;

export class KoreanAnalyzer {
  private constructor(private readonly tokenizer: Tokenizer) {}

  /** Loads mecab-ko-dic from the kuromoji-ko package (about 2 s; do it once per worker). */
  static async load(): Promise<KoreanAnalyzer> {
    const entry = createRequire(import.meta.url).resolve('kuromoji-ko');
    const dicPath = path.join(path.dirname(entry), '..', 'dict');
    return new KoreanAnalyzer(await kuromojiKo.builder({ dicPath }).build());
  }

  /** The morphemes of text[from, to) as tokens with offsets into `text`. */
  tokenize(text: string, from: number, to: number): Token[] {
    const out: Token[] = [];
    for (const [start, end] of chunks(text, from, to)) {
      const raw = this.tokenizer.tokenize(withoutLoneSurrogates(text.slice(start, end)));
      out.push(...place(text, start, end, raw.map(morpheme), 'ko', symbol));
    }
    return out;
  }

  /** Raw kuromoji-ko output, for measuring the analyzer alone. */
  raw(text: string): KoreanToken[] {
    return this.tokenizer.tokenize(text);
  }
}

function morpheme(t: KoreanToken): Morpheme {
  // mecab-ko-dic's comma entry is read from CSV as an empty surface and POS with "SC" shifted
  // into the semantic-class column.
  if (t.surface_form === '' && t.pos === '') return { surface: ',', pos: 'SC', semantic: null, reading: null, lemma: null };
  const semantic = t.semantic_class === '*' ? null : t.semantic_class;
  const reading = t.reading === '*' || t.reading === t.surface_form ? null : t.reading;
  return { surface: t.surface_form, pos: t.pos, semantic, reading, lemma: lemma(t) };
}

/** Dictionary form: predicates get 다 on the stem (만났 → 만나다), everything else is itself. */
function lemma(t: KoreanToken): string | null {
  if (t.type === 'Inflect' && t.expression !== '*') {
    const [stem, pos] = t.expression.split('+')[0].split('/');
    return PREDICATE.test(pos) ? `${stem}다` : stem;
  }
  if (/^S[LHNWFPSOCY]/.test(t.pos) || t.pos === 'SP') return null;
  return PREDICATE.test(t.pos) ? `${t.surface_form}다` : t.surface_form;
}

/** Symbols kuromoji-ko skipped (none known, but `place` needs a description for any gap). */
function symbol(ch: string): Morpheme {
  return { surface: ch, pos: 'SY', semantic: null, reading: null, lemma: null };
}

/** [start, end) pieces of text[from, to) of at most MAX_CHUNK units, cut at whitespace where possible. */
export function* chunks(text: string, from: number, to: number): Generator<[number, number]> {
  let start = from;
  while (to - start > MAX_CHUNK) {
    let cut = start + MAX_CHUNK;
    while (cut > start + MAX_CHUNK / 2 && !/\s/u.test(text[cut - 1])) cut--;
    if (cut <= start + MAX_CHUNK / 2) {
      cut = start + MAX_CHUNK;
      if (isLowSurrogate(text.charCodeAt(cut))) cut--; // never between the halves of a surrogate pair
    }
    yield [start, cut];
    start = cut;
  }
  if (start < to) yield [start, to];
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
