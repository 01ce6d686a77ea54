// The pieces of the dates stage on hand-made inputs: numerals, KLUE-style entity spans, weekday
// checks, anchors with a time of day, numeric dates in context, and the stage itself.
import { describe, expect, it } from 'vitest';
import { datesStage, findTemporal, makeAnchor } from '../../pipeline/dates/index.js';
import { isIsoValue } from '../../pipeline/dates/normalize.js';
import { parseCardinal, parseDayCount } from '../../pipeline/dates/numerals.js';
import { emptyArticle, type Entity } from '../../pipeline/types.js';
import type { Resources } from '../../pipeline/resources.js';

const anchor = makeAnchor('2023-07-24', null); // a Monday
const spans = (text: string) => findTemporal(text, anchor).map(({ entity: e }) => `${text.slice(e.start, e.end)}:${e.type}`);
const values = (text: string, a = anchor) => findTemporal(text, a).map((t) => [t.entity.type, t.mention?.text, t.mention?.value]);

describe('numerals', () => {
  it('reads Arabic, Sino-Korean and native numbers', () => {
    expect(parseCardinal('1,000')).toBe(1000);
    expect(parseCardinal('이십일')).toBe(21);
    expect(parseCardinal('삼십')).toBe(30);
    expect(parseCardinal('백이십')).toBe(120);
    expect(parseCardinal('천')).toBe(1000);
    expect(parseCardinal('열두')).toBe(12);
    expect(parseCardinal('스무')).toBe(20);
    expect(parseCardinal('석')).toBe(3);
    expect(parseCardinal('사과')).toBeNaN();
  });
  it('reads native day counts', () => {
    expect(['하루', '이틀', '사흘', '나흘', '닷새', '엿새', '이레', '열흘', '보름'].map(parseDayCount)).toEqual([1, 2, 3, 4, 5, 6, 7, 10, 15]);
  });
});

describe('KLUE-style entity spans', () => {
  it('splits a date and its time into DT and TI, leaving 께 and particles out', () => {
    expect(spans('지난 27일 오후 7시 20분께 신고가 접수됐다.')).toEqual(['지난 27일:DT', '오후 7시 20분:TI']);
    expect(spans('이날 오전 회의는 오늘은 열리지 않았다.')).toEqual(['이날:DT', '오전:TI', '오늘:DT']);
  });
  it('keeps a ~ range whole and splits 부터…까지 into its ends', () => {
    expect(spans('오전 10시∼오후 1시50분 사이')).toEqual(['오전 10시∼오후 1시50분:TI']);
    expect(spans('2022년부터 2024년까지')).toEqual(['2022년:DT', '2024년:DT']);
    expect(spans('24일 오전 10시~오후 3시')).toEqual(['24일:DT', '오전 10시~오후 3시:TI']);
  });
  it('marks durations by unit: days and longer DT, hours and shorter TI; 만에 stays outside', () => {
    expect(spans('15년 만에 30분간 사흘째')).toEqual(['15년:DT', '30분간:TI', '사흘째:DT']);
  });
  it('keeps 지난/오는 and 전/후 inside, 경 and 께 outside', () => {
    expect(spans('지난 12일 오는 30일 5년전 오후 3시경')).toEqual(['지난 12일:DT', '오는 30일:DT', '5년전:DT', '오후 3시:TI']);
  });
});

describe('date mentions over entity spans', () => {
  it('gives the time part of "date + time" the full date-time', () => {
    expect(values('24일 오후 3시 회의')).toEqual([['DT', '24일', '2023-07-24'], ['TI', '오후 3시', '2023-07-24T15:00']]);
    expect(values('전날 오후')).toEqual([['DT', '전날', '2023-07-23'], ['TI', '오후', '2023-07-23T12:00/2023-07-23T18:00']]);
  });
  it('makes 부터…까지 two KLUE spans, each its own mention: the start carries the range, the end its own day', () => {
    expect(values('8월 1일부터 3일까지는')).toEqual([['DT', '8월 1일', '2023-08-01/2023-08-03'], ['DT', '3일', '2023-08-03']]);
    expect(values('오후 2시에서 4시까지')).toEqual([['TI', '오후 2시', '2023-07-24T14:00/2023-07-24T16:00'], ['TI', '4시', '2023-07-24T16:00']]);
    expect(values('7월 13일부터 15일 열린다')).toEqual([['DT', '7월 13일', '2023-07-13/2023-07-15'], ['DT', '15일', '2023-07-15']]);
    expect(values('2024년에서 2025년으로')).toEqual([['DT', '2024년', '2024'], ['DT', '2025년', '2025']]);
  });
  it('opens an interval at A for "A부터" with no end, and keeps "B까지" a deadline', () => {
    expect(values('24일 오후 3시부터 시행')).toEqual([['DT', '24일', '2023-07-24'], ['TI', '오후 3시', '2023-07-24T15:00/..']]);
    expect(values('16일부터 시행')).toEqual([['DT', '16일', '2023-07-16/..']]);
    expect(values('이달 말부터 연말까지')).toEqual([['DT', '이달 말', '2023-07-21/2023-12'], ['DT', '연말', '2023-12']]);
    expect(values('연말까지 완료')).toEqual([['DT', '연말', '2023-12']]);
  });
  it('lets the last day and year of a range be the reference for 그날 and 이듬해', () => {
    expect(values('8월 1일부터 3일까지 열린다. 그날 오후').slice(2)).toEqual([['DT', '그날', '2023-08-03'], ['TI', '오후', '2023-08-03T12:00/2023-08-03T18:00']]);
    expect(values('1995∼1996년 대홍수 이듬해').at(-1)).toEqual(['DT', '이듬해', '1997']);
  });
  it('makes a ~ range one interval, the date before it a mention of its own', () => {
    expect(values('24일 오전 10시~오후 3시')).toEqual([['DT', '24일', '2023-07-24'], ['TI', '오전 10시~오후 3시', '2023-07-24T10:00/2023-07-24T15:00']]);
  });
  it('keeps spans KLUE marks but ISO cannot write as entities without a mention', () => {
    expect(values('2~3개월 전반 25분')).toEqual([['DT', undefined, undefined], ['TI', undefined, undefined]]);
  });
});

