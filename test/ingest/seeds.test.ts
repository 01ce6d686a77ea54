// The five seed articles against their reviewed, checked-in cleaned text (fixtures/ingest/).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingest, readInputs, type InputItem } from '../../pipeline/ingest/index.js';
import type { Article } from '../../pipeline/types.js';

const items: InputItem[] = [];
for await (const item of readInputs(['seeds'])) items.push(item);
const docs = new Map<string, Article>(items.map((item) => [item.id, ingest(item)]));

function fixture(id: string): { text: string; meta: { title: string | null; published: string | null; published_from: string } } {
  return {
    text: readFileSync(`fixtures/ingest/${id}.txt`, 'utf8'),
    meta: JSON.parse(readFileSync(`fixtures/ingest/${id}.json`, 'utf8')),
  };
}

function reasons(doc: Article): string[] {
  return doc.removed.map((r) => r.reason);
}

describe('seeds', () => {
  it('reads the five seeds in file-name order with ids and sources from the path', () => {
    expect(items.map((i) => i.id)).toEqual([
      '000_b034ab33dfae76ad', '001_9fc8fec4e04e5d1b', '002_269dde5413313624', '003_b9966a5cffd145ef', '004_9077b87a7996d144',
    ]);
    expect(items[2].source).toBe('seeds/002_269dde5413313624.txt');
  });

  for (const id of ['000_b034ab33dfae76ad', '001_9fc8fec4e04e5d1b', '002_269dde5413313624', '003_b9966a5cffd145ef', '004_9077b87a7996d144']) {
    it(`${id} matches its fixture`, () => {
      const doc = docs.get(id)!;
      const want = fixture(id);
      expect(doc.text).toBe(want.text);
      expect({ title: doc.title, published: doc.published, published_from: doc.publishedFrom }).toEqual(want.meta);
    });
  }

  it('000 (plain text, no boilerplate) keeps the input byte for byte, FAQ and table included', () => {
    const doc = docs.get('000_b034ab33dfae76ad')!;
    expect(doc.text).toBe(readFileSync('seeds/000_b034ab33dfae76ad.txt', 'utf8'));
    expect(doc.removed).toEqual([]);
    expect(doc.text).toContain('질문 3. 김 장관은 어떤 일정이 예정되어 있나요?');
    expect(doc.text).toContain('북한군 대응 | 안보 정세 평가 | 정치적 공조 |');
    // "오는 30일" is an event date, not the publication date.
    expect(doc.published).toBeNull();
  });

  it('001 and 004: front matter and HTML gone, images and link footers recorded', () => {
    for (const id of ['001_9fc8fec4e04e5d1b', '004_9077b87a7996d144']) {
      const doc = docs.get(id)!;
      expect(doc.text).not.toMatch(/<[a-z/]|&nbsp;|---|title:|opensis|newsdao|https?:/);
      expect(reasons(doc)).toEqual(expect.arrayContaining(['front-matter', 'html:img', 'boilerplate:link-dense']));
      expect(doc.meta.categories).toEqual(['News']);
      expect(doc.publishedFrom).toBe('none');
    }
    expect(docs.get('001_9fc8fec4e04e5d1b')!.text).toContain('양자회담 일정 | 2023년 10월 28일, 도쿄');
    expect(reasons(docs.get('004_9077b87a7996d144')!)).toContain('boilerplate:copyright');
  });

  it('002: admin lines and the bulletin list removed, published from the dateline', () => {
    const doc = docs.get('002_269dde5413313624')!;
    expect(doc.text.startsWith('한미일 외교차관 통화(7.24.) 결과\n장호진 외교부 1차관은')).toBe(true);
    expect(doc.text.endsWith('힘을 보태달라고 당부하였습니다.')).toBe(true);
    expect(doc.text).not.toMatch(/담당부서|한국생산성본부|Print|상태: 노출|2023-11-27|korea\.kr/);
    expect(reasons(doc)).toEqual(expect.arrayContaining(['boilerplate:menu', 'boilerplate:board-list', 'boilerplate:end-marker']));
    expect(doc.published).toBe('2023-07-24');
    expect(doc.publishedFrom).toBe('text');
    expect(doc.warnings.join(' ')).toMatch(/not the verbatim input/);
  });

  it('003: body kept once, menus and news lists gone, no publication date', () => {
    const doc = docs.get('003_b9966a5cffd145ef')!;
    const paragraphs = doc.text.split('\n');
    expect(new Set(paragraphs).size).toBe(paragraphs.length);
    expect(paragraphs).toHaveLength(6);
    expect(doc.text).not.toMatch(/콘텐츠 영역|인기 뉴스|최신 뉴스|공공누리|게시물 운영원칙|<끝>/);
    expect(reasons(doc)).toEqual(expect.arrayContaining(['duplicate-paragraph', 'boilerplate:related-list', 'boilerplate:end-marker']));
    // "2026년 1월 30일 ... 회담을 개최" dates the meeting, not the release.
    expect(doc.published).toBeNull();
    expect(doc.title).toBeNull();
  });
});
