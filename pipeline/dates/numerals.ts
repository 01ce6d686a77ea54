// Korean numerals as they appear in temporal expressions: Arabic digits, Sino-Korean numerals
// (이십, 삼십오) and native numerals (한, 두, 열두, 스무), plus the native day counts (하루 … 보름).
// Each kind comes as a regex source (used to build the patterns) and a parser for what it matched.

const SINO_DIGITS: Record<string, number> = { 일: 1, 이: 2, 삼: 3, 사: 4, 오: 5, 육: 6, 륙: 6, 칠: 7, 팔: 8, 구: 9 };

/**
 * Sino-Korean numbers that carry a unit (십, 백, 천): "십", "이십일", "삼십", "백이십". Bare digit
 * syllables (일, 이, 사 …) are left out on purpose: they are ordinary words far more often than numbers.
 */
const D = '[이삼사오육칠팔구]';
export const SINO = [
  `(?:${D}?천)?(?:${D}?백)?${D}?십[일${D.slice(1, -1)}]?`,
  `(?:${D}?천)?${D}?백(?:${D}?십)?[일${D.slice(1, -1)}]?`,
  `${D}?천(?:${D}?백)?(?:${D}?십)?[일${D.slice(1, -1)}]?`,
].join('|');

/** Native cardinal determiners used before counters (두 시간, 열두 시, 스무 날). Longest first. */
const NATIVE_VALUES: Array<[string, number]> = [
  ['스물다섯', 25], ['스물네', 24], ['스물세', 23], ['스물두', 22], ['스물한', 21],
  ['열다섯', 15], ['열여섯', 16], ['열일곱', 17], ['열여덟', 18], ['열아홉', 19],
  ['열한', 11], ['열두', 12], ['열세', 13], ['열네', 14], ['스무', 20], ['서른', 30],
  ['다섯', 5], ['여섯', 6], ['일곱', 7], ['여덟', 8], ['아홉', 9],
  ['한', 1], ['두', 2], ['세', 3], ['석', 3], ['네', 4], ['넉', 4], ['열', 10],
];
export const NATIVE = NATIVE_VALUES.map(([w]) => w).join('|');

/** Native words that are themselves a number of days (사흘 = 3 days, 보름 = 15 days). */
const DAY_COUNT_VALUES: Record<string, number> = {
  하루: 1, 이틀: 2, 사흘: 3, 나흘: 4, 닷새: 5, 엿새: 6, 이레: 7, 여드레: 8, 아흐레: 9, 열흘: 10, 보름: 15,
};
export const DAY_COUNT = Object.keys(DAY_COUNT_VALUES).sort((a, b) => b.length - a.length).join('|');

/** Arabic digits, optionally with thousands separators. */
export const ARABIC = '\\d{1,3}(?:,\\d{3})+|\\d+';

/** Any cardinal a counter can follow: Arabic, Sino-Korean or native (in that order of preference). */
export const CARDINAL = `${ARABIC}|${SINO}|${NATIVE}`;

/** The value of a matched cardinal (Arabic, Sino-Korean or native), or NaN when it is none of them. */
export function parseCardinal(text: string): number {
  const s = text.replace(/\s+/g, '');
  if (/^[\d,]+$/.test(s)) return Number(s.replace(/,/g, ''));
  const native = NATIVE_VALUES.find(([w]) => w === s);
  if (native) return native[1];
  return parseSino(s);
}

/** The number of days a native day word stands for (하루 → 1, 보름 → 15), or NaN. */
export function parseDayCount(text: string): number {
  return DAY_COUNT_VALUES[text] ?? NaN;
}

function parseSino(s: string): number {
  if (!s) return NaN;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    const d = SINO_DIGITS[ch];
    if (d !== undefined) {
      digit = d;
      continue;
    }
    const unit = ch === '십' ? 10 : ch === '백' ? 100 : ch === '천' ? 1000 : 0;
    if (!unit) return NaN;
    total += (digit || 1) * unit;
    digit = 0;
  }
  return total + digit;
}
