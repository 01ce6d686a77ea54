// The table of Korean temporal patterns. Each row names a form, builds its regex from the pieces
// (pieces.ts), and reads a match into KLUE-style entity spans and a resolver for its ISO value.
// Where rows overlap, the longest match wins, then the earlier row (extract.ts).
import type { DateTime } from 'luxon';
import type { DateKind } from '../types.js';
import { clock, isoDuration, shiftFrom, formatDate, withinFrom } from './normalize.js';
import { parseCardinal } from './numerals.js';
import {
  datePiece, durationEntityType, durationPiece, periodOf, readDate, readDuration, readTime, timePiece, weekdayNumber, type DateSpec, type Groups,
} from './pieces.js';
import { recurringAt, resolveClock, resolveDate, withClock, type Context, type DateValue } from './resolve.js';

export interface Match {
  text: string;
  start: number;
  end: number;
  groups: Groups;
  /** The trimmed span of a named group, or null when it matched nothing. */
  span(name: string): [number, number] | null;
}

export type EntitySpan = { start: number; end: number; type: 'DT' | 'TI' };

export interface Resolved {
  kind: DateKind;
  value: string;
  confidence: number;
  /** The last day the value names (the day itself, an interval's last day): the reference for 이날/전날 that follow. */
  day: DateTime | null;
}

export interface Reading {
  /** KLUE-style DT/TI spans; each is one date mention with the same span (CONTRACT.md, docs/dates.md). */
  entities: EntitySpan[];
  /**
   * One value per span; null where ISO has none ("2~3개월"). A range's start carries the range
   * ("2022년부터 2024년까지": 2022년 → 2022/2024), its end its own value.
   */
  resolve(ctx: Context): Array<Resolved | null>;
}

export interface Pattern {
  name: string;
  /** What the row means, with examples (docs/dates.md tells the same with values). */
  meaning: string;
  source: string;
  /** A cheap test a text must pass for the row to be worth running (a word every match contains). */
  cue?: RegExp;
  read(m: Match): Reading | null;
}

const g = (name: string, src: string) => `(?<${name}>${src})`;

/** A date, a time, or a date followed by a time ("24일 오후 3시"). */
const point = (p: string) => `${g(`${p}_date`, datePiece(p))}?(?:\\s*${g(`${p}_time`, timePiece(p))})?`;
const TILDE = '\\s?[~∼〜～–-]\\s?';

interface Point { spec: DateSpec | null; clk: string | null; entities: EntitySpan[]; dateEntity: boolean }

/** A point: its entity spans (the date part DT, the time part TI) and what it says. */
function readPoint(m: Match, p: string, besideFullDate = false): Point | null {
  const ds = m.span(`${p}_date`);
  const ts = m.span(`${p}_time`);
  const time = ts ? readTime(m.groups, p) : null;
  // 어젯밤: one TI word that also names its day.
  const spec = ds ? readDate(m.groups, p) : time?.dayOffset !== undefined ? { dayWord: { offset: time.dayOffset, base: 'anchor' as const } } : null;
  if (!spec && !time) return null;
  if (spec?.numericMonthDay && !besideFullDate && !numericDateContext(m, spec)) return null;
  const clk = time ? resolveClock(time) : null;
  if (time && !clk) return null;
  const entities: EntitySpan[] = [];
  if (spec && ds) entities.push({ start: ds[0], end: ds[1], type: 'DT' });
  if (clk && ts) entities.push({ start: ts[0], end: ts[1], type: 'TI' });
  return { spec, clk, entities, dateEntity: !!(spec && ds) };
}

const asResolved = (v: DateValue, clock: boolean): Resolved => ({
  kind: v.value.includes('/') ? 'interval' : clock ? 'time' : 'date', value: v.value, confidence: v.confidence, day: v.day,
});

/**
 * The values of a point, one per entity span: the date part's, then the time part's, which carries
 * the date too ("24일 오후 3시": 2023-07-24, then 2023-07-24T15:00). `left` is the start of the
 * interval the point ends, if any: its missing parts ("9:30 ~ 11:00", "13일~15일") come from there.
 * `last` is the most precise value, the one an interval is built from.
 */
