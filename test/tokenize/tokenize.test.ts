import { beforeAll, describe, expect, it } from 'vitest';
import { segmentStage } from '../../pipeline/segment/index.js';
import { analyzeText, loadTokenizers, MAX_CHUNK, tokenizeStage, type Tokenizers } from '../../pipeline/tokenize/index.js';
import { emptyArticle, TokenSchema, type Article, type Token } from '../../pipeline/types.js';
import type { Resources } from '../../pipeline/resources.js';

// A small term list standing in for the knowledge base (kb.terms() in the pipeline).
const TERMS = [
  { text: '한미안보협의회의', id: 'org:scm', kind: 'org' },
  { text: '국방장관', id: 'title:defense-minister', kind: 'title' },
  { text: '방위상', id: 'title:japan-defense-minister', kind: 'title' },
  { text: '모리 다케오', id: 'person:mori-takeo', kind: 'person' },
  { text: '외교부 1차관', id: 'title:mofa-first-vice-minister', kind: 'title' },
  { text: '김용', id: 'person:kim-yong', kind: 'person' },
  { text: '미국', id: 'place:united-states', kind: 'place' },
  { text: '장관', id: 'title:minister', kind: 'title' },
  { text: 'SCM', id: 'org:scm', kind: 'org' },
  { text: 'SCM', id: 'org:scm-other', kind: 'org' },
];

let tk: Tokenizers;
beforeAll(async () => {
  tk = await loadTokenizers(TERMS);
});

const analyze = (text: string) => analyzeText(text, tk);
const surfaces = (text: string) => analyze(text).tokens.map((t) => t.surface);
const find = (doc: Article, surface: string): Token => {
  const t = doc.tokens.find((x) => x.surface === surface);
  if (!t) throw new Error(`no token ${surface} in ${doc.tokens.map((x) => x.surface).join(' ')}`);
  return t;
};

/** Every token is valid, indexes the text, and tokens are ordered without overlap. */
function expectWellFormed(doc: Article): void {
  let prev = 0;
  for (const t of doc.tokens) {
    expect(TokenSchema.parse(t)).toEqual(t);
    expect(doc.text.slice(t.start, t.end)).toBe(t.surface);
    expect(t.start).toBeGreaterThanOrEqual(prev);
    prev = t.end;
  }
}

/** Every non-space character of every sentence is covered by some token. */
function expectCovered(doc: Article): void {
  const covered = new Uint8Array(doc.text.length);
  for (const t of doc.tokens) covered.fill(1, t.start, t.end);
  for (const s of doc.sentences) {
    for (let i = s.start; i < s.end; i++) if (!/\s/u.test(doc.text[i])) expect(covered[i], `${doc.text[i]} at ${i}`).toBe(1);
  }
}

