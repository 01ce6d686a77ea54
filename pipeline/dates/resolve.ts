// From what a date or time piece says (a spec) to an ISO value, given the anchor (publication day)
// and the reference date (the last day the article spoke of, for 이날/전날/다음날). The Korean news
// conventions applied here are listed in docs/dates.md.
import { DateTime } from 'luxon';
import { holidayDate } from './holidays.js';
import type { DateSpec, TimeSpec } from './pieces.js';
import {
  ZONE, clock, type Direction, dayNear, daysInMonth, formatDate, half, isoDay, isoWeek, monthDayNear, monthNearYear, monthPart, quarter, season, seasonYear,
  weekdayNear, yearPart, type Anchor,
} from './normalize.js';

export interface Context {
  anchor: Anchor;
  /** The last day the article named (for 그날, 전날, 다음날, and the day of a bare time); starts as the anchor day. */
  reference: DateTime | null;
  /** The day the story is about, for 이날/당일 (extract.ts: the sentence's own event day, else the lead's, else the anchor). */
  story: DateTime | null;
  /** Which occurrence a bare day, month, weekday or time means (--dates-prefer, or the sentence's tense); null: the nearest. */
  lean: Direction | null;
  /** The year of a mention right before this one ("지난해(2023년) 9월", "지난해 9월과 10월"): a bare month takes it. */
  adjacentYear: number | null;
  /** The last year the article named (for 이듬해, 전년, 그해); null until one is named. */
  referenceYear: number | null;
  warn(message: string): void;
}

export interface DateValue {
  value: string;
  /** The day, when the value is exactly one day (used by intervals and as the next reference). */
  day: DateTime | null;
  confidence: number;
}

const WEEKDAY_NAMES = '월화수목금토일';

/** A two-digit year: this century up to one year ahead of the anchor, otherwise the last one. */
function century(yy: number, anchor: DateTime | null): number {
  const now = anchor?.year ?? 2026;
  return yy <= (now % 100) + 1 ? 2000 + yy : 1900 + yy;
}

const exact = (dt: DateTime, confidence: number): DateValue => ({ value: isoDay(dt), day: dt, confidence });
const vague = (value: string, confidence: number): DateValue => ({ value, day: null, confidence });

/**
 * Resolves a date spec. `leftValue` is the start of an interval this spec ends ("7월 13일~15일"):
 * the missing year and month come from it, and the end never precedes it.
 */
