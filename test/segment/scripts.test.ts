import { describe, expect, it } from 'vitest';
import { scriptAt, scriptOf, scriptRuns, segmentArticle } from '../../pipeline/segment/index.js';
import { emptyArticle } from '../../pipeline/types.js';

const runs = (text: string) => scriptRuns(text).map((r) => [text.slice(r.start, r.end), r.script]);

describe('script runs', () => {
  it('separates hangul, latin, han, kana, digits and symbols, leaving whitespace out', () => {
    expect(runs('셔먼(Wendy) 森 健良 モリ 7.24일')).toEqual([
      ['셔먼', 'hangul'],
      ['(', 'other'],
      ['Wendy', 'latin'],
      [')', 'other'],
      ['森', 'han'],
      ['健良', 'han'],
      ['モリ', 'kana'],
      ['7', 'digit'],
      ['.', 'other'],
      ['24', 'digit'],
      ['일', 'hangul'],
    ]);
  });

  it('puts hiragana and katakana in one kana run, with the long vowel mark', () => {
    expect(runs('ひらがなカタカナー')).toEqual([['ひらがなカタカナー', 'kana']]);
  });

  it('counts characters outside the BMP as two UTF-16 units', () => {
    const text = '😀한국 𠀀';
    expect(scriptRuns(text)).toEqual([
      { start: 0, end: 2, script: 'other' },
      { start: 2, end: 4, script: 'hangul' },
      { start: 5, end: 7, script: 'han' },
    ]);
  });

  it('classifies single code points', () => {
    expect(scriptOf('ㄱ'.codePointAt(0)!)).toBe('hangul');
    expect(scriptOf('Ａ'.codePointAt(0)!)).toBe('latin');
    expect(scriptOf('é'.codePointAt(0)!)).toBe('latin');
    expect(scriptOf('７'.codePointAt(0)!)).toBe('digit');
    expect(scriptOf('・'.codePointAt(0)!)).toBe('other');
    expect(scriptOf(0x3000)).toBeNull();
    expect(scriptOf(0xa0)).toBeNull();
    expect(scriptAt('가', 1)).toBeNull();
  });

  it('cuts runs at sentence boundaries', () => {
    const doc = segmentArticle(emptyArticle({ id: 't', source: 't', text: '끝났다.”“다음이다.' }));
    expect(doc.sentences).toHaveLength(2);
    for (const r of doc.scripts) {
      expect(doc.sentences.some((s) => s.start <= r.start && r.end <= s.end)).toBe(true);
    }
  });
});