describe('weekday hints', () => {
  it('warns when the weekday in parentheses contradicts the date, and keeps the date', () => {
    const warnings: string[] = [];
    const [t] = findTemporal('7.25.(월) 회의', anchor, (w) => warnings.push(w));
    expect(t.mention?.value).toBe('2023-07-25');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('2023-07-25');
  });
  it('says nothing when the weekday agrees', () => {
    const warnings: string[] = [];
    findTemporal('2023년 7월 24일(월) 회의', anchor, (w) => warnings.push(w));
    expect(warnings).toEqual([]);
  });
});

describe('anchors', () => {
  it('does hour arithmetic in Asia/Seoul from a date-time in another offset', () => {
    const a = makeAnchor('2024-02-15', '2024-02-14T20:00:00-05:00'); // 10:00 on the 15th in Seoul
    expect(findTemporal('3시간 후', a)[0].mention?.value).toBe('2024-02-15T13:00');
    expect(findTemporal('오늘', a)[0].mention?.value).toBe('2024-02-15');
  });
  it('takes the anchor day from the date-time when no date is given', () => {
    const a = makeAnchor(null, '2022-12-31T23:30:00+09:00');
    expect(findTemporal('내일', a)[0].mention?.value).toBe('2023-01-01');
  });
});

describe('numeric dates need a date context', () => {
  it('reads a list item of its own (a byline date) but not a number in running text', () => {
    const text = '  • 상태: 노출\n  • 08-02\n\n경제성장률은 3.5로 7.24 수준이다.';
    const found = findTemporal(text, anchor).flatMap((t) => (t.mention ? [t.mention] : []));
    expect(found.map((m) => [m.text, m.value])).toEqual([['08-02', '2023-08-02']]);
  });
});

describe('the dates stage', () => {
  const res = {} as Resources;
  it('writes dates with exact offsets and valid values, and merges DT/TI into the entities', async () => {
    const text = '장호진 1차관은 7.24.(월) 오전 통화했다. 3국은 지난해 9월 이후 15년 만에 2시간 동안 회의했다.';
    const ner: Entity = { start: 0, end: 3, text: '장호진', type: 'PS', subtype: null, confidence: 0.9, link: null, source: 'model' };
    const doc = await datesStage.run(emptyArticle({ id: 't', source: 't', text, published: '2023-07-24', entities: [ner] }), res);
    for (const d of doc.dates) {
      expect(text.slice(d.start, d.end)).toBe(d.text);
      expect(isIsoValue(d.value)).toBe(true);
    }
    expect(doc.dates.map((d) => [d.text, d.value])).toEqual([
      ['7.24.(월)', '2023-07-24'],
      ['오전', '2023-07-24T00:00/2023-07-24T12:00'],
      ['지난해 9월', '2022-09/..'],
      ['15년', 'P15Y'],
      ['2시간 동안', 'PT2H'],
    ]);
    expect(doc.entities.map((e) => `${e.text}:${e.type}:${e.source}`)).toEqual([
      '장호진:PS:model', '7.24.(월):DT:date', '오전:TI:date', '지난해 9월:DT:date', '15년:DT:date', '2시간 동안:TI:date',
    ]);
    expect(doc.warnings).toEqual([]);
  });
  it('gives every DT/TI entity one date mention with the same span (부터…까지: the start carries the range)', async () => {
    const text = '훈련은 2022년부터 2024년까지 이어진다. 16일부터 시행된다.';
    const doc = await datesStage.run(emptyArticle({ id: 't', source: 't', text, published: '2023-07-24' }), res);
    expect(doc.dates.map((d) => [d.text, d.kind, d.value])).toEqual([['2022년', 'interval', '2022/2024'], ['2024년', 'date', '2024'], ['16일', 'interval', '2023-07-16/..']]);
    expect(doc.entities.map((e) => `${e.start}:${e.end}:${e.type}`)).toEqual(doc.dates.map((d) => `${d.start}:${d.end}:DT`));
  });
});