function pointValues(pt: Point, ctx: Context, left: DateValue | null = null): { values: Array<Resolved | null>; last: DateValue | null } {
  const day = pt.spec ? resolveDate(pt.spec, ctx, left) : null;
  const values: Array<Resolved | null> = [];
  if (pt.dateEntity) values.push(day && asResolved(day, false));
  if (!pt.clk) return { values, last: day };
  const base = pt.spec ? day : left && { value: left.value.replace(/T.*$/, ''), day: left.day, confidence: left.confidence };
  const timed = pt.spec && !day ? null : withClock(base, pt.clk, ctx);
  values.push(timed && asResolved(timed, true));
  return { values, last: timed };
}

/**
 * "7.24", "08-02" and "7/24" are dates only where the context says so: a weekday beside them,
 * a line of their own (a byline or list item), a parenthesis "(7.24.)", or a range "7.24~7.28".
 */
function numericDateContext(m: Match, spec: DateSpec): boolean {
  if (spec.hint !== undefined) return true;
  const raw = m.text.slice(m.start, m.end);
  const before = m.text.slice(Math.max(0, m.start - 1), m.start);
  const after = m.text.slice(m.end, m.end + 2);
  if (before === '(' && after.startsWith(')') && /\.$/.test(raw)) return true;
  if (/^\s?[~∼〜]/.test(after)) return true;
  const lineStart = m.text.lastIndexOf('\n', m.start - 1) + 1;
  const lineEnd = m.text.indexOf('\n', m.end);
  const line = m.text.slice(lineStart, lineEnd === -1 ? m.text.length : lineEnd).trim().replace(/^[•·*\-–]\s*/, '');
  return line === raw.trim();
}

/** Builds an interval from two resolved ends; ends that are periods give their outer bounds ("8월 말부터 9월 초까지"). */
function interval(a: DateValue, b: DateValue): Resolved {
  const from = a.value.split('/')[0];
  const to = b.value.split('/').at(-1)!;
  return { kind: 'interval', value: `${from}/${to}`, confidence: Math.min(a.confidence, b.confidence) * 0.95, day: b.day };
}

/** "오후 2시에서 4시까지": an end hour without 오전/오후 that would precede the start is in the afternoon too. */
function laterClock(from: string, to: string): string {
  const [a, b] = [from, to].map((c) => /^T(\d\d):(\d\d)$/.exec(c));
  if (!a || !b || b[0] >= a[0] || Number(b[1]) >= 12 || Number(b[1]) + 12 <= Number(a[1])) return to;
  return clock(Number(b[1]) + 12, Number(b[2]));
}

/** A reading of the whole match as one DT or TI span with one value. */
const single = (m: Match, type: 'DT' | 'TI', resolve: (ctx: Context) => Resolved | null): Reading => ({
  entities: [{ start: m.start, end: m.end, type }],
  resolve: (ctx) => [resolve(ctx)],
});

const DAY = '3[01]|[12]\\d|0?[1-9]';
/** Sino-Korean years (이천십오), months (삼, 유, 시, 십이) and days (삼, 이십오): only in the sino-date row. */
const SINO_YEAR = '[일이]?천(?:[이삼사오육칠팔구]?백)?(?:[이삼사오육칠팔구]?십)?[일이삼사오육칠팔구]?';
const SINO_MONTH = '십[일이]|십|[일이삼사오칠팔구유시]';
const SINO_DAY = '[이삼]?십[일이삼사오육칠팔구]?|[일이삼사오육칠팔구]';
/** One-syllable Sino digits, which parseCardinal leaves out (bare 일/이/사 are ordinary words elsewhere). */
const SINO_ONE: Record<string, number> = { 일: 1, 이: 2, 삼: 3, 사: 4, 오: 5, 육: 6, 칠: 7, 팔: 8, 구: 9 };
const MONTH = '1[0-2]|0?[1-9]';

