// Where the rows of the pattern table match a text. A row's regex is tried only at the positions
// where one of its matches can begin (first-chars.ts: a digit, a space, the first syllable of a
// date word, not glued to the character before), which are few; a global scan would try every
// position, and stop at each one where a row with optional parts matches the empty string.
import { charTest, firstAtoms } from './first-chars.js';
import { END } from './pieces.js';
import { PATTERNS } from './patterns.js';

/** What a temporal expression may not be glued to on its left. */
const GLUED = '[가-힣A-Za-z\\d,:/~∼〜～]';
/**
 * Nothing glued on the left: a temporal expression starts a word, never inside a number or a
 * range's end. A period glued after a word is a missing space (".23일", "밝혔다.오늘"), not a decimal.
 */
const START = `(?<!${GLUED})(?<![\\d.]\\.)`;
const gluedChar = charTest([GLUED]);

/** Each row's whole regex: nothing glued before it, the row, and what may follow it. */
export const ROW_SOURCES = PATTERNS.map((pattern) => `${START}(?:${pattern.source})${END}`);

/**
 * Each row's regex, sticky, and a probe: the same regex without its groups, which finds the same
 * matches without filling ~100 group slots at each try; the full regex runs only where the probe
 * found a non-empty match.
 */
const ROWS = ROW_SOURCES.map((source) => {
  const first = firstAtoms(source);
  return {
    first,
    canStart: charTest(first),
    re: new RegExp(source, 'yd'),
    probe: new RegExp(source.replace(/\(\?<[A-Za-z_$][\w$]*>/g, '(?:'), 'y'),
  };
});
const canStartAny = charTest(new Set(ROWS.flatMap((r) => [...r.first])));

/** The positions where some row's match can begin: a character that can start one, not glued to the one before. */
export function matchStarts(text: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (canStartAny(text.charCodeAt(i)) && (i === 0 || !gluedChar(text.charCodeAt(i - 1)))) starts.push(i);
  }
  return starts;
}

/**
 * The non-empty matches of a row (its index in PATTERNS) in text order, as a global scan of its
 * regex finds them: the leftmost, then on from its end; an empty match is passed over.
 * `starts` is matchStarts(text).
 */
export function rowMatches(text: string, starts: readonly number[], row: number): RegExpExecArray[] {
  const { canStart, re, probe } = ROWS[row];
  const found: RegExpExecArray[] = [];
  let from = 0;
  for (const i of starts) {
    if (i < from || !canStart(text.charCodeAt(i))) continue;
    probe.lastIndex = i;
    if (!probe.test(text) || probe.lastIndex === i) continue;
    re.lastIndex = i;
    const m = re.exec(text)!;
    found.push(m);
    from = i + m[0].length;
  }
  return found;
}
