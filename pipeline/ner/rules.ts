// Pattern rules for mentions whose shape says what they are.
// - Quantities → QT (KLUE annotates counts, amounts, sizes, ages, ratios and percentages as QT):
//   a number (digits with separators, optionally scaled by 만/억/조) followed by a unit or counter:
//   "16명", "5km", "1조 2000억 원", "32세", "3척", "2배", "50%". Native numerals ("한 번", "두 차례",
//   "몇 명") are left out: KLUE mostly leaves them untagged.
// - Phone numbers, URLs and e-mail addresses: KLUE has no type for them and they are not
//   quantities, so they never become entities; they are "blocked" regions: a model span that
//   overlaps one is dropped (digits of a phone number are no QT, "yna.co.kr" is no OG).
// Durations and calendar counts ("3년", "5개월", "2시간", "19세기") are left to the DT/TI model and
// the dates stage, as KLUE tags them DT/TI.
// A rule's confidence is its precision measured on held-out sentences given the model's own
// belief in the span (stored in the model; see pipeline/ner/index.ts).

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
// After the unit comes the word's end, a particle or 째 ("3번째"); any other syllable means the
// unit was the start of a longer word ("3개월", "19세기", "2세대", "4타수", "1·4호선").
const UNIT_END = '째?(?:(?![가-힣]|\\p{L})|(?=[이가을를은는의에와과도만로으씩까부보쯤께나밖였인]))';
// A range counts as one quantity, as KLUE tags it: "366.4∼598.4원", "16~18대".
const QUANTITY = new RegExp(String.raw`(?<![\d.,])(?:${NUMBER}\s?(?:[~∼〜-]|부터)\s?)?${NUMBER}\s?(?:${QUANTITY_UNITS.map(esc).join('|')})(?:\s?여)?(?:${UNIT_END})`, 'gu');
const AMOUNT_NOUN = /(?<![\d.,])\d[\d,]*(?:\.\d+)?\s?[만억조]\s?원/gu;

const PHONE = /(?<![\d])(?:\+82[-.\s]?|0)\d{1,2}[-.)\s]\s?\d{3,4}[-.\s]\d{4}(?!\d)|(?<!\d)1[5-9]\d{2}-\d{4}(?!\d)/gu;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|kr|jp|go\.kr|co\.kr|or\.kr|ac\.kr|io|gov|edu|int|mil)\b(?:\/[^\s<>"')\]]*)?/giu;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/gu;

function all(re: RegExp, text: string, rule: string): RuleMatch[] {
  return [...text.matchAll(re)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, rule }));
}

const DIGIT = /\d/;

/** Quantity mentions (type QT), longest first where they overlap; `blocked` is blockedMatches(text), when already known. */
export function quantityMatches(text: string, blocked = blockedMatches(text)): RuleMatch[] {
  if (!DIGIT.test(text)) return []; // every quantity pattern starts with a digit
  const found = [...all(QUANTITY, text, 'quantity'), ...all(AMOUNT_NOUN, text, 'quantity')]
    .map((m) => trimTrailing(text, m))
    .filter((m) => !blocked.some((b) => overlaps(b, m)));
  return longestDisjoint(found);
}

/** Phone numbers, URLs and e-mail addresses: regions no entity may overlap. */
export function blockedMatches(text: string): RuleMatch[] {
  // Each pattern needs one of these characters; most sentences have none of them.
  if (!/[.@:\d]/.test(text)) return [];
  const urls = all(URL, text, 'url').map((m) => { let end = m.end; while (end > m.start && /[.,;:!?]/.test(text[end - 1])) end--; return { ...m, end }; });
  return longestDisjoint([...all(EMAIL, text, 'email'), ...urls, ...all(PHONE, text, 'phone')]);
}

/** From left to right, the longest match at each start that overlaps none already kept. */
function longestDisjoint(found: RuleMatch[]): RuleMatch[] {
  const out: RuleMatch[] = [];
  for (const m of found.sort((a, b) => a.start - b.start || b.end - a.end)) if (!out.some((o) => overlaps(o, m))) out.push(m);
  return out;
}

function overlaps(a: RuleMatch, b: RuleMatch): boolean {
  return a.start < b.end && b.start < a.end;
}

function trimTrailing(text: string, m: RuleMatch): RuleMatch {
  let end = m.end;
  while (end > m.start && /\s/.test(text[end - 1])) end--;
  return { ...m, end };
}