export const PATTERNS: Pattern[] = [
  {
    name: 'interval',
    meaning: 'two points joined by ~, 부터…까지, 에서…까지 or …사이: 7월 13일~15일, 9:30 ~ 11:00, 2022년부터 2024년까지, 오전 10시∼오후 1시50분, 오후 2시에서 4시까지',
    cue: /[~∼〜～–-]|부터|에서/,
    source: `${point('a')}\\s*${g('sep', '[~∼〜～–-]|부터|에서')}\\s*${point('b')}`,
    read(m) {
      // "2024.3.1~3.5": a full numeric date makes a bare "3.5" beside it a date too.
      const a = readPoint(m, 'a', !!m.groups.b_ny);
      const b = readPoint(m, 'b', !!m.groups.a_ny);
      if (!a || !b) return null;
      // 부터/에서 make a range only with its end word: "A부터 B까지", "A에서 B 사이".
      const worded = !/^[~∼〜～–-]$/.test(m.groups.sep!);
      const close = worded ? /^\s?(?:까지|사이)/.exec(m.text.slice(m.end, m.end + 3)) : null;
      // "7월 13일부터 15일": a day after 부터 ends the range even without 까지.
      if (worded && !close && !(m.groups.sep === '부터' && b.spec?.day !== undefined && !b.clk)) return null;
      // Either both ends are dates, or both have a time: "24일 ~ 오후 3시" is not a range.
      if (!!a.clk !== !!b.clk) return null;
      if (a.clk && b.clk && !m.groups.b_ap) b.clk = laterClock(a.clk, b.clk);
      const aHasDate = !!a.spec, aHasTime = !!a.clk, bHasDate = !!b.spec, bHasTime = !!b.clk;
      let entities: EntitySpan[];
      if (worded) entities = [...a.entities, ...b.entities];
      else if (!aHasTime && !bHasTime) entities = [{ start: m.start, end: m.end, type: 'DT' }];
      else if (!aHasDate && !bHasDate) entities = [{ start: m.start, end: m.end, type: 'TI' }];
      else if (aHasDate && aHasTime && !bHasDate) entities = [a.entities[0], { start: a.entities[1].start, end: m.end, type: 'TI' }];
      else entities = [...a.entities, ...b.entities];
      const ends = (ctx: Context) => {
        const av = pointValues(a, ctx);
        const bv = pointValues(b, ctx, av.last);
        return { av, bv, whole: av.last && bv.last && interval(av.last, bv.last) };
      };
      return {
        entities,
        resolve(ctx) {
          const { av, bv, whole: w } = ends(ctx);
          if (entities.length === 1) return [w];
          if (!worded && entities.length === 2 && entities[1].start === a.entities[1]?.start) return [av.values[0], w];
          // KLUE splits a range into its ends, particles outside: the start's last span carries the
          // range, every other span its own value ("8월 1일부터 3일까지": 8월 1일 → 08-01/08-03, 3일 → 08-03).
          return [...av.values.slice(0, -1), w, ...bv.values];
        },
      };
    },
  },
  {
    name: 'day-range',
    meaning: 'a range of days sharing one month: 13~15일, 지난 27∼28일, 7월 13~15일, 이달 10∼11일',
    cue: /[~∼〜～–-]/,
    source: `${g('r_date', `(?:${g('r_pre', '지난|오는|이달|이번\\s?달|지난달|다음\\s?달|내달')}\\s?)?(?:${g('r_y', '(?:19|20)\\d{2}')}년\\s?)?(?:${g('r_m', MONTH)}월\\s?)?${g('r_a', DAY)}${TILDE}${g('r_b', DAY)}일`)}`,
    read(m) {
      const gr = m.groups;
      const first: DateSpec = { day: Number(gr.r_a) };
      if (gr.r_y) first.year = Number(gr.r_y);
      if (gr.r_m) first.month = Number(gr.r_m);
      const pre = gr.r_pre?.replace(/\s/g, '');
      if (pre === '지난') first.dayDir = 'past';
      else if (pre === '오는') first.dayDir = 'future';
      else if (pre) first.monthRel = { 이달: 0, 이번달: 0, 지난달: -1, 다음달: 1, 내달: 1 }[pre];
      if (Number(gr.r_b) <= first.day!) return null;
      return single(m, 'DT', (ctx) => {
        const a = resolveDate(first, ctx);
        const b = a && resolveDate({ day: Number(gr.r_b) }, ctx, a);
        return a && b && interval(a, b);
      });
    },
  },
  {
    name: 'month-range',
    meaning: 'a range of months: 7∼8월, 작년 1∼9월, 2024년 3~5월',
    cue: /[~∼〜～–-]/,
    source: `(?:${g('mr_y', '(?:19|20)\\d{2}')}년\\s?|${g('mr_yw', '올해|올|지난해|작년|내년')}\\s?)?${g('mr_a', MONTH)}${TILDE}${g('mr_b', MONTH)}월`,
    read(m) {
      const gr = m.groups;
      const rel = { 올해: 0, 올: 0, 지난해: -1, 작년: -1, 내년: 1 }[gr.mr_yw ?? ''];
      if (Number(gr.mr_b) <= Number(gr.mr_a)) return null;
      const first: DateSpec = { month: Number(gr.mr_a) };
      if (gr.mr_y) first.year = Number(gr.mr_y);
      if (rel !== undefined) first.yearWord = { rel, base: 'anchor' };
      return single(m, 'DT', (ctx) => {
        const a = resolveDate(first, ctx);
        if (!a) return null;
        const year = /^\d{4}/.test(a.value) ? Number(a.value.slice(0, 4)) : null;
        return interval(a, { value: formatDate(year, Number(gr.mr_b)), day: null, confidence: a.confidence });
      });
    },
  },
  {
    name: 'year-range',
    meaning: 'a range of years: 1995∼1996년, 2022~2024년',
    cue: /[~∼〜～–-]/,
    source: `${g('yr_a', '(?:19|20)\\d{2}')}${TILDE}${g('yr_b', '(?:19|20)?\\d{2}')}년`,
    read(m) {
      const a = Number(m.groups.yr_a);
      const bRaw = m.groups.yr_b!;
      const b = bRaw.length === 2 ? Math.floor(a / 100) * 100 + Number(bRaw) : Number(bRaw);
      if (b <= a) return null;
      return single(m, 'DT', () => ({ kind: 'interval', value: `${a}/${b}`, confidence: 0.9, day: null }));
    },
  },
  {
    name: 'hour-range',
    meaning: 'a range of hours under one part of day: 오후 2∼3시, 오전 9~11시',
    cue: /[~∼〜～–-]/,
    source: `(?:${g('hr_ap', '오전|오후|새벽|아침|저녁|밤')}\\s?)?${g('hr_a', '2[0-4]|[01]?\\d')}${TILDE}${g('hr_b', '2[0-4]|[01]?\\d')}시(?!간)`,
    read(m) {
      const ap = m.groups.hr_ap;
      const clocks = [m.groups.hr_a, m.groups.hr_b].map((h) => resolveClock({ hour: Number(h), period: ap ? periodOf(ap) : undefined }));
      if (clocks.some((c) => !c) || clocks[1]! <= clocks[0]!) return null;
      return single(m, 'TI', (ctx) => {
        const [a, b] = clocks.map((c) => withClock(null, c!, ctx));
        return interval(a, b);
      });
    },
  },
  {
    name: 'set',
    meaning: 'a recurring time: 매주 화요일 (XXXX-WXX-2), 매년 (P1Y), 매일 (P1D), 매달 (P1M), 매년 5월 18일, 매년 12월, 매일 오전 9시',
    cue: /매|마다|격[일주년]/,
    source: `${g('s_every', '매일(?!경제|유업|신문)|날마다|매주|매달|매월|매년|매해|해마다|매\\s?시간|격일|격주|격년')}(?:\\s*${g('s_wd', '[월화수목금토일]')}요일|\\s*${g('s_m', MONTH)}월(?:\\s?${g('s_d', DAY)}일)?|\\s*${g('s_d2', DAY)}일)?(?:\\s*${g('s_time', timePiece('s'))})?`,
    read(m) {
      const gr = m.groups;
      const every = gr.s_every!.replace(/\s/g, '');
      const time = m.span('s_time') ? readTime(gr, 's') : null;
      const clk = time ? resolveClock(time) : null;
      if (time && !clk) return null;
      const value = setValue(every, gr.s_wd, gr.s_m, gr.s_d ?? gr.s_d2);
      if (!value) return null;
      const timed = !clk ? value : value === 'P1D' ? recurringAt('XXXX-XX-XX', clk) : value.startsWith('X') ? recurringAt(value, clk) : value;
      const ts = m.span('s_time');
      const dateEnd = ts ? ts[0] : m.end;
      const entities: EntitySpan[] = [{ start: m.start, end: m.text.slice(m.start, dateEnd).trimEnd().length + m.start, type: 'DT' }];
      if (ts && clk) entities.push({ start: ts[0], end: ts[1], type: 'TI' });
      const set = (value: string): Resolved => ({ kind: 'set', value, confidence: 0.85, day: null });
      return { entities, resolve: () => (entities.length === 2 ? [set(value), set(timed)] : [set(timed)]) };
    },
  },
  {
    name: 'every',
    meaning: 'a duration with 마다, a recurrence: 2시간마다 (PT2H), 3년마다 (P3Y), 5분마다',
    cue: /마다/,
    source: `${durationPiece('ev')}(?=마다)`,
    read(m) {
      const d = readDuration(m.groups, 'ev');
      return d && single(m, durationEntityType(d.parts), () => ({ kind: 'set', value: isoDuration(d.parts), confidence: 0.8, day: null }));
    },
  },
  {
    name: 'decade',
    meaning: 'decades as TIMEX3 writes them: 1950년대 → 195X, 70년대 → 197X; 90년대 초 → 1990/1993, 말 → 1997/1999',
    cue: /년대/,
    source: `${g('c_y', '(?:1[5-9]|20)?\\d0')}년대(?:\\s?${g('c_part', '초반|초|중반|후반|말')})?`,
    read(m) {
      const raw = m.groups.c_y!;
      const part = m.groups.c_part;
      return single(m, 'DT', (ctx) => {
        const y = raw.length === 2 ? (Number(raw) <= ((ctx.anchor.day?.year ?? 2026) % 100) ? 2000 : 1900) + Number(raw) : Number(raw);
        const d = Math.floor(y / 10);
        const [from, to] = part === undefined ? [-1, -1] : part.startsWith('초') ? [0, 3] : part === '중반' ? [4, 6] : [7, 9];
        const value = from < 0 ? `${d}X` : `${d}${from}/${d}${to}`;
        return { kind: value.includes('/') ? 'interval' : 'date', value, confidence: 0.85, day: null };
      });
    },
  },
  {
    name: 'century',
    meaning: 'centuries as TIMEX3 writes them: 21세기 → 20, 19세기 → 18',
    cue: /세기/,
    source: `${g('cc', '\\d{1,2}')}세기`,
    read(m) {
      const c = Number(m.groups.cc);
      if (c < 1) return null;
      return single(m, 'DT', () => ({ kind: 'date', value: String(c - 1).padStart(2, '0'), confidence: 0.9, day: null }));
    },
  },
  {
    name: 'elapsed',
    meaning: 'the time since something, before 만에/만이다/만의 or a bare 만: 15년 만에 (P15Y), 5개월여 만에 (P5M), 10년 만으로, 3주 만 복귀',
    cue: /만/,
    source: `${durationPiece('e')}(?=\\s?만(?:에|이|으로|의|인|(?![가-힣])))`,
    read: (m) => readDurationRow(m, 'e', true),
  },
  {
    name: 'offset',
    meaning: 'a point a duration before or after the anchor: 3일 후, 사흘 전, 2년 전, 3시간 후, 일주일 뒤',
    cue: /[전후뒤]/,
    source: `${durationPiece('o')}\\s?${g('o_dir', '전|후|뒤')}(?!날|반)`,
    read(m) {
      const d = readDuration(m.groups, 'o');
      if (!d) return null;
      const sign = m.groups.o_dir === '전' ? -1 : 1;
      const type = durationEntityType(d.parts);
      return single(m, type, (ctx) => {
        const value = shiftFrom(ctx.anchor, d.parts, sign);
        return { kind: type === 'TI' ? 'time' : 'date', value, confidence: value.includes('X') ? 0.5 : 0.7, day: null };
      });
    },
  },
  {
    name: 'within',
    meaning: 'a stretch from the anchor, before 이내/안에/내에: 2주 이내에 (anchor day/+14 days), 한시간 안에 (anchor time/+1 hour; with a date alone, PT1H)',
    cue: /이내|안에|안으로|내에|내로/,
    source: `${durationPiece('w')}(?=\\s?(?:이내|안에|안으로|내에|내로))`,
    read(m) {
      const d = readDuration(m.groups, 'w');
      if (!d) return null;
      const type = durationEntityType(d.parts);
      return single(m, type, (ctx) => {
        const value = withinFrom(ctx.anchor, d.parts);
        return value ? { kind: 'interval', value, confidence: 0.75, day: null } : { kind: 'duration', value: isoDuration(d.parts), confidence: 0.6, day: null };
      });
    },
  },
  {
    name: 'sino-date',
    meaning: 'a date in Sino-Korean numerals: 이천십오년 삼월 삼일 (2015-03-03), 이천이십사년, 유월 이십오일 (a month alone is too often a word)',
    cue: /[천월]/,
    source: `(?:${g('k_y', SINO_YEAR)}년(?:\\s?${g('k_m', SINO_MONTH)}월(?:\\s?${g('k_d', SINO_DAY)}일)?)?|${g('k_m2', SINO_MONTH)}월\\s?${g('k_d2', SINO_DAY)}일)`,
    read(m) {
      const gr = m.groups;
      const spec: DateSpec = {};
      if (gr.k_y) spec.year = parseCardinal(gr.k_y);
      const month = gr.k_m ?? gr.k_m2;
      if (month) spec.month = ({ 유: 6, 시: 10 } as Record<string, number>)[month] ?? SINO_ONE[month] ?? parseCardinal(month);
      const day = gr.k_d ?? gr.k_d2;
      if (day) spec.day = SINO_ONE[day] ?? parseCardinal(day);
      if ([spec.year, spec.month, spec.day].some((x) => x !== undefined && !(x > 0)) || (spec.month ?? 1) > 12 || (spec.day ?? 1) > 31) return null;
      return single(m, 'DT', (ctx) => {
        const v = resolveDate(spec, ctx);
        return v && { kind: 'date', value: v.value, confidence: v.confidence, day: v.day };
      });
    },
  },
  {
    name: 'span',
    meaning: 'a stretch of time with 간/동안/째: 3일간, 2시간 동안, 30분간, 사흘째, 지난 10년간',
    cue: /간|동안|째/,
    source: `(?:지난\\s?)?${durationPiece('f')}(?:간|\\s?동안|\\s?째|\\s간(?=[의에을이은]|\\s|$))`,
    read: (m) => readDurationRow(m, 'f', true),
  },
  {
    name: 'duration',
    meaning: 'a duration in units that cannot be a date, or any units after 지난/다음 (but 지난 12일 is a day): 15년, 6개월, 두 달, 3박 4일, 2시간 30분, 하루, 보름, 지난 15년, 지난 2주, 다음 3일',
    source: `(?:${g('u_pre', '지난|다음')}\\s?)?${durationPiece('u')}`,
    read: (m) => readDurationRow(m, 'u', m.groups.u_pre === '다음' || (m.groups.u_pre === '지난' && !/^\d+\s?일$/.test(m.groups.u_dur!))),
  },
  {
    name: 'weekdays',
    meaning: 'the working days of a week, a set: 평일 (XXXX-WXX-1/XXXX-WXX-5)',
    cue: /평일/,
    source: '평일',
    read: (m) => single(m, 'DT', () => ({ kind: 'set', value: 'XXXX-WXX-1/XXXX-WXX-5', confidence: 0.7, day: null })),
  },
  {
    name: 'duration-range',
    meaning: 'a range of durations (KLUE marks it; ISO has no value for it): 2~3개월, 2∼3일간, 10~20분',
    cue: /[~∼〜～–-]/,
    source: `${g('dr_a', '\\d{1,3}')}${TILDE}${g('dr_b', '\\d{1,3}')}\\s?(?:개월|시간|년|주일|주|일|분|초)(?:간|\\s?동안)?`,
    read(m) {
      const unitIsTime = /(?:시간|분|초)(?:간|\s?동안)?$/.test(m.text.slice(m.start, m.end));
      return single(m, unitIsTime ? 'TI' : 'DT', () => null);
    },
  },
  {
    name: 'anniversary',
    meaning: 'an anniversary, as KLUE marks it (DT): 1주년 (P1Y), 70주년 (P70Y)',
    cue: /주년/,
    source: `${g('an', '\\d{1,4}')}\\s?주년`,
    read: (m) => single(m, 'DT', () => ({ kind: 'duration', value: `P${Number(m.groups.an)}Y`, confidence: 0.8, day: null })),
  },
  {
    name: 'game-time',
    meaning: 'the clock of a match, as KLUE marks it (TI) though it has no calendar value: 전반 25분, 후반 2분',
    cue: /[전후]반/,
    source: `(?:연장\\s?)?[전후]반\\s?\\d{1,3}분`,
    read: (m) => single(m, 'TI', () => null),
  },
  {
    name: 'sports-season',
    meaning: 'a sports season, as KLUE marks it (DT); its calendar span depends on the league: 올 시즌, 이번 시즌, 2013~14 시즌',
    cue: /시즌/,
    source: `(?:올|이번|지난|다음|(?:19|20)\\d{2}(?:${TILDE}\\d{2,4})?)\\s?시즌`,
    read: (m) => single(m, 'DT', () => null),
  },
  {
    name: 'bare-year',
    meaning: "a four-digit year without 년 where it names a year, not an amount: '응답하라 1988', 2015 서울 국제 ... (not 2000명, 2018.5)",
    cue: /(?:19|20)\d\d/,
    source: `${g('by', '(?:19|20)\\d{2}')}(?=[\\s'"’”)\\]]|$)(?!\\s?(?:명|원|개|건|억|만|천|여|대|번|달러|톤|미터|m|km|kg|%|회|가구|곳|편|점|마리|개국|호|석|표|위|등|세|살|배|차례|세대))`,
    read: (m) => single(m, 'DT', () => ({ kind: 'date', value: m.groups.by!, confidence: 0.6, day: null })),
  },
  {
    name: 'point',
    meaning: 'a date, a time, or both: 2023년 10월 28일, 2023.07.24, 7.24.(월), 지난 12일, 오는 30일, 이달 말, 내년 상반기, 오전 10시 30분, 이날 오후, 추석 연휴, 2017/10/20 14:59:53',
    source: point('p'),
    read(m) {
      const pt = readPoint(m, 'p');
      if (!pt) return null;
      return { entities: pt.entities, resolve: (ctx) => pointValues(pt, ctx).values };
    },
  },
];

