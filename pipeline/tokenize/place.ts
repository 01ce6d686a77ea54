// Putting analyzer output back onto the text. Analyzers report surfaces, not trustworthy offsets
// (kuromoji-ko's word_position drifts after characters outside the BMP, compromise drops
// punctuation), so offsets are found by walking the text: every token gets
// text.slice(start, end) === surface by construction.
import { scriptAt } from '../segment/scripts.js';
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
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      if (!/\s/u.test(ch)) out.push(token(text, i, gap(ch), source));
      i += ch.length;
    }
  };
  for (const m of morphemes) {
    if (m.surface === '' || /^\s+$/u.test(m.surface)) continue;
    let at = cursor;
    while (at < to && /\s/u.test(text[at])) at++;
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
 * `text` with lone surrogates (left by broken decoding) replaced by U+FFFD, which has the same
 * length: the double-array dictionaries of kuromoji and kuromoji-ko crash on them. The replaced
 * character then matches no surface and becomes a gap token.
 */
export function withoutLoneSurrogates(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
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
