// Where the pattern rows are tried (pipeline/dates/scan.ts): only at the positions where a match can
// begin, by the first characters read off each row's regex (first-chars.ts). The property: on any
// text, every row finds exactly the matches, with the same groups, that a global scan of its regex
// finds at every position. HANLINK_FUZZ_RUNS=N tries N texts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRegex } from '../../pipeline/dates/regex-reader.js';
import { PATTERNS } from '../../pipeline/dates/patterns.js';
import { ROW_SOURCES, matchStarts, rowMatches, type RowMatch } from '../../pipeline/dates/scan.js';
import { DEFAULT_CASES, loadCases } from '../../pipeline/eval/dates.js';
import { fuzzRuns, fuzzTimeout } from '../safety/fuzz-runs.js';

/** What a match says: where it is, its text, the groups that took part and their places. */
const described = (m: RowMatch) => JSON.stringify([m.index, m.text, { ...m.groups }, { ...m.places }]);

/** The non-empty matches of a regex source as a global scan finds them, trying every position. */
function globalScan(source: string, text: string): string[] {
  const re = new RegExp(source, 'gd');
  const found: string[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const took = Object.entries(m.groups ?? {}).filter(([, v]) => v !== undefined);
    const groups = Object.fromEntries(took);
    const places = Object.fromEntries(took.map(([name]) => [name, m.indices!.groups![name]]));
    found.push(described({ index: m.index, text: m[0], groups, places }));
  }
  return found;
}

// Texts mixed from the words of the dates corpus (every form the rows read) with the characters
// that sit around dates in news: separators, brackets, periods, digits, particles, other scripts.
const words = [...new Set(loadCases(DEFAULT_CASES).flatMap((c) => c.sentence.split(/\s+/)))].filter(Boolean);
const glue = [' ', ' ', '  ', '\n', '.', ',', '·', '(', ')', '~', '∼', '-', '/', ':', "'", '3', '12', '2024', '년', '월', '일', '시', '분', '부터', '까지', '에', '은', 'A', 'pm', '十'];
const text = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...words) }, { weight: 4, arbitrary: fc.constantFrom(...glue) }, { weight: 1, arbitrary: fc.string({ maxLength: 4 }) }), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('pattern rows tried only where a match can begin', () => {
  it('find what a global scan of every row finds, on the corpus sentences', () => {
    const sentences = loadCases(DEFAULT_CASES).map((c) => c.sentence).join('\n');
    const starts = matchStarts(sentences);
    let matches = 0;
    ROW_SOURCES.forEach((source, row) => {
      const scanned = globalScan(source, sentences);
      matches += scanned.length;
      expect(rowMatches(sentences, starts, row).map(described), PATTERNS[row].name).toEqual(scanned);
    });
    expect(matches).toBeGreaterThan(500);
  });

  it('find what a global scan of every row finds, on mixed texts', () => {
    fc.assert(
      fc.property(text, (t) => {
        const starts = matchStarts(t);
        ROW_SOURCES.forEach((source, row) => expect(rowMatches(t, starts, row).map(described), PATTERNS[row].name).toEqual(globalScan(source, t)));
      }),
      { numRuns: fuzzRuns(200) },
    );
  }, fuzzTimeout(60_000));
});

describe('what a regex source says', () => {
  const first = (source: string) => [...readRegex(source).first].sort();
  it('begins with the characters of optional parts, alternatives and repetitions, not of lookarounds', () => {
    expect(first('(?<![가-힣])(?:a|b?c)+d')).toEqual(['a', 'b', 'c']);
    expect(first('(?=z)(?<n>x{0,2})[0-9]\\s?')).toEqual(['[0-9]', 'x']);
    expect(first('(?:\\d|오전)?(?:\\s*시)?(?!간)$')).toEqual(['\\d', '\\s', '시', '오']);
  });
  it('lists its capture groups in the order of their numbers', () => {
    expect(readRegex('(?<a>x)(?:y)(z(?<b>w))(?<=v)(?<!u)').captures).toEqual(['a', null, 'b']);
  });
  it('refuses what it cannot read rather than guess', () => {
    expect(() => readRegex('(a)\\1')).toThrow(/unsupported escape/);
    expect(() => readRegex('(?:a')).toThrow(/unclosed group/);
    expect(() => readRegex('[ab')).toThrow(/unclosed class/);
  });
});
