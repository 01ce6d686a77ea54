// Calendar arithmetic for temporal values: the anchor, "nearest" and "last/next" resolution of
// partial dates, ISO 8601 formatting at a given grain (with X for unknown parts), intervals for
// month/year parts, seasons, quarters and halves, durations and shifts. All days are Asia/Seoul.
import { DateTime } from 'luxon';

/**
 * Asia/Seoul as a fixed UTC+9: Korea has kept UTC+9 without daylight saving since 1988, and a
 * fixed zone spares luxon a costly Intl lookup on every date it builds.
 */
export const ZONE = 'UTC+9';

export interface Anchor {
  /** The anchor day (00:00 Asia/Seoul), or null when the article has no date. */
  readonly day: DateTime | null;
  /** The anchor instant when the input gave a time of day (enables "3시간 후"), else null. */
  readonly instant: DateTime | null;
}

/** Anchors by publication date and time: a batch holds few distinct ones, and parsing them is costly. */
const anchors = new Map<string, Anchor>();
const ANCHORS_KEPT = 512;

export function makeAnchor(published: string | null, publishedDateTime: string | null): Anchor {
  const key = `${published}\u0000${publishedDateTime}`;
  let anchor = anchors.get(key);
  if (!anchor) {
    if (anchors.size >= ANCHORS_KEPT) anchors.clear();
    anchor = parseAnchor(published, publishedDateTime);
    anchors.set(key, anchor);
  }
  return anchor;
}

function parseAnchor(published: string | null, publishedDateTime: string | null): Anchor {
  let instant: DateTime | null = null;
  if (publishedDateTime && /T\d/.test(publishedDateTime)) {
    const dt = DateTime.fromISO(publishedDateTime, { setZone: true });
    if (dt.isValid) instant = dt.setZone(ZONE);
  }
  let day: DateTime | null = null;
  if (published) {
    const dt = DateTime.fromISO(published, { zone: ZONE });
    if (dt.isValid) day = dt.startOf('day');
  }
  if (!day && instant) day = instant.startOf('day');
  return { day, instant };
}

/**
 * Which side of the reference a partial date may fall on: "지난" → past, "오는" → future (the
 * reference itself excluded); onOrBefore/onOrAfter include it (a bare "24일 회담했다" on the 24th is
 * that day): they come from the sentence's tense or --dates-prefer.
 */
export type Direction = 'past' | 'future' | 'nearest' | 'onOrBefore' | 'onOrAfter';

const p2 = (n: number) => String(n).padStart(2, '0');
const y4 = (y: number | null) => (y === null ? 'XXXX' : String(y).padStart(4, '0'));

/** YYYY, YYYY-MM or YYYY-MM-DD, with X for the unknown parts ("XXXX-XX-30"). */
export function formatDate(year: number | null, month: number | null, day: number | null = null): string {
  if (month === null && day === null) return y4(year);
  const m = month === null ? 'XX' : p2(month);
  return day === null ? `${y4(year)}-${m}` : `${y4(year)}-${m}-${p2(day)}`;
}

// From the date's fields, not luxon's toFormat: the same digits, without parsing a format each time.
export const isoDay = (dt: DateTime) => formatDate(dt.year, dt.month, dt.day);
const isoMonth = (dt: DateTime) => formatDate(dt.year, dt.month);
export const isoWeek = (dt: DateTime) => `${dt.weekYear}-W${p2(dt.weekNumber)}`;
const isoMinute = (dt: DateTime) => isoDay(dt) + clock(dt.hour, dt.minute);

