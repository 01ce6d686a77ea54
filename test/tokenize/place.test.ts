import { describe, expect, it } from 'vitest';
import { chunks, MAX_CHUNK, place, withoutLoneSurrogates, type Morpheme } from '../../pipeline/tokenize/place.js';

const m = (surface: string, pos = 'NNG'): Morpheme => ({ surface, pos, semantic: null, reading: null, lemma: surface });
const gap = (ch: string): Morpheme => m(ch, 'SY');

describe('place', () => {
  it('finds surfaces by walking the text, skipping spaces, and turns what no morpheme covers into symbol tokens', () => {
    const text = 'xx 😀한국 , 미국!';
    const tokens = place(text, 3, text.length, [m('한국'), m('미국')], 'ko', gap);
    expect(tokens.map((t) => [t.start, t.end, t.surface, t.pos, t.script])).toEqual([
      [3, 5, '😀', 'SY', 'other'],
      [5, 7, '한국', 'NNG', 'hangul'],
      [8, 9, ',', 'SY', 'other'],
      [10, 12, '미국', 'NNG', 'hangul'],
      [12, 13, '!', 'SY', 'other'],
    ]);
  });

  it('drops whitespace and empty surfaces and leaves an unmatched surface to the gaps', () => {
    const text = '가\uD800나';
    const tokens = place(text, 0, text.length, [m('가'), m(' '), m(''), m('\uFFFD'), m('나')], 'ko', gap);
    expect(tokens.map((t) => t.surface)).toEqual(['가', '\uD800', '나']);
  });

  it('never looks past the end of its stretch', () => {
    expect(place('가 나', 0, 1, [m('가'), m('나')], 'ko', gap).map((t) => t.surface)).toEqual(['가']);
  });
});

describe('withoutLoneSurrogates', () => {
  it('replaces lone surrogates only, keeping the length', () => {
    expect(withoutLoneSurrogates('a\uD800b😀\uDC00')).toBe('a\uFFFDb😀\uFFFD');
  });
});

describe('chunks', () => {
  const pieces = (text: string) => [...chunks(text, 0, text.length)];

  it('leaves a short stretch whole', () => {
    expect(pieces('한미 국방장관 회담')).toEqual([[0, 10]]);
  });

  it('cuts a long stretch at whitespace into contiguous pieces no longer than the cap', () => {
    const text = '국방장관 회담을 열었다 '.repeat(40);
    const got = pieces(text);
    expect(got[0][0]).toBe(0);
    expect(got.at(-1)![1]).toBe(text.length);
    for (const [i, [start, end]] of got.entries()) {
      expect(end - start).toBeLessThanOrEqual(MAX_CHUNK);
      if (i > 0) expect(start).toBe(got[i - 1][1]);
      if (end < text.length) expect(text[end - 1]).toBe(' ');
    }
  });

  it('cuts a run without spaces at the cap but never inside a surrogate pair', () => {
    const text = '가'.repeat(MAX_CHUNK - 1) + '😀' + '가'.repeat(10);
    expect(pieces(text)).toEqual([
      [0, MAX_CHUNK - 1],
      [MAX_CHUNK - 1, text.length],
    ]);
  });
});
