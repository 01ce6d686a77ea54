// Which stretches of a sentence go to the English and Japanese analyzers; kuromoji-ko reads the
// whole sentence first (so that particles after "SCM의" keep their context), and these
// stretches then replace its SL/SH guesses.
import { scriptAt } from '../segment/scripts.js';
import type { ScriptRun, Span } from '../types.js';

export interface ForeignPiece extends Span {
  lang: 'en' | 'ja';
}

/** Punctuation that joins Latin words into one English stretch: "Wendy R. Sherman", "D.C", "AT&T", "Seoul, Korea". */
const EN_JOINER = /^[.,;:\-'’&/]+$/u;
/** Punctuation inside Japanese: 森・健良, 「…」, 、。 */
const JA_JOINER = /^[・·、。「」『』〜]+$/u;
/** Within one stretch, words may be separated by spaces but not by line breaks. */
const SPACES = /^[ \t\u00a0\u3000]+$/u;

/** How a run relates to the stretch before it: part of it, part of it only if more follows, or not. */
type Continues = 'take' | 'if-more' | 'stop';

/**
 * English and Japanese stretches among `runs` (the script runs of one sentence, in order).
 * English: Latin words, with numbers (F-35A, "October 2024", but not 2023년) and joining
 * punctuation between them. Japanese: han/kana words; a stretch of han alone is Japanese only
 * when it has two or more characters and does not stand next to hangul: 北 미사일, 韓美 정상회담
 * and 美국무부 are Korean usage, which mecab-ko-dic reads in hangul (북, 한미), while
 * 모리 다케오(森 健良) is a Japanese gloss.
 */
export function foreignPieces(text: string, runs: readonly ScriptRun[]): ForeignPiece[] {
  const pieces: ForeignPiece[] = [];
  for (let i = 0; i < runs.length; i++) {
    const script = runs[i].script;
    if (script === 'latin') {
      const j = extend(text, runs, i, (r, glued) =>
        r.script === 'latin' || (r.script === 'digit' && (glued || !countsKorean(text, r))) ? 'take' : glued && isJoiner(text, r, EN_JOINER) ? 'if-more' : 'stop',
      );
      pieces.push({ start: runs[i].start, end: runs[j].end, lang: 'en' });
      i = j;
    } else if (script === 'han' || script === 'kana') {
      const j = extend(text, runs, i, (r, glued) =>
        r.script === 'han' || r.script === 'kana' ? 'take' : glued && (r.script === 'digit' || isJoiner(text, r, JA_JOINER)) ? 'if-more' : 'stop',
      );
      const piece = { start: runs[i].start, end: runs[j].end, lang: 'ja' as const };
      if (isJapanese(text, runs.slice(i, j + 1), piece)) pieces.push(piece);
      i = j;
    }
  }
  return pieces;
}

/** A number glued to hangul is Korean (SCM 2023년, 3국). */
function countsKorean(text: string, run: ScriptRun): boolean {
  return scriptAt(text, run.end) === 'hangul';
}

function isJoiner(text: string, run: ScriptRun, joiner: RegExp): boolean {
  return run.script === 'other' && joiner.test(text.slice(run.start, run.end));
}

/**
 * The index of the last run of the stretch starting at runs[i]: following runs, glued or after
 * spaces, as long as `continues` takes them; an "if-more" run only counts when a taken one follows.
 */
function extend(text: string, runs: readonly ScriptRun[], i: number, continues: (run: ScriptRun, glued: boolean) => Continues): number {
  let last = i;
  for (let k = i + 1; k < runs.length; k++) {
    const gap = text.slice(runs[k - 1].end, runs[k].start);
    if (gap !== '' && !SPACES.test(gap)) break;
    const c = continues(runs[k], gap === '');
    if (c === 'stop') break;
    if (c === 'take') last = k;
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
