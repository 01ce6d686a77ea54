// The small named pieces the pattern table (patterns.ts) is built from, each paired with the
// reader that turns its regex groups into a spec. A piece takes a prefix so that one pattern can
// hold two of them (the two ends of an interval) without duplicate group names.
import { HOLIDAYS, type Holiday } from './holidays.js';
import type { Direction, DurationParts, Part, Season } from './normalize.js';
import { ARABIC, CARDINAL, DAY_COUNT, NATIVE, SINO, parseCardinal, parseDayCount } from './numerals.js';

export type Groups = Record<string, string | undefined>;

const alt = (...xs: string[]) => `(?:${xs.join('|')})`;
const words = (table: Record<string, unknown>) => alt(...Object.keys(table).sort((a, b) => b.length - a.length).map((w) => w.replace(/ /g, '\\s?')));

/** "지난"/"오는" before a year, month, day or weekday: which side of the anchor it lies on. */
const DIRECTION_WORDS: Record<string, Direction> = { 지난: 'past', 오는: 'future', 다가오는: 'future', 이번: 'nearest', 올: 'nearest' };
const DIRECTION = alt(...Object.keys(DIRECTION_WORDS));

const WEEKDAYS = '월화수목금토일';
export const weekdayNumber = (ch: string) => WEEKDAYS.indexOf(ch) + 1;

// ---------------------------------------------------------------------------------------------
// Calendar dates: 2023년 10월 28일, 지난해 9월, 이달 말, 올해 2분기, 내년 상반기, 지난 겨울, 추석 연휴,
// 2023.07.24, 7.24.(월), 오늘, 이날, 다음 주 화요일, 주말.

type YearBase = 'anchor' | 'reference' | 'coming';
/** Year words relative to the anchor (올해 0, 지난해 -1), to the reference year (이듬해), or the coming one (새해). */
const YEAR_WORDS: Record<string, { rel: number; base: YearBase }> = {
  올해: { rel: 0, base: 'anchor' }, 금년: { rel: 0, base: 'anchor' }, 금년도: { rel: 0, base: 'anchor' },
  지난해: { rel: -1, base: 'anchor' }, '지난 해': { rel: -1, base: 'anchor' }, 작년: { rel: -1, base: 'anchor' },
  작년도: { rel: -1, base: 'anchor' }, 재작년: { rel: -2, base: 'anchor' }, 지지난해: { rel: -2, base: 'anchor' },
  내년: { rel: 1, base: 'anchor' }, 내년도: { rel: 1, base: 'anchor' }, 명년: { rel: 1, base: 'anchor' }, 내후년: { rel: 2, base: 'anchor' },
  새해: { rel: 0, base: 'coming' }, 신년: { rel: 0, base: 'coming' },
  이듬해: { rel: 1, base: 'reference' }, 전년: { rel: -1, base: 'reference' }, 그해: { rel: 0, base: 'reference' }, '그 해': { rel: 0, base: 'reference' },
};
/** "올" is a year word only before what a year can have (올 1월, 올 여름, 올 상반기, 올 초). */
const OL = '올(?=\\s?(?:\\d{1,2}월|[1-4]\\s?분기|[상하]반기|봄|여름|가을|겨울|초|말|연말|연초|한\\s?해))';

const MONTH_WORDS: Record<string, number> = {
  이달: 0, '이번 달': 0, 금월: 0, 당월: 0, 지난달: -1, '지난 달': -1, 저번달: -1, '저번 달': -1, 전달: -1, 전월: -1, 지지난달: -2,
  다음달: 1, '다음 달': 1, 내달: 1, 익월: 1, 다다음달: 2, '다다음 달': 2,
};

const PARTS: Record<string, Part> = {
  초: 'early', 초순: 'early', 상순: 'early', 초반: 'early', 중순: 'mid', 중반: 'mid', 말: 'late', 말경: 'late', 하순: 'late', 후반: 'late',
};
/** Year parts written as one word (연말 = the end of this year). */
const YEAR_PART_WORDS: Record<string, Part> = { 연초: 'early', 연시: 'early', 연말: 'late', 세밑: 'late', 연중: 'mid', 연내: 'mid' };
const MONTH_PART_WORDS: Record<string, Part> = { 월초: 'early', 월말: 'late' };

