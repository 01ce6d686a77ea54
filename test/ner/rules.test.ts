// Quantity rules and blocked regions (phones, URLs, e-mails).
import { describe, expect, it } from 'vitest';
import { blockedMatches, quantityMatches } from '../../pipeline/ner/rules.js';

const found = (text: string) => quantityMatches(text).map((m) => text.slice(m.start, m.end));

describe('quantityMatches', () => {
  it('finds counts, amounts, sizes, ages, ratios', () => {
    expect(found('경찰은 16명을 입건했다.')).toEqual(['16명']);
    expect(found('5km 떨어진 곳에서 1조 2000억 원 규모의 사업을, 32세 남성이 3척의 배로 2배 늘려 50% 올렸다')).toEqual(['5km', '1조 2000억 원', '32세', '3척', '2배', '50%']);
    expect(found('1,200만 달러와 3.5%p, 3번째 회담에 10만명이 모였다')).toEqual(['1,200만 달러', '3.5%p', '3번째', '10만명']);
  });

  it('takes a range as one quantity', () => {
    expect(found('366.4∼598.4원, 16~18대 국회, 3-4명')).toEqual(['366.4∼598.4원', '16~18대', '3-4명']);
  });

  it('leaves native numerals untagged, as KLUE mostly does', () => {
    expect(found('한 번, 몇 명, 두 차례')).toEqual([]);
  });

  it('leaves durations and calendar words to the date types', () => {
    expect(found('3개월 동안 19세기 유물을 5년간 2시간씩 봤다')).toEqual([]);
    // a unit that begins a longer word is no unit
    expect(found('2세대 전투기, 4타수 무안타, 1020개소')).toEqual([]);
    expect(found('2023년 7월 24일')).toEqual([]);
  });

  it('never takes digits of a phone number for a quantity', () => {
    expect(found('문의 02-123-4567번')).toEqual([]);
  });
});

describe('blockedMatches', () => {
  it('finds phones, URLs and e-mail addresses without trailing punctuation', () => {
    const text = '문의: 02-123-4567, www.mnd.go.kr, https://example.com/a?b=1. 기자 hong@yna.co.kr';
    expect(blockedMatches(text).map((m) => [text.slice(m.start, m.end), m.rule])).toEqual([
      ['02-123-4567', 'phone'], ['www.mnd.go.kr', 'url'], ['https://example.com/a?b=1', 'url'], ['hong@yna.co.kr', 'email'],
    ]);
  });
});
