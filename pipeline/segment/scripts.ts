// Script runs: maximal stretches of one writing system, so that the tokenizer can send Korean,
// Japanese and English to the analyzer that knows them. Whitespace is never part of a run.
import type { Script, ScriptRun, Span } from '../types.js';

/** The script of one code point, or null for whitespace. */
export function scriptOf(cp: number): Script | null {
  if (cp <= 0x7f) {
    if (cp >= 0x30 && cp <= 0x39) return 'digit';
    if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return 'latin';
    return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) ? null : 'other';
  }
  if (
    (cp >= 0xac00 && cp <= 0xd7a3) || // syllables
    (cp >= 0x1100 && cp <= 0x11ff) || // jamo
    (cp >= 0x3131 && cp <= 0x318e) || // compatibility jamo (ㄱ, ㅏ; not the 0x3130 gap)
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xd7b0 && cp <= 0xd7ff)
  ) {
    return 'hangul';
  }
  if (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified
    (cp >= 0x3400 && cp <= 0x4dbf) || // extension A
    (cp >= 0xf900 && cp <= 0xfaff) || // compatibility ideographs (Korean hanja duplicates)
    (cp >= 0x20000 && cp <= 0x3134f) || // extensions B–H (outside the BMP)
    cp === 0x3005 || cp === 0x3006 // 々 〆: iteration/closing marks written with kanji
  ) {
    return 'han';
  }
  if (
    (cp >= 0x3041 && cp <= 0x309f) || // hiragana
    (cp >= 0x30a0 && cp <= 0x30ff && cp !== 0x30fb) || // katakana, but ・ is punctuation
    (cp >= 0x31f0 && cp <= 0x31ff) ||
    (cp >= 0xff66 && cp <= 0xff9f) // half-width katakana
  ) {
    return 'kana';
  }
  if (cp >= 0xff10 && cp <= 0xff19) return 'digit'; // full-width digits
  if (
    (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) || // Latin-1 letters and Latin Extended A/B
    (cp >= 0x1e00 && cp <= 0x1eff) ||
    (cp >= 0xff21 && cp <= 0xff3a) || // full-width A–Z
    (cp >= 0xff41 && cp <= 0xff5a)
  ) {
    return 'latin';
  }
  return isSpaceCode(cp) ? null : 'other';
}

/** JavaScript's \s on one UTF-16 unit, without a regular expression. */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The script of the code point at `i` (a UTF-16 index), or null for whitespace and outside the text. */
export function scriptAt(text: string, i: number): Script | null {
  const cp = text.codePointAt(i);
  return cp === undefined ? null : scriptOf(cp);
}

/**
 * Script runs of `text`; when sentences are given, a run never crosses a sentence boundary
 * (a boundary can fall between two symbols, as in `했다.”“다음`).
 */
export function scriptRuns(text: string, sentences: readonly Span[] = []): ScriptRun[] {
  const cuts = new Set<number>();
  for (const s of sentences) cuts.add(s.start);
  const runs: ScriptRun[] = [];
  let cur: ScriptRun | null = null;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const script = scriptOf(cp);
    if (script === null) {
      cur = null;
    } else if (cur && cur.script === script && !cuts.has(i)) {
      cur.end = i + width;
    } else {
      cur = { start: i, end: i + width, script };
      runs.push(cur);
    }
    i += width;
  }
  return runs;
}