/** "5월 둘째 주": the week of a month; with a weekday, the Nth such weekday (마지막 = the last). */
const WEEK_ORDINALS: Record<string, number> = { 첫째: 1, 첫: 1, 둘째: 2, 셋째: 3, 넷째: 4, 다섯째: 5, 마지막: -1 };

/** Quarters relative to the anchor's: 지난 분기 = the one before it. */
const QUARTER_WORDS: Record<string, number> = { '이번 분기': 0, '지난 분기': -1, '저번 분기': -1, '전 분기': -1, '직전 분기': -1, '다음 분기': 1 };

const SEASONS: Record<string, Season> = { 봄: 'spring', 여름: 'summer', 가을: 'autumn', 겨울: 'winter' };

/**
 * Day words: deictic ones count from the anchor, 이날/당일 are the day the story is about, the other
 * anaphoric ones count from the last day named (docs/dates.md, "Resolution").
 */
type DayBase = 'anchor' | 'story' | 'reference';
const DAY_WORDS: Record<string, { offset: number; base: DayBase }> = {
  오늘: { offset: 0, base: 'anchor' }, 금일: { offset: 0, base: 'anchor' },
  어제: { offset: -1, base: 'anchor' }, 어저께: { offset: -1, base: 'anchor' }, 작일: { offset: -1, base: 'anchor' },
  그제: { offset: -2, base: 'anchor' }, 그저께: { offset: -2, base: 'anchor' }, 엊그제: { offset: -2, base: 'anchor' },
  내일: { offset: 1, base: 'anchor' }, 명일: { offset: 1, base: 'anchor' },
  모레: { offset: 2, base: 'anchor' }, 내일모레: { offset: 2, base: 'anchor' }, 낼모레: { offset: 2, base: 'anchor' }, 글피: { offset: 3, base: 'anchor' },
  이날: { offset: 0, base: 'story' }, '이 날': { offset: 0, base: 'story' }, 당일: { offset: 0, base: 'story' },
  그날: { offset: 0, base: 'reference' }, '같은 날': { offset: 0, base: 'reference' },
  전날: { offset: -1, base: 'reference' }, 전일: { offset: -1, base: 'reference' }, '하루 전날': { offset: -1, base: 'reference' },
  다음날: { offset: 1, base: 'reference' }, '다음 날': { offset: 1, base: 'reference' }, 이튿날: { offset: 1, base: 'reference' }, 익일: { offset: 1, base: 'reference' },
};

const WEEK_WORDS: Record<string, number> = {
  이번주: 0, '이번 주': 0, 금주: 0, 지난주: -1, '지난 주': -1, 저번주: -1, '저번 주': -1,
  다음주: 1, '다음 주': 1, 내주: 1, 차주: 1, 담주: 1, 다다음주: 2, '다다음 주': 2,
};

export interface DateSpec {
  year?: number;
  /** A two-digit year ('87, 87년 6월): the century comes from the anchor. */
  shortYear?: number;
  yearWord?: { rel: number; base: YearBase };
  month?: number;
  monthRel?: number;
  monthDir?: Direction;
  day?: number;
  dayDir?: Direction;
  lastDay?: boolean;
  part?: Part;
  /** 연초/연말 (of the year in yearWord or the anchor's year) and 월초/월말 (of the anchor's month). */
  yearPart?: Part;
  monthPart?: Part;
  half?: number;
  quarter?: number;
  quarterRel?: number;
  season?: Season;
  seasonDir?: Direction;
  holiday?: Holiday;
  holidayPeriod?: boolean;
  dayWord?: { offset: number; base: DayBase };
  week?: number;
  /** The Nth week of the month (-1: the last), from 첫째 주 … 마지막 주. */
  weekOfMonth?: number;
  weekday?: number;
  weekdayDir?: Direction;
  weekend?: number;
  /** The weekday written in parentheses after the date: a check, not a resolver. */
  hint?: number;
  /** True for numeric-only forms (7.24., 08-02) that need a clear date context. */
  numericMonthDay?: boolean;
}

const g = (p: string, name: string, src: string) => `(?<${p}_${name}>${src})`;

/**
 * What may follow a temporal expression: a non-Hangul character, the end, or a particle or suffix
 * (조사 and the like). It keeps 오늘날, 매일경제, 9월 말레이시아 and 2024년 중국 from matching.
 */
