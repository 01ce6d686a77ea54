// Markdown/Jekyll front matter: parsed with yaml, removed from the text, title/date/meta kept.
import { describe, expect, it } from 'vitest';
import { ingest } from '../../pipeline/ingest/index.js';
import { splitFrontMatter } from '../../pipeline/ingest/front-matter.js';
import { StageError } from '../../pipeline/types.js';
import { fileItem } from './helpers.js';

const MD = `---
title: "한미 국방장관, 서울서 회담"
date: 2024-10-28 10:30:00 +0900
categories: [News, Defense]
excerpt: >
  두 장관이 만났다.
url: https://example.kr/a/1
---

# 한미 국방장관, 서울서 회담

양국 국방장관은 28일 서울에서 회담을 열었다.
`;

describe('front matter', () => {
  it('parses title, date, categories; removes the block; keeps the rest in meta', () => {
    const doc = ingest(fileItem(MD, 'md'));
    expect(doc.title).toBe('한미 국방장관, 서울서 회담');
    expect(doc).toMatchObject({ published: '2024-10-28', publishedDateTime: '2024-10-28T10:30:00+09:00', publishedFrom: 'front-matter' });
    expect(doc.meta).toMatchObject({ categories: ['News', 'Defense'], excerpt: '두 장관이 만났다.\n', url: 'https://example.kr/a/1' });
    // The body repeats the title; the excerpt it does not repeat leads the text (the headline counts).
    expect(doc.text).toBe('두 장관이 만났다.\n# 한미 국방장관, 서울서 회담\n양국 국방장관은 28일 서울에서 회담을 열었다.');
    expect(doc.removed[0]).toMatchObject({ reason: 'front-matter' });
    expect(doc.removed[0].text).toContain('categories: [News, Defense]');
  });

  it('a front matter without date leaves published to the text, and a bad date is a warning', () => {
    const noDate = ingest(fileItem('---\ntitle: 제목\n---\n본문 문장이다.\n(국방부, 2023.07.24)\n', 'txt'));
    expect(noDate).toMatchObject({ title: '제목', published: '2023-07-24', publishedFrom: 'text' });
    const badDate = ingest(fileItem('---\ntitle: 제목\ndate: 언젠가\n---\n본문 문장이다.\n', 'txt'));
    expect(badDate).toMatchObject({ published: null, publishedFrom: 'none' });
    expect(badDate.warnings).toEqual(['ignored front matter date "언젠가": not a date']);
  });

  it('only a block at the very start counts', () => {
    expect(splitFrontMatter('본문\n---\ntitle: x\n---\n')).toBeNull();
    expect(splitFrontMatter('---\n---\n본문')).toEqual({ data: {}, raw: '---\n---\n', body: '본문' });
  });

  it('a "---" rule at the top of a plain text is not front matter', () => {
    const text = '---\n국방부는 훈련을 실시한다고 밝혔다.\n---\n이번 훈련은 닷새간 이어진다.';
    expect(splitFrontMatter(text)).toBeNull();
    expect(ingest(fileItem(text)).removed.map((r) => r.reason)).toEqual(['boilerplate:stray-punctuation', 'boilerplate:stray-punctuation']);
  });

  it('an unclosed block or invalid YAML is an ingest error with a clear message', () => {
    expect(() => ingest(fileItem('---\ntitle: 제목\n본문', 'md'))).toThrow(StageError);
    expect(() => ingest(fileItem('---\ntitle: 제목\n본문', 'md'))).toThrow(/front matter opened with "---" is never closed/);
    expect(() => ingest(fileItem('---\ntitle: [unclosed\n---\n본문', 'md'))).toThrow(/front matter is not valid YAML/);
    expect(() => ingest(fileItem('---\ntitle: 제목\n- b\n---\n본문', 'md'))).toThrow(/front matter is not valid YAML/);
  });
});

describe('the headline counts', () => {
  it('puts a title and the excerpt sentences the body does not repeat before the body', () => {
    const src = '---\ntitle: 한미 외교차관 통화\nexcerpt: 조구래 외교부 본부장이 협의했다. 양측은 공조를 확인했다.\n---\n양측은 공조를 확인했다.\n회의는 30분간 이어졌다.\n';
    const doc = ingest(fileItem(src, 'md'));
    expect(doc.text.split('\n').slice(0, 3)).toEqual(['한미 외교차관 통화', '조구래 외교부 본부장이 협의했다.', '양측은 공조를 확인했다.']);
    expect(doc.title).toBe('한미 외교차관 통화');
  });
  it('adds nothing the body already says, and leaves a plain text as it is', () => {
    const src = '---\ntitle: 회의 개최\nsummary: 회의가 열렸다.\n---\n회의 개최\n회의가 열렸다.\n';
    expect(ingest(fileItem(src, 'md')).text).toBe('회의 개최\n회의가 열렸다.');
    const plain = '국방부 발표\n오늘 회의가 열렸다.\n';
    expect(ingest(fileItem(plain)).text).toBe(plain);
  });
  it('reads an HTML description', () => {
    const html = '<html><head><title>제목 - 신문</title><meta property="og:description" content="요약 문장이다."></head><body><h1>제목</h1><p>본문 문장이다.</p><p>둘째 문장이다.</p></body></html>';
    expect(ingest(fileItem(html, 'html')).text.split('\n')[0]).toBe('요약 문장이다.');
  });
});
