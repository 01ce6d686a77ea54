// Whole pages as they come from scrapers: a newspaper article page (HTML) and the same kind of
// page copied as plain text. Made-up content in the layout Korean news sites use.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../pipeline/ingest/index.js';
import { fileItem } from './helpers.js';

function page(name: string, kind: 'html' | 'txt') {
  return ingest(fileItem(new Uint8Array(readFileSync(`fixtures/ingest/pages/${name}`)), kind, name));
}

describe('a newspaper article page (HTML)', () => {
  const doc = page('news-page.html', 'html');

  it('keeps only the marked article body: caption and paragraphs, after the headline and description it does not repeat', () => {
    expect(doc.text).toBe([
      '합참 "북한, 동해상으로 탄도미사일 발사"',
      '합동참모본부는 북한이 동해상으로 탄도미사일을 발사했다고 밝혔다.',
      '북한이 발사한 탄도미사일. [가상일보 자료사진]',
      '(서울=가상일보) 홍길동 기자 = 북한이 31일 오전 동해상으로 탄도미사일을 발사했다고 합동참모본부가 밝혔다.',
      '합참은 이날 "북한이 오전 7시 10분께 평양 일대에서 동해상으로 장거리 탄도미사일 1발을 발사했다"며 "우리 군은 경계 및 감시를 강화한 가운데 미·일 측과 관련 정보를 긴밀하게 공유하고 있다"고 전했다.',
      '이번 발사는 지난 9월 18일 이후 43일 만이다.',
      '군 당국은 미사일의 비행거리와 고도 등 제원을 분석하고 있다.',
    ].join('\n'));
  });

  it('records the page around it, the in-article ad, related links and the copyright line', () => {
    expect(doc.removed.map((r) => r.reason)).toEqual([
      'html:outside-article', 'html:img', 'html:chrome(class=ad_inarticle)', 'boilerplate:related-list', 'boilerplate:copyright',
    ]);
  });

  it('takes the headline from <h1> and the date from the byline above the body, not the 수정 time or the footer', () => {
    expect(doc.title).toBe('합참 "북한, 동해상으로 탄도미사일 발사"');
    expect(doc).toMatchObject({ published: '2024-10-31', publishedDateTime: '2024-10-31T07:52:00+09:00', publishedFrom: 'text' });
  });
});

describe('a news page copied as plain text', () => {
  const doc = page('scraped-news.txt', 'txt');

  it('drops the menus, byline stamps, share bar, copyright and most-read list; keeps the article and its bullets', () => {
    expect(doc.text).toBe([
      '국방부, 내년 국방예산 61조 원 편성…전년 대비 3.6% 증가',
      '김영희 기자',
      '국방부는 27일 내년도 국방예산을 61조 원 규모로 편성했다고 밝혔다.',
      '이는 올해 본예산 대비 3.6% 증가한 것으로, 방위력 개선비가 크게 늘었다.',
      '국방부 관계자는 "북한의 핵·미사일 위협에 대응하는 3축 체계 구축에 중점을 뒀다"고 설명했다.',
      '주요 증액 항목은 다음과 같다.',
      '- 킬체인 및 한국형 미사일방어 전력 보강',
      '- 장병 처우 개선',
      '- 첨단 과학기술 기반 전력 확보',
      '예산안은 다음 달 국회에 제출될 예정이다.',
    ].join('\n'));
    expect(doc.removed.map((r) => r.reason)).toEqual([
      'boilerplate:menu', 'boilerplate:dateline', 'boilerplate:menu', 'boilerplate:menu', 'boilerplate:copyright', 'boilerplate:related-list',
    ]);
  });

  it('reads title and the 입력 stamp, not the 수정 one', () => {
    expect(doc.title).toBe('국방부, 내년 국방예산 61조 원 편성…전년 대비 3.6% 증가');
    expect(doc).toMatchObject({ published: '2024-08-27', publishedDateTime: '2024-08-27T14:00:00+09:00', publishedFrom: 'text' });
  });

  it('a section word alone is not removed: only a run of them is a menu', () => {
    const text = '국방\n국방부는 27일 내년도 국방예산을 61조 원 규모로 편성했다고 밝혔다.';
    expect(ingest(fileItem(text)).text).toBe(text);
  });
});