const PARTICLES = [
  '은', '는', '이', '가', '을', '를', '의', '에', '엔', '도', '만', '부터', '부로', '까지', '로', '으로', '와', '과', '나', '이나',
  '며', '이며', '고', '이고', '다', '이다', '인', '이라', '라', '였', '이었', '입니', '이던', '던', '께', '경', '쯤', '즈음', '무렵',
  '보다', '처럼', '마다', '씩', '째', '간', '동안', '중', '전', '후', '뒤', '이후', '이전', '이래', '대비', '들어', '사이', '내', '이내',
  '가량', '남짓', '(?<=일)자', '짜리', '치', '야', '란', '이면', '면', '까', '만', '이자', '에서', '당시', '하고', '랑', '이랑',
];
export const END = `(?=$|[^가-힣]|${PARTICLES.join('|')})`;

const holidayName = (h: Holiday) => {
  if (!h.requires) return h.names;
  const needed = `(?:${h.names})(?=${h.requires})`;
  return h.after ? `${needed}|(?<=${h.after})(?:${h.names})` : needed;
};

/** A calendar date or period; every part optional (a match that is empty or blank is dropped). */
export function datePiece(p: string): string {
  const dir = (k: string) => `(?:${g(p, k, DIRECTION)}\\s*)?`;
  const year = alt(
    `${dir('yd')}${g(p, 'y', '(?:1[5-9]|20)\\d{2}')}년도?`,
    // A two-digit year needs a sign that it is one: '87, 87년 6월, 92년도 (but "10년도 넘게" is a duration).
    `${g(p, 'ys', `'\\d{2}|\\d{2}(?=년도(?!\\s?(?:넘|지나|지난|안|채|더|걸|흘|못|되|된|됐))|년\\s?\\d{1,2}월)`)}년도?`,
    // (새해 첫날 is the holiday, below.)
    g(p, 'yw', `(?:${words(YEAR_WORDS)})(?!\\s?첫\\s?날)|${OL}`),
  );
  const month = alt(`${dir('md')}${g(p, 'm', '1[0-2]|0?[1-9]')}월`, g(p, 'mw', words(MONTH_WORDS)));
  const day = alt(`${dir('dd')}${g(p, 'd', `3[01]|[12]\\d|0?[1-9]|${SINO}`)}일`, g(p, 'last', '말일'));
  const tail = alt(
    day,
    // Not the verb ending 봄 ("첨 봄ㅋ", "봤음. 봄!") of movie-review style text.
    `${dir('sd')}(?:초|한|늦)?${g(p, 'season', words(SEASONS))}철?(?![.!?~ㄱ-ㅎㅏ-ㅣᄀ-ᇿ])`,
    `${g(p, 'part', words(PARTS))}${END}`,
    `${g(p, 'half', '[상하]반기')}`,
    `${dir('ypd')}${g(p, 'yp', words(YEAR_PART_WORDS))}`,
    // "셋째 주 금요일", "3월 마지막 월요일" (주 may be left out before the weekday).
    `${g(p, 'wo', words(WEEK_ORDINALS))}\\s?(?:주(?:\\s*${g(p, 'wow', `[${WEEKDAYS}]`)}요일)?|${g(p, 'wow2', `[${WEEKDAYS}]`)}요일)`,
    `${g(p, 'q', '[1-4]')}\\s?분기`,
    g(p, 'qw', words(QUARTER_WORDS)),
    `${g(p, 'hol', alt(...HOLIDAYS.map(holidayName)))}${g(p, 'holp', '\\s?연휴')}?`,
  );
  const calendar = `(?:${year})?(?:\\s*${month})?(?:\\s*${tail})?`;
  const numeric = alt(
    `${g(p, 'ny', '(?:19|20)\\d{2}')}(?:\\.\\s?|-|/)${g(p, 'nm', '1[0-2]|0?[1-9]')}(?:\\.\\s?|-|/)${g(p, 'nd', '3[01]|[12]\\d|0?[1-9]')}(?:\\.(?!\\d))?`,
    // 74/10/31: a two-digit year only with slashes (74.10.31 reads as a version or a score too).
    `${g(p, 'nsy', '\\d{2}')}/${g(p, 'nsm', '1[0-2]|0?[1-9]')}/${g(p, 'nsd', '3[01]|[12]\\d|0?[1-9]')}(?![\\d/])`,
    `${g(p, 'mm', '1[0-2]|0?[1-9]')}${g(p, 'sep', '\\.\\s?|-|/')}${g(p, 'mdd', '3[01]|[12]\\d|0?[1-9]')}(?:\\.(?!\\d))?`,
  );
  const words_ = alt(
    g(p, 'dw', `${words(DAY_WORDS)}`),
    g(p, 'we', `(?:${g(p, 'wed', '이번|지난|다음|오는')}\\s*)?주말`),
    `${g(p, 'wk', words(WEEK_WORDS))}(?:\\s*${g(p, 'wkd', `[${WEEKDAYS}]`)}요일)?`,
    `${dir('wdd')}${g(p, 'wd', `[${WEEKDAYS}]`)}요일`,
    g(p, 'mp', words(MONTH_PART_WORDS)),
  );
  const hint = `(?:\\s?\\(\\s*${g(p, 'hint', `[${WEEKDAYS}]`)}(?:요일)?\\s*\\)|\\s${g(p, 'hintw', `[${WEEKDAYS}]`)}요일)?`;
  return `(?:${alt(numeric, words_, calendar)}${hint})`;
}

