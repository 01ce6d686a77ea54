// Korean spellings of Japanese names vary in two regular ways: the standard (국립국어원) writes a
// word-initial voiceless stop plain (기하라, 다케오, 지바) where the press often writes it aspirated
// (키하라, 타케오, 치바), and つ is 쓰 or 츠. The KB lists one spelling; these are the others.

const SYLLABLE_BASE = 0xac00;
const INITIALS = 21 * 28; // syllables per initial consonant
/** Initial-consonant index pairs: ㄱ↔ㅋ, ㄷ↔ㅌ, ㅈ↔ㅊ. */
const INITIAL_SWAP = new Map<number, number>([[0, 15], [15, 0], [3, 16], [16, 3], [12, 14], [14, 12]]);

function swapInitial(ch: string): string | null {
  const code = ch.charCodeAt(0) - SYLLABLE_BASE;
  if (code < 0 || code > 11171) return null;
  const initial = Math.floor(code / INITIALS);
  const other = INITIAL_SWAP.get(initial);
  return other === undefined ? null : String.fromCharCode(SYLLABLE_BASE + other * INITIALS + (code % INITIALS));
}

/** Spelling variants of a Korean transliteration of a Japanese name (the input itself excluded). */
export function aliasVariants(name: string): string[] {
  if (!/^[가-힣 ]+$/.test(name)) return [];
  let forms = [''];
  const words = name.split(' ');
  words.forEach((w, i) => {
    const swapped = swapInitial(w[0]);
    const options = swapped ? [w, swapped + w.slice(1)] : [w];
    forms = forms.flatMap((f) => options.map((o) => (i ? `${f} ${o}` : o)));
  });
  const out = new Set<string>();
  for (const f of forms) {
    out.add(f);
    if (f.includes('쓰')) out.add(f.replaceAll('쓰', '츠'));
    if (f.includes('츠')) out.add(f.replaceAll('츠', '쓰'));
  }
  out.delete(name);
  return [...out];
}

// Revised Romanization, syllable by syllable (no sound-change rules): enough to give a NIL entity
// a readable name_en. Surnames take their customary spellings (김 Kim, 이 Lee, 박 Park).
const RR_INITIAL = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'];
const RR_MEDIAL = ['a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'eu', 'ui', 'i'];
const RR_FINAL = ['', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't', 't', 'k', 't', 'p', 't'];
const SURNAMES: Record<string, string> = {
  김: 'Kim', 이: 'Lee', 리: 'Ri', 박: 'Park', 최: 'Choi', 정: 'Jeong', 강: 'Kang', 조: 'Cho', 윤: 'Yoon', 장: 'Jang', 임: 'Lim',
  한: 'Han', 오: 'Oh', 서: 'Seo', 신: 'Shin', 권: 'Kwon', 황: 'Hwang', 안: 'Ahn', 송: 'Song', 류: 'Ryu', 유: 'Yoo', 홍: 'Hong',
  전: 'Jeon', 고: 'Ko', 문: 'Moon', 양: 'Yang', 손: 'Son', 배: 'Bae', 백: 'Baek', 허: 'Heo', 노: 'Noh', 남: 'Nam', 심: 'Shim',
  하: 'Ha', 곽: 'Kwak', 성: 'Sung', 차: 'Cha', 주: 'Joo', 우: 'Woo', 구: 'Koo', 민: 'Min', 진: 'Jin', 나: 'Na', 원: 'Won', 현: 'Hyun',
};

function romanizeSyllables(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0) - SYLLABLE_BASE;
    if (code < 0 || code > 11171) { out += ch; continue; }
    out += RR_INITIAL[Math.floor(code / INITIALS)] + RR_MEDIAL[Math.floor((code % INITIALS) / 28)] + RR_FINAL[code % 28];
  }
  return out;
}

const capitalize = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** An English rendering of a name: Korean person names as "Hong Gil-dong", other hangul word by word. */
export function romanizeName(text: string, person: boolean): string {
  if (!/[가-힣]/.test(text)) return text;
  if (person && /^[가-힣]{2,4}$/.test(text)) {
    const surname = text[0];
    const given = [...text.slice(1)].map(romanizeSyllables).join('-');
    return `${SURNAMES[surname] ?? capitalize(romanizeSyllables(surname))} ${capitalize(given)}`;
  }
  return text.split(/\s+/).map((w) => capitalize(romanizeSyllables(w))).join(' ');
}
