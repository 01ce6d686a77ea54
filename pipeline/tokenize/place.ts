// Putting analyzer output back onto the text, and cutting long text for the analyzers. Analyzers
// report surfaces, not trustworthy offsets (kuromoji-ko's word_position drifts after characters
// outside the BMP, compromise drops punctuation), so offsets are found by walking the text: every
// token gets text.slice(start, end) === surface by construction.
import { isSpaceCode, scriptAt } from '../segment/scripts.js';
import type { Token } from '../types.js';

/** What an analyzer says about one morpheme; `place` adds the offsets. */
export interface Morpheme {
  surface: string;
  pos: string;
  semantic: string | null;
  reading: string | null;
  lemma: string | null;
}

/**
 * Tokens for `morphemes` (in text order) found in text[from, to). Non-space characters that no
 * morpheme covers (punctuation an analyzer skipped) become one token per code point, described by `gap`.
 */
export function place(
  text: string,
  from: number,
  to: number,
  morphemes: Iterable<Morpheme>,
  source: Token['source'],
  gap: (ch: string) => Morpheme,
): Token[] {
  const out: Token[] = [];
  let cursor = from;
  const gapsUntil = (end: number) => {
    for (let i = cursor; i < end; ) {
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (!isSpaceCode(cp)) out.push(token(text, i, gap(ch), source));
      i += ch.length;
    }
  };
  for (const m of morphemes) {
    if (allSpace(m.surface)) continue;
    let at = cursor;
    while (at < to && isSpaceCode(text.charCodeAt(at))) at++;
    if (!text.startsWith(m.surface, at)) {
      // Rare (a skipped symbol before it): look further, but only up to `to`.
      const found = text.slice(at, to).indexOf(m.surface);
      if (found < 0) continue; // a surface the analyzer changed (U+FFFD): its characters become gap tokens
      at += found;
    }
    gapsUntil(at);
    out.push(token(text, at, m, source));
    cursor = at + m.surface.length;
  }
  gapsUntil(to);
  return out;
}

/**
 * Tokens of text[from, to) from a dictionary analyzer (kuromoji-ko, kuromoji): `analyze` reads it
 * in chunks (see MAX_CHUNK) and with lone surrogates replaced, and `place` puts its output back.
 */
export function placeChunks(
  text: string,
  from: number,
  to: number,
  analyze: (chunk: string) => Morpheme[],
  source: Token['source'],
  gap: (ch: string) => Morpheme,
): Token[] {
  const out: Token[] = [];
  for (const [start, end] of chunks(text, from, to)) {
    out.push(...place(text, start, end, analyze(withoutLoneSurrogates(text.slice(start, end))), source, gap));
  }
  return out;
}

/**
 * `text` with lone surrogates (left by broken decoding) replaced by U+FFFD, which has the same
 * length: the double-array dictionaries of kuromoji and kuromoji-ko crash on them. The replaced
 * character then matches no surface and becomes a gap token.
 */
export function withoutLoneSurrogates(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Empty or whitespace only. */
function allSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpaceCode(s.charCodeAt(i))) return false;
  return true;
}

function token(text: string, start: number, m: Morpheme, source: Token['source']): Token {
  return {
    start,
    end: start + m.surface.length,
    surface: m.surface,
    pos: m.pos,
    semantic: m.semantic,
    reading: m.reading,
    lemma: m.lemma,
    script: scriptAt(text, start) ?? 'other',
    source,
    term: null,
  };
}

/**
 * The longest stretch handed to kuromoji-ko or kuromoji at once, in UTF-16 units. Their lattice
 * builders copy the rest of the input at every position, so time grows with the square of a
 * stretch without sentence punctuation (20,000 × 가: 13 s; 800: 18 ms; 200: 2 ms). On KLUE text
 * joined into 350-character unpunctuated lines, chunks of 128 ran about 3 times as fast as whole
 * lines, changing 6 of 89,000 tokens. A longer stretch is cut after the last whitespace or comma
 * (Japanese has no spaces: 、) in its second half, or at the cap itself when there is none.
 */
export const MAX_CHUNK = 128;

/** [start, end) pieces of text[from, to) of at most MAX_CHUNK units, cut at whitespace or commas where possible. */
export function* chunks(text: string, from: number, to: number): Generator<[number, number]> {
  let start = from;
  while (to - start > MAX_CHUNK) {
    let cut = start + MAX_CHUNK;
    while (cut > start + MAX_CHUNK / 2 && !/[\s,、，]/u.test(text[cut - 1])) cut--;
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