const key = (text: string) => text.replace(/\s+/g, ' ');
const pick = <T>(table: Record<string, T>, text: string | undefined): T | undefined => {
  if (text === undefined) return undefined;
  const k = key(text);
  return table[k] ?? table[k.replace(/ /g, '')];
};

/** Reads the groups of datePiece(p); null when nothing was matched. */
export function readDate(gr: Groups, p: string): DateSpec | null {
  const v = (name: string) => gr[`${p}_${name}`];
  const num = (name: string) => (v(name) === undefined ? undefined : parseCardinal(v(name)!));
  const spec: DateSpec = {};
  if (v('ny')) Object.assign(spec, { year: num('ny'), month: num('nm'), day: num('nd') });
  if (v('mm')) Object.assign(spec, { month: num('mm'), day: num('mdd'), numericMonthDay: true });
  if (v('nsy')) Object.assign(spec, { shortYear: num('nsy'), month: num('nsm'), day: num('nsd') });
  if (v('y')) spec.year = num('y');
  if (v('ys')) spec.shortYear = Number(v('ys')!.replace("'", ''));
  if (v('yw')) spec.yearWord = key(v('yw')!) === '올' ? { rel: 0, base: 'anchor' } : pick(YEAR_WORDS, v('yw'));
  if (v('m')) { spec.month = num('m'); spec.monthDir = pick(DIRECTION_WORDS, v('md')); }
  if (v('mw')) spec.monthRel = pick(MONTH_WORDS, v('mw'));
  if (v('d')) { spec.day = num('d'); spec.dayDir = pick(DIRECTION_WORDS, v('dd')); }
  if (v('last')) spec.lastDay = true;
  if (v('part')) spec.part = pick(PARTS, v('part'));
  if (v('half')) spec.half = v('half')!.startsWith('상') ? 1 : 2;
  if (v('q')) spec.quarter = num('q');
  if (v('qw')) spec.quarterRel = pick(QUARTER_WORDS, v('qw'));
  if (v('season')) { spec.season = pick(SEASONS, v('season')); spec.seasonDir = pick(DIRECTION_WORDS, v('sd')); }
  if (v('hol')) { spec.holiday = HOLIDAYS.find((h) => new RegExp(`^(?:${h.names})$`).test(v('hol')!)); spec.holidayPeriod = !!v('holp'); }
  if (v('hol') && !spec.holiday) return null;
  if (v('dw')) spec.dayWord = pick(DAY_WORDS, v('dw'));
  if (v('wk')) { spec.week = pick(WEEK_WORDS, v('wk')); if (v('wkd')) spec.weekday = weekdayNumber(v('wkd')!); }
  if (v('wd')) { spec.weekday = weekdayNumber(v('wd')!); spec.weekdayDir = pick(DIRECTION_WORDS, v('wdd')); }
  if (v('we')) spec.weekend = { 지난: -1, 다음: 1, 오는: 1 }[v('wed') ?? ''] ?? 0;
  if (v('yp')) {
    spec.yearPart = pick(YEAR_PART_WORDS, v('yp'));
    // "지난 연말" is last year's; "오는/이번 연말" this year's.
    if (v('ypd') && !spec.yearWord) spec.yearWord = { rel: pick(DIRECTION_WORDS, v('ypd')) === 'past' ? -1 : 0, base: 'anchor' };
  }
  if (v('wo')) {
    spec.weekOfMonth = pick(WEEK_ORDINALS, v('wo'));
    if (v('wow') ?? v('wow2')) spec.weekday = weekdayNumber((v('wow') ?? v('wow2'))!);
  }
  if (v('mp')) spec.monthPart = pick(MONTH_PART_WORDS, v('mp'));
  if (v('hint') || v('hintw')) spec.hint = weekdayNumber((v('hint') ?? v('hintw'))!);
  if (spec.day !== undefined && !(spec.day >= 1 && spec.day <= 31)) return null;
  // 초/중/말 alone are words (중 = during, 말 = speech); they are parts only of a year or month.
  if (spec.part && spec.year === undefined && spec.shortYear === undefined && !spec.yearWord && spec.month === undefined && spec.monthRel === undefined) return null;
  return Object.keys(spec).length ? spec : null;
}