describe('Korean tokens', () => {
  it('separates particles from names and carries ko-dic semantic classes', () => {
    const doc = analyze('김용현이 오스틴은 서울에서 만났다.');
    expectWellFormed(doc);
    expect(doc.tokens.slice(0, 4).map((t) => [t.surface, t.pos])).toEqual([
      ['김용현', 'NNP'],
      ['이', 'JKS'],
      ['오스틴', 'NNP'],
      ['은', 'JX'],
    ]);
    expect(find(doc, '김용현').semantic).toBe('인명');
    expect(find(doc, '서울').semantic).toBe('지명');
    expect(find(doc, '김용현').source).toBe('ko');
    expect(find(doc, '만났').lemma).toBe('만나다');
    expect(analyze('회의가 개최된다').tokens.at(-1)!.lemma).toBe('되다');
  });

  it('drops spaces and restores the comma that ko-dic reads as an empty token', () => {
    const doc = analyze('통화를 갖고, 1,000명과 협의했다.');
    expectWellFormed(doc);
    expect(doc.tokens.some((t) => /\s/u.test(t.surface) || t.surface === '')).toBe(false);
    const commas = doc.tokens.filter((t) => t.surface === ',');
    expect(commas.map((t) => [t.start, t.pos])).toEqual([
      [6, 'SC'],
      [9, 'SC'],
    ]);
  });

  it('keeps offsets right after emoji and other characters outside the BMP', () => {
    const text = '😀😀 한국과 𠀀 미국이 협력했다 👍 끝';
    const doc = analyze(text);
    expectWellFormed(doc);
    expect(find(doc, '한국').start).toBe(text.indexOf('한국'));
    expect(find(doc, '협력').start).toBe(text.indexOf('협력'));
    expect(find(doc, '끝').start).toBe(text.indexOf('끝'));
    expectCovered(doc);
  });

  it('survives lone surrogates and control characters from broken decoding', () => {
    const text = '국방장관\uD800은 \u0000서울\uDC00에서 森\uD800モリ Sherman\u200b이 만났다.';
    const doc = analyze(text);
    expectWellFormed(doc);
    expectCovered(doc);
    expect(find(doc, '서울').semantic).toBe('지명');
  });

  it('reads hanja used in Korean headlines in hangul', () => {
    const doc = analyze('北 미사일 발사에 韓美 정상 통화');
    expect([find(doc, '北').source, find(doc, '北').reading]).toEqual(['ko', '북']);
    expect(find(doc, '韓美').reading).toBe('한미');
  });

  it('finishes a long run without spaces, cut into chunks, with every character covered', () => {
    const text = '가'.repeat(20 * MAX_CHUNK);
    const doc = analyze(text);
    expectWellFormed(doc);
    expectCovered(doc);
    expect(doc.tokens.at(-1)!.end).toBe(text.length);
  });

  it('tokenizes a very long line full of terms and foreign words completely', () => {
    const doc = analyze('김용현 국방장관은 SCM에서 Wendy R. Sherman과 森 健良을 만났고 '.repeat(1000));
    expect(doc.sentences).toHaveLength(1);
    expectWellFormed(doc);
    expectCovered(doc);
    expect(doc.tokens.filter((t) => t.surface === '국방장관' && t.source === 'term')).toHaveLength(1000);
  });
});

describe('Japanese and English stretches', () => {
  it('loads IPADIC only when a Japanese stretch appears', async () => {
    const fresh = await loadTokenizers([]);
    analyzeText('北 미사일 발사에 韓美 정상회담이 열렸다. SCM에서 만났다.', fresh);
    expect(fresh.japanese.loaded).toBe(false);
    const doc = analyzeText('모리 다케오(森 健良) 차관', fresh);
    expect(fresh.japanese.loaded).toBe(true);
    expect(find(doc, '森').source).toBe('ja');
  });

  it('reads a Japanese gloss with IPADIC, with katakana readings', () => {
    const doc = analyze('모리 다케오(森 健良) 일본 외무성 사무차관');
    expectWellFormed(doc);
    const mori = find(doc, '森');
    expect([mori.source, mori.script, mori.reading, mori.semantic]).toEqual(['ja', 'han', 'モリ', '人名']);
    expect(mori.pos).toMatch(/^名詞-固有名詞-人名/);
    expect(doc.tokens.filter((t) => t.source === 'ja').every((t) => t.reading !== null && /^[\u30a0-\u30ff]+$/u.test(t.reading))).toBe(true);
    expect(find(doc, '일본').source).toBe('ko');
  });

  it('reads kana text as Japanese', () => {
    const doc = analyze('일본 측은 「ありがとうございます」라고 답했다');
    expect(doc.tokens.filter((t) => t.source === 'ja').length).toBeGreaterThan(0);
    expectWellFormed(doc);
    expectCovered(doc);
  });

  it('tags an English name with compromise, keeping punctuation as tokens', () => {
    const doc = analyze('웬디 셔먼(Wendy R. Sherman) 미국 국무부 부장관');
    expectWellFormed(doc);
    expectCovered(doc);
    const en = doc.tokens.filter((t) => t.source === 'en');
    expect(en.map((t) => t.surface)).toEqual(['Wendy', 'R', '.', 'Sherman']);
    expect(find(doc, 'Wendy').semantic).toBe('Person');
    expect(find(doc, 'Sherman').pos.split('|')).toContain('LastName');
    expect(find(doc, '(').source).toBe('ko');
  });

  it('reads an English clause with numbers and commas as one stretch', () => {
    const doc = analyze('그는 "Austin arrived in Seoul, Korea on 30 October 2024"라고 말했다.');
    expectWellFormed(doc);
    expect(doc.tokens.filter((t) => t.source === 'en').map((t) => t.surface)).toEqual(['Austin', 'arrived', 'in', 'Seoul', ',', 'Korea', 'on', '30', 'October', '2024']);
    expect(find(doc, 'arrived').lemma).toBe('arrive');
    expect(find(doc, 'Seoul').semantic).toBe('Place');
    expect(analyze('미국 Boeing 747').tokens.filter((t) => t.source === 'en').map((t) => t.surface)).toEqual(['Boeing', '747']);
    expect(analyze('NATO 2023년').tokens.filter((t) => t.source === 'en').map((t) => t.surface)).toEqual(['NATO']);
  });

  it('tags a capitalized word standing alone as an acronym', () => {
    const doc = analyze('IS 전투원과 IT 기업이 TV에 나왔다');
    expect(['IS', 'IT', 'TV'].map((w) => find(doc, w).pos)).toEqual(['Acronym|Noun', 'Acronym|Noun', 'Acronym|Noun']);
  });

  it('keeps the particle after an English word as a Korean token', () => {
    const doc = analyze('이번 NATO의 결정');
    expect(find(doc, 'NATO').source).toBe('en');
    expect(find(doc, '의').pos).toBe('JKG');
  });
});

