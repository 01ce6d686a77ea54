// Pattern rules for mentions whose shape says what they are.
// - Quantities → QT (KLUE annotates counts, amounts, sizes, ages, ratios and percentages as QT):
//   a number (digits with separators, optionally scaled by 만/억/조, or a native Korean numeral
//   before a counter) followed by a unit or counter: "16명", "5km", "1조 2000억 원", "32세",
//   "3척", "2배", "50%", "두 차례".
// - Phone numbers, URLs and e-mail addresses: KLUE has no type for them and they are not
//   quantities, so they never become entities; they are "blocked" regions: a model span that
//   overlaps one is dropped (digits of a phone number are no QT, "yna.co.kr" is no OG).
// Durations and calendar counts ("3년", "5개월", "2시간", "19세기") are left to the DT/TI model and
// the dates stage, as KLUE tags them DT/TI.
// A rule's confidence is its precision measured on the training sentences (stored in the model).

export interface RuleMatch {
  start: number;
  end: number;
  /** Rule name; its fitted precision is the match's confidence. */
  rule: string;
}

/** Units and counters that end a quantity; longest first so "개국" wins over "개". */
export const QUANTITY_UNITS: readonly string[] = [
  '명', '개', '개국', '개사', '곳', '군데', '원', '달러', '엔', '위안', '유로', '파운드', '루블', 'km', '㎞', 'm', 'cm', 'mm', '㎜', 'kg', '㎏',
  'g', 't', '톤', '리터', 'L', 'ℓ', '평', '㎡', '제곱미터', '제곱킬로미터', '미터', '킬로미터', '킬로그램', '그램', '세', '살', '척', '대', '배',
  '건', '차례', '번', '회', '위', '등', '등급', '점', '%', '퍼센트', '%p', '％', '포인트', '마리', '그루', '채', '권', '편', '곡', '병', '잔', '가구',
  '표', '석', '발', '기', '문', '벌', '켤레', '인분', '배럴', '노트', '해리', '마일', '피트', '인치', '야드', '에이커', '헥타르', 'ha', '메가톤',
  '킬로톤', '승', '패', '골', '타', '층', '호', '℃', '도', '선발', '명분', '억', '만',
].sort((a, b) => b.length - a.length);

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NUMBER = String.raw`\d[\d,]*(?:\.\d+)?(?:\s?[십백천만억조]+)?(?:\s?\d[\d,]*(?:\.\d+)?\s?[십백천만억조]+)*(?:\s?\d[\d,]*(?:\.\d+)?)?`;
const NATIVE = '(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|열한|열두|스무|수십|수백|수천|수만|수억|수조|몇|십여|수)';
const NATIVE_COUNTERS = ['명', '개', '곳', '차례', '번', '척', '대', '마리', '가지', '살', '배', '건', '채', '권', '그루'];
// A unit that starts a longer calendar or clock word ("개월", "세기", "주년", "시간", "대통령") is no unit.
const NOT_AFTER = '(?!월|기|년|간|통령|표|학|회의|사|표이사|책)';
const QUANTITY = new RegExp(String.raw`(?<![\d.,])(?:${NUMBER}\s?(?:${QUANTITY_UNITS.map(esc).join('|')})(?:\s?여)?|${NATIVE}\s?(?:${NATIVE_COUNTERS.join('|')}))${NOT_AFTER}`, 'gu');
const AMOUNT_NOUN = /(?<![\d.,])\d[\d,]*(?:\.\d+)?\s?[만억조]\s?원/gu;

const PHONE = /(?<![\d])(?:\+82[-.\s]?|0)\d{1,2}[-.)\s]\s?\d{3,4}[-.\s]\d{4}(?!\d)|(?<!\d)1[5-9]\d{2}-\d{4}(?!\d)/gu;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|kr|jp|go\.kr|co\.kr|or\.kr|ac\.kr|io|gov|edu|int|mil)\b(?:\/[^\s<>"')\]]*)?/giu;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/gu;

function all(re: RegExp, text: string, rule: string): RuleMatch[] {
  return [...text.matchAll(re)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, rule }));
}

/** Quantity mentions (type QT), longest first where they overlap. */
export function quantityMatches(text: string): RuleMatch[] {
  const blocked = blockedMatches(text);
  const found = [...all(QUANTITY, text, 'quantity'), ...all(AMOUNT_NOUN, text, 'quantity')]
    .map((m) => trimTrailing(text, m))
    .filter((m) => !blocked.some((b) => b.start < m.end && m.start < b.end))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RuleMatch[] = [];
  for (const m of found) if (!out.some((o) => o.start < m.end && m.start < o.end)) out.push(m);
  return out;
}

/** Phone numbers, URLs and e-mail addresses: regions no entity may overlap. */
export function blockedMatches(text: string): RuleMatch[] {
  const urls = all(URL, text, 'url').map((m) => { let end = m.end; while (end > m.start && /[.,;:!?]/.test(text[end - 1])) end--; return { ...m, end }; });
  const found = [...all(EMAIL, text, 'email'), ...urls, ...all(PHONE, text, 'phone')].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RuleMatch[] = [];
  for (const m of found) if (!out.some((o) => o.start < m.end && m.start < o.end)) out.push(m);
  return out;
}

function trimTrailing(text: string, m: RuleMatch): RuleMatch {
  let end = m.end;
  while (end > m.start && /\s/.test(text[end - 1])) end--;
  return { ...m, end };
}
