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