export function resolveDate(s: DateSpec, ctx: Context, leftValue: DateValue | null = null): DateValue | null {
  const A = ctx.anchor.day;
  const left = leftValue?.day ?? null;
  // An end without an anchor takes the known parts of its start as they are ("XXXX-07-13/XXXX-07-15").
  const leftPrefix = !left && leftValue ? /^([\dX]{4}-[\dX]{2})(?:-[\dX]{2})?$/.exec(leftValue.value) : null;
  const bare = s.year === undefined && s.shortYear === undefined && !s.yearWord && s.monthRel === undefined;
  if (leftPrefix && bare && s.day !== undefined && s.month === undefined) return vague(`${leftPrefix[1]}-${String(s.day).padStart(2, '0')}`, 0.5);
  if (leftPrefix && bare && s.month !== undefined) return vague(`${leftPrefix[1].slice(0, 4)}-${formatDate(null, s.month, s.day ?? null).slice(5)}`, 0.5);
  const R = ctx.reference ?? A;

  if (s.dayWord) {
    const base = s.dayWord.base === 'anchor' ? A : s.dayWord.base === 'story' ? ctx.story ?? A : R;
    return base ? exact(base.plus({ days: s.dayWord.offset }), s.dayWord.base === 'anchor' ? 0.95 : 0.85) : vague('XXXX-XX-XX', 0.5);
  }
  if (s.week !== undefined) {
    if (!A) return vague(s.weekday ? `XXXX-WXX-${s.weekday}` : 'XXXX-WXX', 0.5);
    const w = A.plus({ weeks: s.week });
    return s.weekday ? exact(w.set({ weekday: s.weekday as 1 }), 0.9) : vague(isoWeek(w), 0.9);
  }
  if (s.weekend !== undefined) {
    if (!A) return vague('XXXX-WXX-6/XXXX-WXX-7', 0.5);
    const sat = A.plus({ weeks: s.weekend }).set({ weekday: 6 });
    return vague(`${isoDay(sat)}/${isoDay(sat.plus({ days: 1 }))}`, 0.75);
  }
  if (s.weekday !== undefined && s.weekOfMonth === undefined) {
    if (left) return exact(weekdayNear(left, s.weekday, 'future'), 0.8);
    return A ? exact(weekdayNear(A, s.weekday, s.weekdayDir ?? ctx.lean ?? 'nearest'), 0.8) : vague(`XXXX-WXX-${s.weekday}`, 0.5);
  }

  let year: number | null = s.year ?? null;
  if (s.shortYear !== undefined) year = century(s.shortYear, A);
  if (s.yearWord) {
    // 새해 in December is the year about to begin; from January to June, the one that has.
    const base = s.yearWord.base === 'anchor' ? A?.year : s.yearWord.base === 'coming' ? (A ? A.year + (A.month >= 7 ? 1 : 0) : undefined) : ctx.referenceYear ?? R?.year;
    year = base === undefined ? null : base + s.yearWord.rel;
  }
  const yearSaid = s.year !== undefined || s.shortYear !== undefined || s.yearWord !== undefined;

  if (s.holiday) {
    let y = year;
    if (!yearSaid && A) {
      // The occurrence nearest the anchor: "추석" written in August is this year's, "설" in December next year's.
      const near = [A.year - 1, A.year, A.year + 1]
        .map((yy) => ({ yy, md: holidayDate(s.holiday!, yy) }))
        .filter((c) => c.md)
        .map((c) => ({ yy: c.yy, dt: DateTime.fromObject({ year: c.yy, ...c.md! }, { zone: ZONE }) }))
        .sort((a, b) => Math.abs(a.dt.diff(A).as('days')) - Math.abs(b.dt.diff(A).as('days')));
      y = near[0]?.yy ?? null;
    }
    const md = y === null ? (typeof s.holiday.date === 'string' ? null : s.holiday.date) : holidayDate(s.holiday, y);
    if (!md) return vague(`${formatDate(y, null)}-XX-XX`, 0.4);
    if (y === null) return vague(formatDate(null, md.month, md.day), 0.5);
    const dt = DateTime.fromObject({ year: y, ...md }, { zone: ZONE });
    const span = s.holidayPeriod ? s.holiday.holidaySpan : 0;
    if (span) return vague(`${isoDay(dt.minus({ days: span }))}/${isoDay(dt.plus({ days: span }))}`, 0.8);
    return exact(dt, yearSaid ? 0.9 : 0.8);
  }

  let month: number | null = s.month ?? null;
  if (s.monthRel !== undefined) {
    if (A) {
      const m = A.plus({ months: s.monthRel });
      month = m.month;
      if (!yearSaid) year = m.year;
    } else month = null;
  }
  const monthSaid = s.month !== undefined || s.monthRel !== undefined;

  // "셋째 주 금요일" without a month: of the anchor's month.
  if (s.weekOfMonth !== undefined && !monthSaid && !yearSaid) {
    return A ? weekOfMonth(A.year, A.month, s.weekOfMonth, s.weekday) : vague(s.weekday ? 'XXXX-XX-XX' : 'XXXX-WXX', 0.4);
  }
  if (s.weekOfMonth !== undefined && monthSaid && month !== null) {
    if (year === null && s.monthRel === undefined && !yearSaid && A) year = monthNearYear(A, month, s.monthDir ?? ctx.lean ?? 'nearest');
    return year === null ? vague(s.weekday ? formatDate(null, month, null) + '-XX' : 'XXXX-WXX', 0.4) : weekOfMonth(year, month, s.weekOfMonth, s.weekday);
  }
  if (s.day !== undefined || s.lastDay) {
    let dt: DateTime | null;
    let confidence = 0.95;
    const dayOf = (y: number, m: number) => (s.lastDay ? daysInMonth(y, m) : s.day!);
    if (monthSaid && month !== null && (year !== null || s.monthRel !== undefined)) {
      dt = DateTime.fromObject({ year: year!, month, day: dayOf(year!, month) }, { zone: ZONE });
    } else if (monthSaid && month !== null) {
      if (yearSaid) return vague(formatDate(null, month, s.day ?? null), 0.5);
      if (left) {
        dt = DateTime.fromObject({ year: left.year, month, day: dayOf(left.year, month) }, { zone: ZONE });
        if (dt.isValid && dt < left) dt = dt.plus({ years: 1 });
      } else if (ctx.adjacentYear !== null && !s.dayDir && !s.monthDir) {
        dt = DateTime.fromObject({ year: ctx.adjacentYear, month, day: dayOf(ctx.adjacentYear, month) }, { zone: ZONE });
      } else if (A) {
        dt = monthDayNear(A, month, dayOf(A.year, month), s.dayDir ?? s.monthDir ?? ctx.lean ?? 'nearest');
        confidence = 0.85;
      } else return vague(formatDate(null, month, s.day ?? null), 0.6);
    } else if (monthSaid) {
      return vague(formatDate(null, null, s.day ?? null), 0.4);
    } else {
      if (yearSaid || s.lastDay) return null;
      if (left) {
        dt = left.set({ day: s.day! });
        if (dt.isValid && (dt < left || dt.day !== s.day)) dt = left.startOf('month').plus({ months: 1 }).set({ day: s.day! });
      } else if (A) {
        dt = dayNear(A, s.day!, s.dayDir ?? ctx.lean ?? 'nearest');
        confidence = s.dayDir ? 0.9 : 0.8;
      } else return vague(formatDate(null, null, s.day!), 0.6);
    }
    if (!dt || !dt.isValid || (s.day !== undefined && dt.day !== s.day)) return null;
    checkWeekday(s, dt, ctx);
    return exact(dt, confidence);
  }

  if (s.part && !monthSaid && !yearSaid) return null;
  if (monthSaid) {
    if (month === null) return vague(s.part ? monthPart(null, null, s.part) : 'XXXX-XX', 0.5); // 이달 without an anchor
    if (year === null && s.monthRel === undefined) {
      if (left) year = month < left.month ? left.year + 1 : left.year;
      else if (ctx.adjacentYear !== null && !s.monthDir) year = ctx.adjacentYear;
      else if (A && !yearSaid) year = monthNearYear(A, month, s.monthDir ?? ctx.lean ?? 'nearest');
    }
    if (s.part) return vague(monthPart(year, month, s.part), year === null ? 0.5 : 0.85);
    return vague(formatDate(year, month), year === null ? 0.5 : 0.9);
  }

  const thisYear = yearSaid ? year : left ? left.year : A ? A.year : null;
  const conf = thisYear === null ? 0.5 : 0.85;
  if (s.monthPart) return A ? vague(monthPart(A.year, A.month, s.monthPart), 0.8) : vague(monthPart(null, null, s.monthPart), 0.4);
  if (s.half) return vague(half(thisYear, s.half), conf);
  if (s.quarterRel !== undefined) {
    if (!A) return vague('XXXX-XX/XXXX-XX', 0.4);
    const q = A.startOf('quarter').plus({ quarters: s.quarterRel });
    return vague(quarter(q.year, q.quarter), 0.85);
  }
  if (s.quarter) return vague(quarter(thisYear, s.quarter), conf);
  if (s.season) {
    const y = yearSaid ? year : A ? seasonYear(A, s.season, s.seasonDir ?? 'nearest') : null;
    return vague(season(y, s.season), y === null ? 0.5 : 0.8);
  }
  if (s.yearPart) return vague(yearPart(thisYear, s.yearPart), conf);
  if (s.part) return vague(yearPart(year, s.part), conf);
  if (yearSaid) return vague(formatDate(year, null), year === null ? 0.5 : 0.95);
  return null;
}

