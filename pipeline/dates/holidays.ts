// Korean holidays by name. Fixed-date holidays are (month, day); lunar ones (설날 = lunar 1/1,
// 부처님오신날 = lunar 4/8, 추석 = lunar 8/15) come from a table of solar dates, 2015–2030.
// The table was checked against an astronomical computation (new moons in KST, the month holding
// the principal solar term) and against the published Korean calendars; test/dates checks its shape.

export type LunarHoliday = 'seollal' | 'buddha' | 'chuseok';

/** Solar date (MM-DD) of each lunar holiday by year. */
export const LUNAR_TABLE: Record<number, Record<LunarHoliday, string>> = {
  2015: { seollal: '02-19', buddha: '05-25', chuseok: '09-27' },
  2016: { seollal: '02-08', buddha: '05-14', chuseok: '09-15' },
  2017: { seollal: '01-28', buddha: '05-03', chuseok: '10-04' },
  2018: { seollal: '02-16', buddha: '05-22', chuseok: '09-24' },
  2019: { seollal: '02-05', buddha: '05-12', chuseok: '09-13' },
  2020: { seollal: '01-25', buddha: '04-30', chuseok: '10-01' },
  2021: { seollal: '02-12', buddha: '05-19', chuseok: '09-21' },
  2022: { seollal: '02-01', buddha: '05-08', chuseok: '09-10' },
  2023: { seollal: '01-22', buddha: '05-27', chuseok: '09-29' },
  2024: { seollal: '02-10', buddha: '05-15', chuseok: '09-17' },
  2025: { seollal: '01-29', buddha: '05-05', chuseok: '10-06' },
  2026: { seollal: '02-17', buddha: '05-24', chuseok: '09-25' },
  2027: { seollal: '02-07', buddha: '05-13', chuseok: '09-15' },
  2028: { seollal: '01-27', buddha: '05-02', chuseok: '10-03' },
  2029: { seollal: '02-13', buddha: '05-20', chuseok: '09-22' },
  2030: { seollal: '02-03', buddha: '05-09', chuseok: '09-12' },
};

export interface Holiday {
  /** Surface forms, as a regex alternation source. */
  names: string;
  /** A fixed solar date, or the lunar holiday whose date comes from LUNAR_TABLE. */
  date: { month: number; day: number } | LunarHoliday;
  /** Days on each side that the official holiday period (연휴) adds. */
  holidaySpan: number;
  /** A lookahead the name needs (a regex source), for names that are ordinary words alone... */
  requires?: string;
  /** ...or, instead, a lookbehind: what before it makes it the holiday. */
  after?: string;
}

export const HOLIDAYS: Holiday[] = [
  { names: '설날|구정', date: 'seollal', holidaySpan: 1 },
  // 설 alone is too ambiguous (설명, 설이 나돌다): it needs a word after it that makes it the
  // holiday (설 연휴, 설 명절), or a year before it (올해 설, 2024년 설).
  { names: '설', requires: '\\s*(?:연휴|명절|당일|전후|직전|직후|대목|차례|귀성)', after: '(?:해|년|올)\\s?', date: 'seollal', holidaySpan: 1 },
  { names: '추석|한가위', date: 'chuseok', holidaySpan: 1 },
  { names: '부처님\\s?오신\\s?날|석가탄신일|초파일', date: 'buddha', holidaySpan: 0 },
  { names: '신정|새해\\s?첫날', date: { month: 1, day: 1 }, holidaySpan: 0 },
  { names: '삼일절|3·1절|3\\.1절', date: { month: 3, day: 1 }, holidaySpan: 0 },
  { names: '어린이날', date: { month: 5, day: 5 }, holidaySpan: 0 },
  { names: '어버이날', date: { month: 5, day: 8 }, holidaySpan: 0 },
  { names: '스승의\\s?날', date: { month: 5, day: 15 }, holidaySpan: 0 },
  { names: '현충일', date: { month: 6, day: 6 }, holidaySpan: 0 },
  { names: '제헌절', date: { month: 7, day: 17 }, holidaySpan: 0 },
  { names: '광복절', date: { month: 8, day: 15 }, holidaySpan: 0 },
  { names: '국군의\\s?날', date: { month: 10, day: 1 }, holidaySpan: 0 },
  { names: '개천절', date: { month: 10, day: 3 }, holidaySpan: 0 },
  { names: '한글날', date: { month: 10, day: 9 }, holidaySpan: 0 },
  { names: '핼러윈|할로윈|핼로윈', date: { month: 10, day: 31 }, holidaySpan: 0 },
  { names: '크리스마스\\s?이브', date: { month: 12, day: 24 }, holidaySpan: 0 },
  { names: '크리스마스|성탄절', date: { month: 12, day: 25 }, holidaySpan: 0 },
];

/** The (month, day) of a holiday in a year, or null when the lunar table lacks that year. */
export function holidayDate(h: Holiday, year: number): { month: number; day: number } | null {
  if (typeof h.date !== 'string') return h.date;
  const md = LUNAR_TABLE[year]?.[h.date];
  if (!md) return null;
  const [month, day] = md.split('-').map(Number);
  return { month, day };
}
