// Publication dates: metadata first, then explicit stamps in the text; never an event date.
import { describe, expect, it } from 'vitest';
import { ingest } from '../../pipeline/ingest/index.js';
import { isStampLine, parsePublishedValue, publishedInLine } from '../../pipeline/ingest/published.js';
import { fileItem, recordItem } from './helpers.js';

describe('stamps in the text', () => {
  it.each([
    ['입력 2024.10.28 10:30', '2024-10-28', '2024-10-28T10:30:00+09:00'],
    ['기사입력 : 2024-10-28 오후 3:05', '2024-10-28', '2024-10-28T15:05:00+09:00'],
    ['홍길동 기자 | 입력 2024.10.28. 오전 12:10 | 수정 2024.10.29', '2024-10-28', '2024-10-28T00:10:00+09:00'],
    ['등록 2023-07-24', '2023-07-24', null],
    ['보도일시: 2023. 7. 24.(월) 06:00', '2023-07-24', '2023-07-24T06:00:00+09:00'],
    ['승인 2019년 3월 5일', '2019-03-05', null],
    ['2024/10/28 10:30 송고', '2024-10-28', '2024-10-28T10:30:00+09:00'],
    ['(외교부, 2023.07.24)', '2023-07-24', null],
    ['Published 2021-01-05', '2021-01-05', null],
  ])('%s', (line, published, publishedDateTime) => {
    expect(publishedInLine(line)).toEqual({ published, publishedDateTime });
  });

  it.each([
    '2026년 1월 30일 안규백 국방부장관과 고이즈미 방위대신은 요코스카에서 한일 국방장관 회담을 개최했습니다.',
    '수정 2024.10.29 11:00',
    '입력 2023.02.30',
    '경향신문(2.19.) 기사 관련',
    '2023-07-24',
    '1652 정부-지자체-민간이 함께 최적지 찾는다 한국생산성본부 2023-11-27 262',
  ])('no publication date in: %s', (line) => {
    expect(publishedInLine(line)).toBeNull();
  });

  it('tells stamp-only lines from bylines that carry a name', () => {
    expect(isStampLine('입력 2024.10.28 10:30 | 수정 2024.10.28 11:00')).toBe(true);
    expect(isStampLine('(외교부, 2023.07.24)')).toBe(true);
    expect(isStampLine('홍길동 기자 입력 2024.10.28 10:30')).toBe(false);
  });

  it('takes the byline from an article file and leaves event dates alone', () => {
    const doc = ingest(fileItem('北 미사일 발사\n입력 2024.10.28 10:30\n합참은 2024년 10월 27일 북한이 탄도미사일을 발사했다고 밝혔다.\n군은 경계를 강화했다.'));
    expect(doc).toMatchObject({ published: '2024-10-28', publishedDateTime: '2024-10-28T10:30:00+09:00', publishedFrom: 'text', title: '北 미사일 발사' });
    expect(doc.text).not.toContain('입력 2024.10.28');
    const none = ingest(fileItem('합참은 2024년 10월 27일 북한이 탄도미사일을 발사했다고 밝혔다.\n군은 경계를 강화했다.'));
    expect(none).toMatchObject({ published: null, publishedDateTime: null, publishedFrom: 'none' });
  });
});

describe('metadata values', () => {
  it('reads dates and date-times in Asia/Seoul, keeping the input string when it has an offset', () => {
    expect(parsePublishedValue('2023-07-24', true)).toEqual({ published: '2023-07-24', publishedDateTime: null });
    expect(parsePublishedValue('2013-02-12T04:30:00-02:00', true)).toEqual({ published: '2013-02-12', publishedDateTime: '2013-02-12T04:30:00-02:00' });
    // 20:00 UTC is 05:00 the next day in Seoul.
    expect(parsePublishedValue('2024-10-28T20:00:00Z', true)).toEqual({ published: '2024-10-29', publishedDateTime: '2024-10-28T20:00:00Z' });
    expect(parsePublishedValue('2024-10-28 10:30:00 +0900', false)).toEqual({ published: '2024-10-28', publishedDateTime: '2024-10-28T10:30:00+09:00' });
    expect(parsePublishedValue('2024-10-28T10:30', true)).toEqual({ published: '2024-10-28', publishedDateTime: '2024-10-28T10:30:00+09:00' });
    expect(parsePublishedValue('2024.10.28', false)).toEqual({ published: '2024-10-28', publishedDateTime: null });
    expect(parsePublishedValue(new Date('2024-10-28T01:30:00Z'), false)).toEqual({ published: '2024-10-28', publishedDateTime: '2024-10-28T10:30:00+09:00' });
  });

  it.each(['2023-02-30', 'yesterday', '', '2024-13-01T00:00:00Z'])('rejects %j', (value) => {
    expect(parsePublishedValue(value, true)).toBeNull();
  });

  it('JSONL published wins and is never second-guessed from the text', () => {
    const doc = ingest(recordItem({ id: 'a', text: '입력 2020.01.01 09:00\n본문이다.', published: '2023-07-24T09:00:00+09:00' }));
    expect(doc).toMatchObject({ published: '2023-07-24', publishedDateTime: '2023-07-24T09:00:00+09:00', publishedFrom: 'input' });
  });

  it('JSONL without published takes a dateline from its (unaltered) text, but not from a list in it', () => {
    const text = '입력 2020.01.01 09:00\n본문이다.';
    expect(ingest(recordItem({ id: 'a', text }))).toMatchObject({ text, published: '2020-01-01', publishedFrom: 'text' });
    const listed = '본문이다.\n관련기사\n- 다른 기사 제목 입력 2019.05.05';
    expect(ingest(recordItem({ id: 'b', text: listed }))).toMatchObject({ text: listed, published: null, publishedFrom: 'none' });
    expect(ingest(recordItem({ id: 'c', text: '본문이다.' }))).toMatchObject({ published: null, publishedFrom: 'none' });
  });

  it('a malformed JSONL published becomes a warning, not a guess', () => {
    const doc = ingest(recordItem({ id: 'a', text: '본문이다.', published: '2023-02-30' }));
    expect(doc.published).toBeNull();
    expect(doc.warnings[0]).toMatch(/ignored "published": "2023-02-30"/);
  });
});
