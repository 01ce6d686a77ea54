import { describe, expect, it } from 'vitest';
import { particleChain, TermMatcher } from '../../pipeline/tokenize/index.js';

describe('particleChain', () => {
  it('accepts particles and chains of them', () => {
    for (const rest of ['은', '이', '과의', '에서는', '들에게', '으로부터', '까지도']) expect(particleChain(rest), rest).toBe(true);
  });
  it('rejects the rest of a longer word', () => {
    for (const rest of ['현이', '안보', '장', '이사회', '의원', '과장']) expect(particleChain(rest), rest).toBe(false);
  });
});

describe('TermMatcher', () => {
  const matcher = new TermMatcher([
    { text: '한미', id: 'org:rok-us', kind: 'org' },
    { text: '한미동맹', id: 'org:alliance', kind: 'org' },
    { text: '미', id: 'place:us', kind: 'place' },
    { text: 'SCM', id: 'org:scm', kind: 'org' },
  ]);

  it('skips one-character terms and prefers the longest match', () => {
    expect(matcher.size).toBe(3);
    const text = '한미동맹은 SCM에서';
    expect(matcher.find(text, 0, text.length, []).map((m) => [text.slice(m.start, m.end), m.ids])).toEqual([
      ['한미동맹', 'org:alliance'],
      ['SCM', 'org:scm'],
    ]);
  });

  it('finds a term across the edge of a search window', () => {
    const text = `${'a '.repeat(1023)}한미동맹은 SCM`;
    expect(matcher.find(text, 0, text.length, []).map((m) => [m.start, text.slice(m.start, m.end)])).toEqual([
      [2046, '한미동맹'],
      [2052, 'SCM'],
    ]);
    expect(matcher.find(text, 2047, text.length, []).map((m) => text.slice(m.start, m.end))).toEqual(['SCM']);
  });

  it('finds nothing with no terms', () => {
    expect(new TermMatcher([]).find('한미', 0, 2, [])).toEqual([]);
  });
});
