// The lunar holiday table checked against astronomy: 설날 is the first day of the lunar month that
// holds the solar term 우수 (sun at 330°), 부처님오신날 the 8th day of the month holding 소만 (60°),
// 추석 the 15th day of the month holding 추분 (180°); months start on the new moon's day in KST.
// New moons: Meeus, Astronomical Algorithms ch. 49 (main terms, error of minutes); sun: low-precision
// ecliptic longitude (error ~0.01°). Neither comes near a day boundary for 2015–2030.
import { describe, expect, it } from 'vitest';
import { HOLIDAYS, LUNAR_TABLE, holidayDate } from '../../pipeline/dates/holidays.js';

const RAD = Math.PI / 180;

function newMoonJd(k: number): number {
  const T = k / 1236.85;
  const E = 1 - 0.002516 * T;
  const M = (2.5534 + 29.1053567 * k) * RAD;
  const Mp = (201.5643 + 385.81693528 * k + 0.0107582 * T * T) * RAD;
  const F = (160.7108 + 390.67050284 * k) * RAD;
  const Om = (124.7746 - 1.56375588 * k) * RAD;
  const jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * T * T
    - 0.4072 * Math.sin(Mp) + 0.17241 * E * Math.sin(M) + 0.01608 * Math.sin(2 * Mp) + 0.01039 * Math.sin(2 * F)
    + 0.00739 * E * Math.sin(Mp - M) - 0.00514 * E * Math.sin(Mp + M) + 0.00208 * E * E * Math.sin(2 * M)
    - 0.00111 * Math.sin(Mp - 2 * F) - 0.00057 * Math.sin(Mp + 2 * F) + 0.00056 * E * Math.sin(2 * Mp + M)
    - 0.00042 * Math.sin(3 * Mp) + 0.00042 * E * Math.sin(M + 2 * F) + 0.00038 * E * Math.sin(M - 2 * F)
    - 0.00024 * E * Math.sin(2 * Mp - M) - 0.00017 * Math.sin(Om);
  return jde - 69 / 86400; // TT → UT
}

function sunLongitude(jd: number): number {
  const n = jd - 2451545;
  const g = (357.528 + 0.9856003 * n) * RAD;
  const l = 280.46 + 0.9856474 * n + 1.915 * Math.sin(g) + 0.02 * Math.sin(2 * g);
  return ((l % 360) + 360) % 360;
}

/** The moment the sun reaches a longitude, near a given day. */
function solarTermJd(year: number, longitude: number, month: number, day: number): number {
  let jd = Date.UTC(year, month - 1, day) / 86400000 + 2440587.5;
  for (let i = 0; i < 20; i++) jd += ((((longitude - sunLongitude(jd)) + 540) % 360) - 180) / 0.9856;
  return jd;
}

const kstDay = (jd: number) => new Date((jd - 2440587.5) * 86400000 + 9 * 3600000).toISOString().slice(0, 10);
const kstMidnight = (jd: number) => Date.parse(`${kstDay(jd)}T00:00:00+09:00`) / 86400000 + 2440587.5;

/** The KST day on which the lunar month holding a moment begins, plus `offset` days, as MM-DD. */
function lunarMonthDay(jd: number, offset: number): string {
  let k = Math.floor((jd - 2451550.1) / 29.530588861) + 1;
  while (kstMidnight(newMoonJd(k)) > jd) k--;
  const start = Date.parse(`${kstDay(newMoonJd(k))}T00:00:00Z`) + offset * 86400000;
  return new Date(start).toISOString().slice(5, 10);
}

describe('lunar holiday table', () => {
  it.each(Object.keys(LUNAR_TABLE).map(Number))('%i agrees with the astronomical calendar', (year) => {
    expect(LUNAR_TABLE[year]).toEqual({
      seollal: lunarMonthDay(solarTermJd(year, 330, 2, 19), 0),
      buddha: lunarMonthDay(solarTermJd(year, 60, 5, 21), 7),
      chuseok: lunarMonthDay(solarTermJd(year, 180, 9, 23), 14),
    });
  });
  it('covers 2017–2030 and returns null outside the table', () => {
    for (let y = 2017; y <= 2030; y++) expect(LUNAR_TABLE[y]).toBeDefined();
    const chuseok = HOLIDAYS.find((h) => h.date === 'chuseok')!;
    expect(holidayDate(chuseok, 2024)).toEqual({ month: 9, day: 17 });
    expect(holidayDate(chuseok, 1990)).toBeNull();
  });
});