describe('knowledge-base terms', () => {
  it('keeps a term ko-dic would cut as one token', () => {
    const doc = analyze('제56차 한미안보협의회의(SCM)가 열린다.');
    expectWellFormed(doc);
    const scm = find(doc, '한미안보협의회의');
    expect([scm.source, scm.pos, scm.term, scm.semantic]).toEqual(['term', 'NNP', 'org:scm', 'org']);
    expect(find(doc, 'SCM').term).toBe('org:scm|org:scm-other');
  });

  it('matches a term glued to what precedes it where a morpheme starts', () => {
    expect(surfaces('제56차한미안보협의회의에서')).toContain('한미안보협의회의');
  });

  it('leaves particles after a term as separate tokens', () => {
    const doc = analyze('국방장관은 기하라 방위상과의 회담에서');
    expect(doc.tokens.slice(0, 2).map((t) => [t.surface, t.source])).toEqual([
      ['국방장관', 'term'],
      ['은', 'ko'],
    ]);
    const i = doc.tokens.findIndex((t) => t.surface === '방위상');
    expect(doc.tokens[i].term).toBe('title:japan-defense-minister');
    expect(doc.tokens.slice(i + 1, i + 3).map((t) => t.surface)).toEqual(['과', '의']);
    expectWellFormed(doc);
  });

  it('merges a term spanning a space', () => {
    const doc = analyze('장호진 외교부 1차관은 모리 다케오 사무차관과 통화했다.');
    expect(find(doc, '모리 다케오').term).toBe('person:mori-takeo');
    expect(find(doc, '외교부 1차관').term).toBe('title:mofa-first-vice-minister');
    expectWellFormed(doc);
  });

  it('does not match after a one-syllable prefix', () => {
    const doc = analyze('셔먼 부장관이 국방장관과 만났다.');
    expect(doc.tokens.filter((t) => t.source === 'term').map((t) => t.surface)).toEqual(['국방장관']);
  });

  it('does not match inside a longer word', () => {
    const doc = analyze('김용현이 북미국장과 SCMs 문제를 논의했다.');
    expect(doc.tokens.filter((t) => t.source === 'term')).toEqual([]);
    expect(find(doc, '김용현').source).toBe('ko');
  });

  it('accepts a term followed by the copula', () => {
    expect(find(analyze('그 나라는 미국이다.'), '미국').term).toBe('place:united-states');
  });
});

describe('the stages', () => {
  it('run on an article after segmentation, sentence by sentence', async () => {
    const text = '김용현 국방장관은 30일 미국에서 SCM에 참석한다.\n\n□ 양 장관은 회담을 개최했습니다. 모리 다케오(森 健良) 차관도 참석했다.';
    const res = { tokenizers: tk } as Resources;
    const doc = await tokenizeStage.run(await segmentStage.run(emptyArticle({ id: 'a', source: 'a', text }), res), res);
    expectWellFormed(doc);
    expectCovered(doc);
    expect(doc.sentences).toHaveLength(3);
    for (const t of doc.tokens) expect(doc.sentences.some((s) => s.start <= t.start && t.end <= s.end)).toBe(true);
    expect(doc.tokens.some((t) => t.surface === '□')).toBe(false);
  });

  it('produce no tokens for empty text', () => {
    expect(analyze('').tokens).toEqual([]);
  });
});