/** "5월 둘째 주 일요일": the Nth weekday of a month; "5월 둘째 주": the ISO week holding its Nth seventh day. */
function weekOfMonth(year: number, month: number, n: number, weekday: number | undefined): DateValue | null {
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone: ZONE });
  const last = first.endOf('month').startOf('day');
  if (weekday === undefined) return vague(isoWeek(n > 0 ? first.plus({ weeks: n - 1 }) : last), 0.7);
  const dt = n > 0
    ? first.plus({ days: (weekday - first.weekday + 7) % 7, weeks: n - 1 })
    : last.minus({ days: (last.weekday - weekday + 7) % 7 });
  return dt.month === month ? exact(dt, 0.85) : null;
}

/** A weekday written beside a date must agree with it; a disagreement is reported, not resolved. */
function checkWeekday(s: DateSpec, dt: DateTime, ctx: Context): void {
  if (s.hint === undefined || dt.weekday === s.hint) return;
  ctx.warn(`dates: weekday (${WEEKDAY_NAMES[s.hint - 1]}) does not match ${isoDay(dt)}, a ${WEEKDAY_NAMES[dt.weekday - 1]}요일`);
}

/**
 * The clock part of a time: "T15:30", "T12:00", "T16:00+01:00", or for a part of day alone its
 * clock interval ("T12:00/T18:00" for 오후; an end past 24:00 is on the next day).
 */
