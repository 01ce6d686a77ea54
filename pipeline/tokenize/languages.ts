// Which stretches of a sentence go to the English and Japanese analyzers; kuromoji-ko reads the
// whole sentence first (so that particles after "SCM의" keep their context), and these
// stretches then replace its SL/SH guesses.
import type { ScriptRun, Span } from '../types.js';

export interface ForeignPiece extends Span {
  lang: 'en' | 'ja';
}

/** Punctuation that joins Latin words into one English stretch: "Wendy R. Sherman", "D.C", "O'Brien", "AT&T". */
const EN_JOINER = /^[.\-'’&]+$/u;
/** Punctuation inside Japanese: 森・健良, 「…」, 、。 */
const JA_JOINER = /^[・·、。「」『』〜]+$/u;
/** Within one stretch, words may be separated by spaces but not by line breaks. */
const SPACES = /^[ \t\u00a0\u3000]+$/u;

/**
 * English and Japanese stretches among `runs` (the script runs of one sentence, in order).
 * English: Latin words with digits glued to them (F-35A, G7) and joining punctuation.
 * Japanese: han/kana words; a stretch of han alone is Japanese only when it contains two or more
 * characters and does not stand next to hangul: 北 미사일, 韓美 정상회담 and 美국무부 are Korean
 * usage, which mecab-ko-dic reads in hangul (북, 한미), while 모리 다케오(森 健良) is a Japanese gloss.
 */
export function foreignPieces(text: string, runs: readonly ScriptRun[]): ForeignPiece[] {
  const pieces: ForeignPiece[] = [];
  for (let i = 0; i < runs.length; i++) {
    const script = runs[i].script;
    if (script === 'latin') {
      const j = extend(text, runs, i, (r, glued) => r.script === 'latin' || (glued && r.script === 'digit'), EN_JOINER);
      pieces.push({ start: runs[i].start, end: runs[j].end, lang: 'en' });
      i = j;
    } else if (script === 'han' || script === 'kana') {
      const j = extend(text, runs, i, (r) => r.script === 'han' || r.script === 'kana', JA_JOINER);
      const piece = { start: runs[i].start, end: runs[j].end, lang: 'ja' as const };
      if (isJapanese(text, runs.slice(i, j + 1), piece)) pieces.push(piece);
      i = j;
    }
  }
  return pieces;
}

/**
 * The index of the last run that continues the stretch starting at runs[i]: runs that `accept`
 * takes, glued or after spaces, possibly over glued `joiner` punctuation; never ending on a joiner.
 */
function extend(
  text: string,
  runs: readonly ScriptRun[],
  i: number,
  accept: (run: ScriptRun, glued: boolean) => boolean,
  joiner: RegExp,
): number {
  let last = i;
  for (let k = i + 1; k < runs.length; k++) {
    const gap = text.slice(runs[k - 1].end, runs[k].start);
    const glued = gap === '';
    if (!glued && !SPACES.test(gap)) break;
    if (accept(runs[k], glued)) last = k;
    else if (!(glued && runs[k].script === 'other' && joiner.test(text.slice(runs[k].start, runs[k].end)))) break;
  }
  return last;
}

function isJapanese(text: string, runs: readonly ScriptRun[], piece: Span): boolean {
  if (runs.some((r) => r.script === 'kana')) return true;
  const hanCount = runs.reduce((n, r) => n + (r.script === 'han' ? [...text.slice(r.start, r.end)].length : 0), 0);
  if (hanCount < 2) return false;
  const before = /\S(?=\s*$)/u.exec(text.slice(Math.max(0, piece.start - 8), piece.start))?.[0];
  const after = /^\s*(\S)/u.exec(text.slice(piece.end, piece.end + 8))?.[1];
  return !isHangul(before) && !isHangul(after);
}

function isHangul(ch: string | undefined): boolean {
  return ch !== undefined && /\p{Script=Hangul}/u.test(ch);
}