const SET_PERIODS: Record<string, string> = {
  매일: 'P1D', 날마다: 'P1D', 격일: 'P2D', 매주: 'P1W', 매달: 'P1M', 매월: 'P1M', 매년: 'P1Y', 매해: 'P1Y', 해마다: 'P1Y', 매시간: 'PT1H', 격주: 'P2W', 격년: 'P2Y',
};

/** The value of a set: the period alone (P1W), or the recurring day it names (XXXX-WXX-2, XXXX-05-18). */
function setValue(every: string, weekday?: string, month?: string, day?: string): string | null {
  const period = SET_PERIODS[every];
  if (weekday) return period === 'P1W' ? `XXXX-WXX-${weekdayNumber(weekday)}` : null;
  if (period === 'P1Y' && month) return formatDate(null, Number(month), day ? Number(day) : null);
  if (day && period === 'P1M') return month ? null : formatDate(null, null, Number(day));
  return day || month ? null : period;
}

/** Duration rows: "explicit" rows have a cue (만에, 간, 동안, 째); the plain row needs unambiguous units. */
function readDurationRow(m: Match, p: string, explicit: boolean): Reading | null {
  const d = readDuration(m.groups, p);
  if (!d || (!explicit && !d.unambiguous)) return null;
  const type = durationEntityType(d.parts);
  return single(m, type, () => ({ kind: 'duration', value: isoDuration(d.parts), confidence: 0.9, day: null }));
}