/** "Thh:mm" for a clock time. */
export const clock = (hour: number, minute: number) => `T${p2(hour)}:${p2(minute)}`;

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * A calendar day as a count of days from 1970-01-01 (H. Hinnant's days_from_civil): the
 * resolvers below compare and measure candidate days with it instead of building a date for each.
 */
function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const validMonth = (month: number) => Number.isInteger(month) && month >= 1 && month <= 12;

/**
 * The index of the candidate (a day or month number) nearest `at` that the direction allows, -1 if
 * none; ties go to the past. past excludes `at` itself; future, onOrBefore and onOrAfter include it.
 */
function nearest(cands: number[], at: number, dir: Direction): number {
  let best = -1;
  cands.forEach((c, i) => {
    if (dir === 'past' ? c >= at : dir === 'onOrBefore' ? c > at : dir === 'future' || dir === 'onOrAfter' ? c < at : false) return;
    const d = Math.abs(c - at), bestD = best < 0 ? Infinity : Math.abs(cands[best] - at);
    if (d < bestD || (d === bestD && c < cands[best])) best = i;
  });
  return best;
}

/** The date with this day of month nearest the reference (its month or a neighbouring one). */
export function dayNear(ref: DateTime, day: number, dir: Direction): DateTime | null {
  const months: Array<[number, number]> = [];
  for (let k = -2; k <= 2; k++) {
    const i = ref.year * 12 + ref.month - 1 + k;
    const [y, m] = [Math.floor(i / 12), (i % 12 + 12) % 12 + 1];
    if (day <= daysInMonth(y, m)) months.push([y, m]);
  }
  const best = nearest(months.map(([y, m]) => dayNumber(y, m, day)), dayNumber(ref.year, ref.month, ref.day), dir);
  if (best < 0) return null;
  const [year, month] = months[best];
  return ref.set({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 });
}

/** The date with this month and day nearest the reference (its year or a neighbouring one). */
export function monthDayNear(ref: DateTime, month: number, day: number, dir: Direction): DateTime | null {
  const years = [ref.year - 1, ref.year, ref.year + 1].filter((y) => validMonth(month) && Number.isInteger(day) && day >= 1 && day <= daysInMonth(y, month));
  const best = nearest(years.map((y) => dayNumber(y, month, day)), dayNumber(ref.year, ref.month, ref.day), dir);
  return best < 0 ? null : DateTime.fromObject({ year: years[best], month, day }, { zone: ZONE });
}

/** The year of the month with this number nearest the reference; null if none the direction allows. */
export function monthNearYear(ref: DateTime, month: number, dir: Direction): number | null {
  if (!validMonth(month)) return null;
  const at = ref.year * 12 + ref.month - 1;
  const cands = [-1, 0, 1].map((k) => (ref.year + k) * 12 + month - 1);
  const best = nearest(cands, at, dir);
  if (best < 0) return null;
  // Equal distance (July and "1월"): keep the reference's own year, as news does for a bare month.
  if (dir === 'nearest' && Math.abs(cands[1] - at) === Math.abs(cands[best] - at)) return ref.year;
  return ref.year - 1 + best;
}

/** The weekday (1 = Monday … 7 = Sunday) nearest the reference; past/future exclude the day itself. */
export function weekdayNear(ref: DateTime, weekday: number, dir: Direction): DateTime {
  const diff = weekday - ref.weekday;
  if (dir === 'past') return ref.plus({ days: diff < 0 ? diff : diff - 7 });
  if (dir === 'future') return ref.plus({ days: diff > 0 ? diff : diff + 7 });
  if (dir === 'onOrBefore') return ref.plus({ days: diff <= 0 ? diff : diff - 7 });
  if (dir === 'onOrAfter') return ref.plus({ days: diff >= 0 ? diff : diff + 7 });
  return ref.plus({ days: diff > 3 ? diff - 7 : diff < -3 ? diff + 7 : diff });
}

/** Parts of a month: 초 (1–10), 중순 (11–20), 말 (21–last), as a day interval. */
export type Part = 'early' | 'mid' | 'late';

export function monthPart(year: number | null, month: number | null, part: Part): string {
  const last = month === null ? 31 : daysInMonth(year ?? 2001, month);
  const [a, b] = part === 'early' ? [1, 10] : part === 'mid' ? [11, 20] : [21, last];
  return `${formatDate(year, month, a)}/${formatDate(year, month, b)}`;
}

/** Parts of a year: 초 → January, 중 → the year, 말 → December (one month each; see docs/dates.md). */
export function yearPart(year: number | null, part: Part): string {
  return part === 'early' ? formatDate(year, 1) : part === 'late' ? formatDate(year, 12) : formatDate(year, null);
}

const monthSpan = (year: number | null, from: number, to: number, toYear: number | null = year) =>
  `${formatDate(year, from)}/${formatDate(toYear, to)}`;

export const quarter = (year: number | null, q: number) => monthSpan(year, 3 * q - 2, 3 * q);
export const half = (year: number | null, h: number) => monthSpan(year, h === 1 ? 1 : 7, h === 1 ? 6 : 12);

export type Season = 'spring' | 'summer' | 'autumn' | 'winter';
const SEASON_START: Record<Season, number> = { spring: 3, summer: 6, autumn: 9, winter: 12 };

/** Meteorological seasons as Korea counts them; winter runs December to February of the next year. */
export function season(year: number | null, s: Season): string {
  const from = SEASON_START[s];
  if (s === 'winter') return monthSpan(year, 12, 2, year === null ? null : year + 1);
  return monthSpan(year, from, from + 2);
}

/** The year whose season contains the reference or, with a direction, the previous/next one. */
export function seasonYear(ref: DateTime, s: Season, dir: Direction | 'current'): number {
  const from = SEASON_START[s];
  // Which season-year the reference falls in (January of 2024 belongs to winter 2023).
  const seasonOf = (dt: DateTime) => (s === 'winter' && dt.month <= 2 ? dt.year - 1 : dt.year);
  const y = seasonOf(ref);
  const start = DateTime.fromObject({ year: y, month: from, day: 1 }, { zone: ZONE });
  const end = start.plus({ months: 3 });
  if (dir === 'past') return ref >= end ? y : y - 1;
  if (dir === 'future') return ref < start ? y : y + 1;
  return y; // "이번 여름", "올 겨울": the one of this year (containing or coming)
}

export interface DurationParts {
  Y?: number; M?: number; W?: number; D?: number; H?: number; Min?: number; S?: number;
}

/** ISO 8601 duration: P15Y, P1Y6M, PT2H30M, P3DT4H. */
export function isoDuration(d: DurationParts): string {
  const date = (d.Y ? `${d.Y}Y` : '') + (d.M ? `${d.M}M` : '') + (d.W ? `${d.W}W` : '') + (d.D ? `${d.D}D` : '');
  const time = (d.H ? `${d.H}H` : '') + (d.Min ? `${d.Min}M` : '') + (d.S ? `${d.S}S` : '');
  const body = date + (time ? `T${time}` : '');
  return body ? `P${body}` : 'P0D';
}

/**
 * The point a duration away from the anchor ("3일 후", "2년 전"), at the grain of the duration's
 * smallest unit. Hours and minutes need the anchor's time of day; without it the value is X.
 */
export function shiftFrom(anchor: Anchor, d: DurationParts, sign: 1 | -1): string {
  const s = (n: number | undefined) => sign * (n ?? 0);
  const delta = { years: s(d.Y), months: s(d.M), weeks: s(d.W), days: s(d.D), hours: s(d.H), minutes: s(d.Min), seconds: s(d.S) };
  if (d.H || d.Min || d.S) return anchor.instant ? isoMinute(anchor.instant.plus(delta)) : 'XXXX-XX-XXTXX:XX';
  if (!anchor.day) return d.D ? 'XXXX-XX-XX' : d.W ? 'XXXX-WXX' : d.M ? 'XXXX-XX' : 'XXXX';
  const t = anchor.day.plus(delta);
  return d.D ? isoDay(t) : d.W ? isoWeek(t) : d.M ? isoMonth(t) : String(t.year);
}

/**
 * "2주 이내", "한시간 안에": from the anchor to a duration after it, at day grain (minute grain for
 * hours and minutes, which need the anchor's time of day); null where the anchor cannot give it.
 */
export function withinFrom(anchor: Anchor, d: DurationParts): string | null {
  const delta = { years: d.Y ?? 0, months: d.M ?? 0, weeks: d.W ?? 0, days: d.D ?? 0, hours: d.H ?? 0, minutes: d.Min ?? 0, seconds: d.S ?? 0 };
  if (d.H || d.Min || d.S) return anchor.instant ? `${isoMinute(anchor.instant)}/${isoMinute(anchor.instant.plus(delta))}` : null;
  return anchor.day ? `${isoDay(anchor.day)}/${isoDay(anchor.day.plus(delta))}` : null;
}

const DAY_VALUE = '[\\dX]{4}-[\\dX]{2}-[\\dX]{2}';
const CLOCK_VALUE = 'T[\\dX]{2}:[\\dX]{2}(?::\\d{2})?(?:Z|[+-]\\d{2}:\\d{2})?';
const POINT_VALUE = `(?:${DAY_VALUE}(?:${CLOCK_VALUE})?|[\\dX]{4}-W[\\dX]{2}(?:-[1-7](?:${CLOCK_VALUE})?)?|[\\dX]{4}(?:-[\\dX]{2})?|\\d{3}X|\\d{2})`;
const DURATION_VALUE = 'P(?=\\d|T\\d)(?:\\d+Y)?(?:\\d+M)?(?:\\d+W)?(?:\\d+D)?(?:T(?=\\d)(?:\\d+H)?(?:\\d+M)?(?:\\d+S)?)?';
const ISO_VALUE = new RegExp(`^(?:${POINT_VALUE}(?:/(?:${POINT_VALUE}|\\.\\.))?|\\.\\./${POINT_VALUE}|${DURATION_VALUE})$`);

/** Whether a value is one of the forms CONTRACT.md and docs/dates.md allow. */
export const isIsoValue = (value: string) => ISO_VALUE.test(value);
