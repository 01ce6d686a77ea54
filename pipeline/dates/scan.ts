// Where the rows of the pattern table match a text. A row's regex is tried only at the positions
// where one of its matches can begin (regex-reader.ts: a digit, a space, the first syllable of a
// date word, not glued to the character before), which are few; a global scan would try every
// position, and stop at each one where a row with optional parts matches the empty string.
import { charTest, readRegex } from './regex-reader.js';
import { END, type Groups } from './pieces.js';
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

const NAMED_GROUP = /\(\?<[A-Za-z_$][\w$]*>/g;

/**
 * Each row's regex, sticky, in two forms: a probe without groups, which finds the same matches
 * without filling ~100 group slots at each try, and, where the probe found a non-empty match, the
 * regex with its groups numbered (V8 fills named groups several times slower); `captures` names them.
 */
const ROWS = ROW_SOURCES.map((source) => {
  const { first, captures } = readRegex(source);
  return {
    first,
    captures,
    canStart: charTest(first),
    probe: new RegExp(source.replace(NAMED_GROUP, '(?:'), 'y'),
    re: new RegExp(source.replace(NAMED_GROUP, '('), 'yd'),
  };
});
const canStartAny = charTest(new Set(ROWS.flatMap((r) => [...r.first])));

/** A row's match: where it starts, its text, and the named groups that took part, with their places. */
export interface RowMatch {
  index: number;
  text: string;
  groups: Groups;
  places: Record<string, [number, number]>;
}

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
export function rowMatches(text: string, starts: readonly number[], row: number): RowMatch[] {
  const { canStart, probe, re, captures } = ROWS[row];
  const found: RowMatch[] = [];
  let from = 0;
  for (const i of starts) {
    if (i < from || !canStart(text.charCodeAt(i))) continue;
    probe.lastIndex = i;
    if (!probe.test(text) || probe.lastIndex === i) continue;
    re.lastIndex = i;
    const m = re.exec(text)!;
    const groups: Groups = Object.create(null);
    const places: Record<string, [number, number]> = Object.create(null);
    captures.forEach((name, k) => {
      if (name === null || m[k + 1] === undefined) return;
      groups[name] = m[k + 1];
      places[name] = m.indices![k + 1]!;
    });
    found.push({ index: i, text: m[0], groups, places });
    from = i + m[0].length;
  }
  return found;
}
