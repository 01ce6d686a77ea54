// The publication date: from input metadata, front matter, or a dateline in the text itself.
// In the text only explicit publication stamps count (a byline keyword followed by a date, such
// as "입력 2024.10.28 10:30", "기사입력 : 2024-10-28", "등록 2023-07-24", "보도일시: 2023. 7. 24.(월)",
// a Yonhap-style "2024/10/28 10:30 송고", or a credit line "(외교부, 2023.07.24)"), and only on a
// short line (≤ 100 chars): a date inside an article sentence ("2026년 1월 30일 ... 회담을 개최")
// is the date of an event, not of publication.
import { DateTime } from 'luxon';

const SEOUL = 'Asia/Seoul';

export interface Published {
  /** YYYY-MM-DD, the day in Asia/Seoul. */
  published: string;
  /** A full ISO date-time with offset when the source gave a time of day. */
  publishedDateTime: string | null;
}

const DATE = String.raw`((?:19|20)\d{2})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})(?:\s*일|\.)?`;
const WEEKDAY = String.raw`(?:\s*\(\s*[월화수목금토일]\s*\))?`;
const TIME = String.raw`(?:\s*(?:(오전|오후|AM|PM)\s*)?(\d{1,2}):(\d{2})(?::\d{2})?)?`;
const PUBLISH_WORD = String.raw`(?:최초\s*)?(?:기사\s*)?(?:입력|등록|작성|게재|발행|승인|송고|배포|보도)(?:\s*일시|\s*일자|\s*시간|\s*시각|일)?|Published|Posted`;
const UPDATE_WORD = String.raw`(?:최종\s*)?(?:수정|업데이트|갱신)(?:\s*일시|\s*일자|일)?|Updated|Modified`;

const BYLINE = new RegExp(String.raw`(?:^|[\s|·(\[])(?:${PUBLISH_WORD})\s*[:：]?\s*${DATE}${WEEKDAY}${TIME}`, 'iu');
const SENT = new RegExp(String.raw`${DATE}${WEEKDAY}${TIME}\s*송고`, 'u');
const CREDIT = new RegExp(String.raw`^\(?\s*[^\d(),:]{2,30}?\s*,\s*${DATE}\s*\)?\.?$`, 'u');
const STAMP = new RegExp(String.raw`(?:${PUBLISH_WORD}|${UPDATE_WORD})?\s*[:：]?\s*${DATE}${WEEKDAY}${TIME}\s*(?:송고)?`, 'giu');

const MAX_STAMP_LINE = 100;

function toPublished(m: RegExpExecArray, hasTime: boolean): Published | null {
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = DateTime.fromObject({ year: y, month: mo, day: d }, { zone: SEOUL });
  if (!day.isValid) return null;
  if (!hasTime || m[5] === undefined) return { published: day.toISODate()!, publishedDateTime: null };
  let hour = Number(m[5]);
  const ampm = m[4]?.toUpperCase();
  if ((ampm === '오후' || ampm === 'PM') && hour < 12) hour += 12;
  if ((ampm === '오전' || ampm === 'AM') && hour === 12) hour = 0;
  const at = day.set({ hour, minute: Number(m[6]) });
  if (!at.isValid || hour > 23) return { published: day.toISODate()!, publishedDateTime: null };
  // Korean news sites stamp times in KST.
  return { published: day.toISODate()!, publishedDateTime: at.toISO({ suppressMilliseconds: true })! };
}

/** The publication stamp on one line, or null. */
export function publishedInLine(line: string): Published | null {
  const text = line.trim();
  if (text.length === 0 || text.length > MAX_STAMP_LINE) return null;
  const byline = BYLINE.exec(text) ?? SENT.exec(text);
  if (byline) return toPublished(byline, true);
  const credit = CREDIT.exec(text);
  return credit ? toPublished(credit, false) : null;
}

/** The first publication stamp in document order among the lines given. */
export function publishedInText(lines: readonly string[]): Published | null {
  for (const line of lines) {
    const found = publishedInLine(line);
    if (found) return found;
  }
  return null;
}

/** True for a line made of publication/update stamps only ("입력 2024.10.28 10:30 | 수정 ..."). */
export function isStampLine(line: string): boolean {
  const text = line.trim();
  if (!publishedInLine(text)) return false;
  if (CREDIT.test(text)) return true;
  return text.replace(STAMP, '').replace(/[\s|·:：/()[\]\-–—,]+/g, '') === '';
}

/** Whether year-month-day names a day of the (proleptic Gregorian) calendar; plain arithmetic, as every article asks. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * A publication value from metadata (JSONL `published`, front matter `date`, HTML meta): "YYYY-MM-DD",
 * an ISO date-time with offset, a Jekyll "2024-10-28 10:30:00 +0900", or a Date from YAML.
 * A date-time without offset is read in Asia/Seoul. Returns null when the value is not a date.
 */
export function parsePublishedValue(value: unknown, keepString: boolean): Published | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const dt = DateTime.fromJSDate(value, { zone: SEOUL });
    return { published: dt.toISODate()!, publishedDateTime: dt.toISO({ suppressMilliseconds: true })! };
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (day) return isCalendarDay(Number(day[1]), Number(day[2]), Number(day[3])) ? { published: s, publishedDateTime: null } : null;
  const iso = s.replace(/^(\d{4}-\d{2}-\d{2})[ T]/, '$1T').replace(/\s*([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const dt = DateTime.fromISO(iso, { zone: SEOUL, setZone: true });
  if (!dt.isValid || !/T\d{2}:\d{2}/.test(iso)) {
    const m = new RegExp(`^${DATE}$`, 'u').exec(s);
    return m ? toPublished(m, false) : null;
  }
  return {
    published: dt.setZone(SEOUL).toISODate()!,
    publishedDateTime: keepString && iso === s && /(?:Z|[+-]\d{2}:\d{2})$/i.test(s) ? s : dt.toISO({ suppressMilliseconds: true })!,
  };
}