// ---------------------------------------------------------------------------------------------
// Times of day: 오전 10시 30분, 15시, 열두 시, 오후 3시 반, 9:30, 정오, 새벽.

const NATIVE_HOURS = '열한|열두|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열';

/**
 * Parts of the day: the clock interval the word names alone, as "Thh:mm/Thh:mm" (an end past 24:00
 * runs into the next day: 심야 23:00–05:00), and how it shifts an hour written with it (오후 3시).
 * The hours are this project's reading of Korean usage (docs/dates.md, "Parts of the day").
 */
export interface Period { span: string; shift: 'am' | 'pm' | 'day' | 'night' }
const period = (from: number, to: number, shift: Period['shift']): Period => ({ span: `T${p2(from)}:00/T${p2(to)}:00`, shift });
const p2 = (n: number) => String(n).padStart(2, '0');
const PERIODS: Record<string, Period> = {
  오전: period(0, 12, 'am'), 새벽: period(0, 6, 'am'), 아침: period(6, 9, 'am'), '이른 아침': period(5, 7, 'am'),
  점심: period(12, 13, 'day'), 점심때: period(12, 13, 'day'), 점심시간: period(12, 13, 'day'),
  낮: period(9, 18, 'day'), 한낮: period(11, 15, 'day'), 대낮: period(11, 15, 'day'),
  오후: period(12, 18, 'pm'), '늦은 오후': period(15, 18, 'pm'), 저녁: period(18, 21, 'pm'),
  밤: period(20, 24, 'night'), '늦은 밤': period(22, 24, 'night'), 심야: period(23, 29, 'night'), 한밤: period(23, 27, 'night'),
  한밤중: period(23, 27, 'night'), 야간: period(18, 30, 'night'), 밤새: period(20, 30, 'night'),
};
export const periodOf = (word: string) => pick(PERIODS, word);
/** Zone abbreviations written after an English clock, as UTC offsets (the abbreviation fixes the offset). */
const ZONES: Record<string, string> = {
  KST: '+09:00', JST: '+09:00', UTC: 'Z', GMT: 'Z', CET: '+01:00', CEST: '+02:00', BST: '+01:00',
  EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00', PST: '-08:00', PDT: '-07:00',
};
const FIXED_TIMES: Record<string, string> = { 정오: 'T12:00', 자정: 'T24:00' };

/** A part of a day named with its day, one TI word: 어젯밤 = last night. */
const DAY_PERIODS: Record<string, { offset: number; period: string }> = {
  어젯밤: { offset: -1, period: '밤' }, 간밤: { offset: -1, period: '밤' }, 지난밤: { offset: -1, period: '밤' }, 엊저녁: { offset: -1, period: '저녁' },
  오늘밤: { offset: 0, period: '밤' }, 내일밤: { offset: 1, period: '밤' }, 오늘저녁: { offset: 0, period: '저녁' }, 내일아침: { offset: 1, period: '아침' },
};