describe('issue 10 probes', () => {
  const res = {} as Resources;
  const model = (text: string, word: string, type: 'DT' | 'TI', confidence: number): Entity => {
    const start = text.indexOf(word);
    return { start, end: start + word.length, text: word, type, subtype: null, confidence, link: null, source: 'model' };
  };
  it('never keeps a doubtful DT on country initials (한미일, 한일) that no temporal rule supports', async () => {
    const text = '한미일 3국과 한일 관계는 13일 논의됐다.';
    const entities = [model(text, '한미일', 'DT', 0.36), model(text, '한일', 'DT', 0.36), model(text, '13일', 'DT', 0.4)];
    const doc = await datesStage.run(emptyArticle({ id: 't', source: 't', text, published: '2024-06-15', entities }), res);
    expect(doc.entities.map((e) => `${e.text}:${e.type}`)).toEqual(['13일:DT']);
    expect(findTemporal('한미일 정상, 한일 간, 한·미·일 공조', anchor)).toEqual([]);
  });
  it('resolves 이날/당일 to the story\'s day, not to a date named in passing', () => {
    const a = makeAnchor('2024-06-15', null);
    const v = (text: string) => values(text, a).filter((x) => x[1] === '이날' || x[1] === '당일').map((x) => x[2]);
    expect(v('회담은 지난 13일 예정돼 있었지만 일정이 미뤄져 이날 이뤄졌다.')).toEqual(['2024-06-15']);
    expect(v('국방부는 14일 성명을 냈다. 북한은 지난 10일 미사일을 쐈다. 이날 성명은 이를 규탄했다.')).toEqual(['2024-06-14']);
    expect(v('북한은 지난 10일 미사일을 쐈다. 합참은 12일 분석 결과를 내놨고 당일 회의도 열었다.')).toEqual(['2024-06-12']);
    const byline = '기사등록 2024/06/15 14:59:53\n합참은 14일 발사를 확인했다. 북한은 지난 10일에도 쐈다. 이날 회의가 열렸다.';
    expect(v(byline)).toEqual(['2024-06-14']); // the lead is the first sentence after the byline
  });
  it('reads bylines, 3주 만, dates glued to a period, and a month after 지난해(2023년)', () => {
    const a = makeAnchor('2024-06-13', null);
    expect(values('기사등록 2017/10/20 14:59:53', a)).toEqual([['DT', '2017/10/20', '2017-10-20'], ['TI', '14:59:53', '2017-10-20T14:59:53']]);
    expect(values('입력 2023.07.24 오후 3:05', a)).toEqual([['DT', '2023.07.24', '2023-07-24'], ['TI', '오후 3:05', '2023-07-24T15:05']]);
    expect(values('3주 만 복귀', a)).toEqual([['DT', '3주', 'P3W']]);
    expect(values('밝혔다.23일 회의.오늘 발표', a)).toEqual([['DT', '23일', '2024-06-23'], ['DT', '오늘', '2024-06-13']]);
    expect(values('지난해(2023년) 9월', a).at(-1)).toEqual(['DT', '9월', '2023-09']);
    expect(values('지난해 9월과 10월', a)).toEqual([['DT', '지난해 9월', '2023-09'], ['DT', '10월', '2023-10']]);
  });
  it('writes parts of the day as clock intervals, a night past midnight ending the next day', () => {
    expect(values('오전 오후 저녁 새벽 점심 이후')).toEqual([
      ['TI', '오전', '2023-07-24T00:00/2023-07-24T12:00'], ['TI', '오후', '2023-07-24T12:00/2023-07-24T18:00'],
      ['TI', '저녁', '2023-07-24T18:00/2023-07-24T21:00'], ['TI', '새벽', '2023-07-24T00:00/2023-07-24T06:00'], ['TI', '점심', '2023-07-24T12:00/..'],
    ]);
    expect(values('심야')).toEqual([['TI', '심야', '2023-07-24T23:00/2023-07-25T05:00']]);
    expect(values('점심을 먹었다')).toEqual([]);
  });
  it('leans bare forms to the past or the future by the sentence\'s tense or --dates-prefer', () => {
    const a = makeAnchor('2024-06-13', null); // a Thursday
    const v = (text: string, prefer?: 'past' | 'future' | 'auto') => findTemporal(text, a, () => {}, prefer)[0]?.mention?.value;
    expect(v('16일 회담했다')).toBe('2024-05-16');
    expect(v('16일 회담한다')).toBe('2024-06-16');
    expect(v('10일 회담할 예정이다')).toBe('2024-07-10');
    expect(v('국방부는 10일 훈련을 실시한다고 밝혔다')).toBe('2024-06-10'); // quoted: the sentence does not decide
    expect(v('월요일 회의')).toBe('2024-06-10');
    expect(v('월요일 회의', 'future')).toBe('2024-06-17');
    expect(v('토요일 회의', 'past')).toBe('2024-06-08');
    const at = makeAnchor('2024-06-13', '2024-06-13T14:30:00+09:00');
    expect(findTemporal('오전 9시 회의', at, () => {}, 'future')[0].mention?.value).toBe('2024-06-14T09:00');
  });
});