export function resolveClock(t: TimeSpec): string | null {
  if (t.fixed) return t.fixed;
  if (t.hour === undefined) return t.period ? t.period.span : null;
  let h = t.hour;
  switch (t.period?.shift) {
    case 'am': if (h === 12) h = 0; break;
    case 'pm': if (h < 12) h += 12; break;
    case 'day': if (h <= 6) h += 12; break;
    case 'night': if (h >= 6 && h < 12) h += 12; else if (h === 12) h = 24; break;
  }
  if (h > 24 || (h === 24 && (t.minute ?? 0) > 0)) return null;
  const sec = t.second === undefined ? '' : `:${String(t.second).padStart(2, '0')}`;
  return clock(h, t.minute ?? 0) + sec + (t.zone ?? '');
}

/** A value of one day, possibly with unknown parts: 2023-07-24, XXXX-XX-27. */
const DAY_VALUE = /^[\dX]{4}-[\dX]{2}-[\dX]{2}$/;

/**
 * A clock (or a part of day's clock interval) on a day: "2023-07-24T15:00",
 * "2023-07-24T12:00/2023-07-24T18:00"; a part of day ending past 24:00 ends on the next day.
 * `last` is the day the interval ends on when it spans several ("주말 아침").
 */
function onDay(first: string, firstDay: DateTime | null, clk: string, last = first, lastDay = firstDay): string {
  const [from, to] = clk.split('/');
  if (to === undefined) return first + from;
  const h = Number(to.slice(1, 3));
  if (h <= 24) return `${first}${from}/${last}${to}`;
  const next = lastDay ? isoDay(lastDay.plus({ days: 1 })) : last;
  return `${first}${from}/${next}${clock(h - 24, Number(to.slice(4, 6)))}`;
}

/** A set's recurring day with a clock: "매일 오전 9시" → XXXX-XX-XXT09:00. */
export const recurringAt = (value: string, clk: string) => onDay(value, null, clk);

/** Joins a day value and a clock; a period-only or non-day value keeps what it has. */
export function withClock(day: DateValue | null, clk: string, ctx: Context): DateValue {
  if (day && DAY_VALUE.test(day.value)) return { value: onDay(day.value, day.day, clk), day: day.day, confidence: day.confidence };
  // "주말 아침": the mornings of the weekend, from the first to the last.
  const days = day?.value.split('/');
  if (day && days!.length === 2 && days!.every((d) => DAY_VALUE.test(d))) {
    const lastDay = DAY_VALUE.test(days![1]) && !days![1].includes('X') ? DateTime.fromISO(days![1], { zone: ZONE }) : null;
    return { value: onDay(days![0], null, clk, days![1], lastDay), day: null, confidence: day.confidence * 0.9 };
  }
  if (day) return { value: day.value, day: null, confidence: day.confidence * 0.8 };
  const ref = clockDay(clk, ctx);
  return ref ? { value: onDay(isoDay(ref), ref, clk), day: ref, confidence: 0.75 } : { value: onDay('XXXX-XX-XX', null, clk), day: null, confidence: 0.5 };
}

/**
 * The day of a time written without one: the reference day; with a lean and the anchor's time of
 * day, the next (future) or previous (past) day when the clock is on the other side of the anchor.
 */
function clockDay(clk: string, ctx: Context): DateTime | null {
  const ref = ctx.reference ?? ctx.anchor.day;
  const at = ctx.anchor.instant;
  if (!ref || !at || !ctx.lean || ctx.lean === 'nearest' || !ref.hasSame(at, 'day')) return ref;
  const [h, m] = [Number(clk.slice(1, 3)), Number(clk.slice(4, 6))];
  const minutes = h * 60 + m, now = at.hour * 60 + at.minute;
  if ((ctx.lean === 'future' || ctx.lean === 'onOrAfter') && minutes < now) return ref.plus({ days: 1 });
  if ((ctx.lean === 'past' || ctx.lean === 'onOrBefore') && minutes > now) return ref.minus({ days: 1 });
  return ref;
}