export interface TimeSpec {
  period?: Period;
  /** For 어젯밤 and the like: the day, counted from the anchor. */
  dayOffset?: number;
  hour?: number;
  minute?: number;
  second?: number;
  fixed?: string;
  /** The UTC offset of a zone written after the time ("4pm CET" → +01:00). */
  zone?: string;
}

/** A time of day; every part optional. "낮" is kept apart from the adjective 낮은/낮게. */
export function timePiece(p: string): string {
  // 낮 only where it is the daytime (낮 12시, 낮에, 낮 기온), not the adjective 낮다 (낮은, 낮게, 낮아).
  // 점심 alone is the time only before a time word or particle (점심 이후, 점심에), not the meal (점심을 먹고).
  const periodWords = words(PERIODS)
    .replace(/(^|[|(:])낮(?=[|)])/, '$1낮(?=\\s|에|엔|부터|까지|동안|$)')
    .replace(/(^|[|(:])점심(?=[|)])/, '$1점심(?=\\s?(?:이후|이전|무렵|께|쯤|전|후|에|부터|까지|\\d|[한두세열]\\s?시))');
  const period = g(p, 'ap', periodWords);
  // "24시 편의점", "24시 운영": a service around the clock, not midnight.
  const hour = `${g(p, 'h', `2[0-4]|[01]?\\d|${NATIVE_HOURS}|${SINO}`)}\\s?시(?!간)(?<!24\\s?시(?=\\s?(?:편의점|운영|영업|상담|개방|대기|센터|돌봄|콜)))`;
  const minute = `(?:\\s?${g(p, 'mi', `[0-5]?\\d|${SINO}`)}\\s?분|\\s?${g(p, 'hm', '반')})`;
  const hourClause = `${hour}${minute}?(?:\\s?${g(p, 's', '[0-5]?\\d')}초)?`;
  const digital = `${g(p, 'dh', '[01]?\\d|2[0-4]')}:${g(p, 'dm', '[0-5]\\d')}(?::${g(p, 'ds', '[0-5]\\d')})?(?![\\d:])`;
  // "3PM", "3:20pm", "4pm CET": the English clock, with a zone when one is written.
  const english = `${g(p, 'eh', '1[0-2]|0?[1-9]')}(?::${g(p, 'em', '[0-5]\\d')})?\\s?${g(p, 'eap', '[AaPp]\\.?[Mm]\\.?')}(?![A-Za-z])(?:\\s?${g(p, 'tz', words(ZONES))}(?![A-Za-z]))?`;
  return `(?:${g(p, 'fix', words(FIXED_TIMES))}|${g(p, 'dpw', words(DAY_PERIODS))}|${period}?(?:\\s*(?:${english}|${digital}|${hourClause}))?)`;
}

export function readTime(gr: Groups, p: string): TimeSpec | null {
  const v = (name: string) => gr[`${p}_${name}`];
  const t: TimeSpec = {};
  if (v('fix')) t.fixed = pick(FIXED_TIMES, v('fix'));
  if (v('dpw')) {
    const dp = pick(DAY_PERIODS, v('dpw'))!;
    t.fixed = PERIODS[dp.period].span;
    t.dayOffset = dp.offset;
  }
  if (v('ap')) t.period = pick(PERIODS, v('ap'));
  if (v('h')) t.hour = parseCardinal(v('h')!);
  if (v('dh')) { t.hour = Number(v('dh')); t.minute = Number(v('dm')); if (v('ds')) t.second = Number(v('ds')); }
  if (v('mi')) t.minute = parseCardinal(v('mi')!);
  if (v('hm')) t.minute = 30;
  if (v('s')) t.second = Number(v('s'));
  if (v('eh')) {
    const h = Number(v('eh')) % 12;
    t.hour = /^[Pp]/.test(v('eap')!) ? h + 12 : h;
    t.minute = v('em') === undefined ? 0 : Number(v('em'));
    if (v('tz')) t.zone = pick(ZONES, v('tz'));
  }
  if (Number.isNaN(t.hour ?? 0) || Number.isNaN(t.minute ?? 0) || (t.hour ?? 0) > 24 || (t.minute ?? 0) > 59) return null;
  return Object.keys(t).length ? t : null;
}

// ---------------------------------------------------------------------------------------------
// Durations: 15년, 5개월여, 3박 4일, 2시간 30분, 1년 반, 하루, 이틀, 보름, 일주일, 두 달.

const AS = `\\d{1,3}|${SINO}`;
/** A number, a counter, optional 여 (approximately) before or after the counter, optional 반 (and a half). */
const atom = (nums: string, units: string) => `(?:${nums})\\s?여?\\s?(?:${units})여?(?:\\s?반)?`;
/**
 * A duration: counters from the largest unit down (1년 6개월, 2시간 30분, 3박 4일), so that a list
 * of separate durations ("하루 이틀") is not read as one sum; or a native word (하루, 보름, 일주일).
 */
const DURATION_UNITS = [
  alt(atom(AS, '년'), atom(`${NATIVE}|\\d{1,3}`, '해')),
  alt(atom(CARDINAL, '개월'), atom(`${NATIVE}|\\d{1,3}`, '달')),
  atom(CARDINAL, '주일|주'),
  `(?:(?:${CARDINAL})\\s?박\\s?)?${atom(ARABIC, '일')}`,
  atom(CARDINAL, '시간'),
  atom(AS, '분'),
  atom(AS, '초'),
];
const DURATION = alt(`(?:${DAY_COUNT}|일주일|일년|반년|[반한]나절)여?`, DURATION_UNITS.map((u) => `(?:\\s?${u})?`).join(''));
const ATOM_RE = new RegExp(`(?<w>일주일|일년|반년|[반한]나절)|(?<dc>${DAY_COUNT})|(?<n>${CARDINAL})?\\s?여?\\s?(?<u>개월|주일|시간|년|일|분|초|주|박|달|해)|(?<half>반)`, 'g');

export const durationPiece = (p: string) => g(p, 'dur', DURATION);

export interface DurationSpec {
  parts: DurationParts;
  /** Whether the text alone says it is a duration (bare "3일" or "3주" do not: they are a date, or shares). */
  unambiguous: boolean;
}

const UNIT: Record<string, keyof DurationParts> = { 년: 'Y', 해: 'Y', 개월: 'M', 달: 'M', 주: 'W', 주일: 'W', 일: 'D', 시간: 'H', 분: 'Min', 초: 'S' };
const HALF_OF: Partial<Record<keyof DurationParts, [keyof DurationParts, number]>> = { Y: ['M', 6], M: ['D', 15], D: ['H', 12], H: ['Min', 30], Min: ['S', 30] };

export function readDuration(gr: Groups, p: string): DurationSpec | null {
  const text = gr[`${p}_dur`];
  if (!text) return null;
  const parts: DurationParts = {};
  let nights = 0;
  let last: keyof DurationParts | null = null;
  let unambiguous = false;
  for (const m of text.matchAll(ATOM_RE)) {
    const a = m.groups!;
    if (a.half) {
      const h = last && HALF_OF[last];
      if (!h) return null;
      parts[h[0]] = (parts[h[0]] ?? 0) + h[1];
      continue;
    }
    if (a.dc) { parts.D = (parts.D ?? 0) + parseDayCount(a.dc); last = 'D'; unambiguous = true; continue; }
    if (a.w) {
      if (a.w === '일주일') { parts.W = 1; last = 'W'; } else if (a.w === '일년') { parts.Y = 1; last = 'Y'; } else if (a.w === '반년') { parts.M = 6; last = 'M'; } else { parts.H = a.w === '반나절' ? 6 : 12; last = 'H'; }
      unambiguous = true;
      continue;
    }
    const n = a.n === undefined ? NaN : parseCardinal(a.n);
    if (Number.isNaN(n)) return null;
    if (a.u === '박') { nights = n; continue; }
    const unit = UNIT[a.u];
    parts[unit] = (parts[unit] ?? 0) + n;
    last = unit;
    if (!['일', '주'].includes(a.u)) unambiguous = true;
  }
  if (nights && !parts.D) return null; // "2박" alone is a stay, not a span we can write
  if (!Object.keys(parts).length) return null;
  return { parts, unambiguous: unambiguous || nights > 0 };
}

/** Durations of days or more are DT in KLUE; hours, minutes and seconds are TI. */
export const durationEntityType = (d: DurationParts) => (d.Y || d.M || d.W || d.D ? 'DT' : 'TI');
