// Sentence splitting for Korean news text. A line (paragraph, heading, list item) is never joined
// with the next; inside a line, a sentence ends at terminal punctuation that really ends one:
// not inside quotes or brackets, not in numbers and dates (3.5, 7.24.(월), 2023.07.24), not after
// initials or abbreviations (Wendy R. Sherman, U.S., Mr.), not after a list marker (가. 1. A.).
import type { Span } from '../types.js';
import { isSpaceCode } from './scripts.js';

/** Symbols that open a list item at the start of a line; the sentence starts after them.
 * ASCII marks and ㅇ/o (press-release bullets) only count before a space: "-3도" is a number. */
const BULLET = /^(?:[□■○●◎◇◆•‣⁃▪▫◦·・▲△▶▷►▸▹※★☆✓✔❍❏➢➤→⇒]+|[-–—*+>ㅇo](?=\s))\s*/u;
const TERMINAL = new Set(['.', '?', '!', '。', '？', '！', '…', '‼', '⁇', '⁈', '⁉']);
/** Closing quotes and brackets that belong to the sentence they follow. */
const CLOSERS = new Set(['”', '’', '"', "'", ')', ']', '」', '』', '》', '〉', '）', '］', '»']);
/** Quote and bracket pairs; nothing inside a matched pair is split unless the pair ends the sentence.
 * Straight and curly quotes are mixed in scraped text ("...했다”), so either closes the other. */
const PAIRS: Record<string, string> = { '“': '”"', '‘': '’\'', '"': '"”', "'": "'’", '(': ')', '[': ']', '「': '」', '『': '』', '（': '）', '《': '》', '〈': '〉', '«': '»' };
/** Every opener and closer of PAIRS: other characters never open or close a pair. */
const PAIR_CHARS = new Set([...Object.keys(PAIRS), ...Object.values(PAIRS).join('')]);
/** After a closing quote and a space, a quotative verb continues the sentence: "뭐라고?" 하는 말. */
const QUOTATIVE = /^(?:하|했|한|할|합|라|란|며|고)/u;
/** Syllables that end a Korean sentence (했다, 해요, 있음, 함, 것임, 할까, 하죠, ...): "다.또한" may split without a space. */
const FINAL_SYLLABLE = /[다요음함임까죠네라자오]$/u;
/** Latin abbreviations that take a period without ending a sentence (as usually cased: "No. 5", but "said no."). */
const ABBREVIATIONS = new Set(
  'Mr Mrs Ms Dr Prof Gen Lt Col Maj Capt Sgt Adm Cmdr Gov Sen Rep Pres Amb Jr Sr St Mt Ft Inc Co Corp Ltd LLC Dept Univ Assn Bros vs etc No Nos Vol pp Fig al approx Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec'.split(' '),
);
/** A list marker before a period: 가. 나. 1. A. iv. (but "네." is a sentence) */
const LIST_MARKER = /^(?:[가나다라마바사아자차카타파하]|[A-Za-z]|[ivxIVX]{1,4}|\d{1,3})$/u;

/** Sentence spans of `text` (UTF-16 offsets), trimmed of surrounding whitespace and bullets. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  const lineBreak = /\r\n|[\n\r\u2028\u2029\v\f]/g;
  let lineStart = 0;
  for (;;) {
    const m = lineBreak.exec(text);
    const lineEnd = m ? m.index : text.length;
    splitLine(text, lineStart, lineEnd, out);
    if (!m) break;
    lineStart = m.index + m[0].length;
  }
  return out;
}

function splitLine(text: string, lineStart: number, lineEnd: number, out: Span[]): void {
  let start = skipSpace(text, lineStart, lineEnd);
  const bullet = BULLET.exec(text.slice(start, lineEnd));
  // A line that is only symbols (a divider, a lone "-") stays a sentence of its own.
  if (bullet && start + bullet[0].length < lineEnd) start = skipSpace(text, start + bullet[0].length, lineEnd);
  if (start >= lineEnd) return;
  const closerAt = matchPairs(text, start, lineEnd);
  const inside: number[] = []; // stack of the closing offsets of the pairs we are in
  for (let i = start; i < lineEnd; i++) {
    while (inside.length && inside[inside.length - 1] < i) inside.pop();
    const closer = closerAt.get(i);
    if (closer !== undefined) {
      inside.push(closer);
      continue;
    }
    if (!TERMINAL.has(text[i])) continue;
    let end = i;
    while (end < lineEnd && TERMINAL.has(text[end])) end++;
    const runEnd = end;
    // Closing quotes/brackets after the punctuation belong to this sentence ("...했다.” 그는").
    while (end < lineEnd && CLOSERS.has(text[end])) end++;
    // Inside a pair, only punctuation right before the pair's closer can end a sentence.
    const closesPairs = inside.length === 0 || inside.every((c) => c < end);
    if (closesPairs && endsSentence(text, start, i, runEnd, end, lineEnd)) {
      out.push({ start, end: trimEnd(text, start, end) });
      start = skipSpace(text, end, lineEnd);
      inside.length = 0;
      i = start - 1;
    } else {
      i = runEnd - 1;
    }
  }
  if (start < lineEnd) out.push({ start, end: trimEnd(text, start, lineEnd) });
}

/** Does the terminal run text[at, runEnd) (with closers up to `end`) end the sentence that began at `start`? */
function endsSentence(text: string, start: number, at: number, runEnd: number, end: number, lineEnd: number): boolean {
  const run = text.slice(at, runEnd);
  const prev = at > start ? text[at - 1] : '';
  const next = end < lineEnd ? text[end] : '';
  const spaceOrEnd = next === '' || /\s/u.test(next);
  if (prev === '' || prev in PAIRS) return false; // a remark in brackets: 의도(?) 분석
  if (end > runEnd) {
    // A closing quote or bracket: "...했다.”고" goes on, and so does "뭐라고?" 하는 말; a new
    // quote right after one that closed ("...했다.”“다음...") starts a sentence.
    if (/^[“‘「『]$/u.test(next)) return true;
    return spaceOrEnd && !QUOTATIVE.test(text[skipSpace(text, end, lineEnd)] ?? '');
  }
  if (/^[.…]+$/u.test(run) && (run.length > 1 || run === '…')) return false; // ellipsis: the sentence goes on
  if (run[0] !== '.' && run[0] !== '。') return spaceOrEnd; // ? ! and friends
  if (run === '。') return true;
  if (/\d/u.test(prev)) return false; // 3.5, 7.24., 2023.07.24, 1.
  if (at - start <= 4 && LIST_MARKER.test(text.slice(start, at).trim())) return false; // 가. A. iv.
  const word = wordBefore(text, start, at);
  if (/[A-Za-z]/u.test(prev)) {
    // Initials (R.), dotted acronyms (U.S., D.C., e.g.), known abbreviations (Mr., etc.).
    if (/^[A-Za-z]$/u.test(word) || word.includes('.') || ABBREVIATIONS.has(word)) return false;
    return spaceOrEnd;
  }
  if (spaceOrEnd) return true;
  // "발표했다.또한": a Korean final ending glued to the next sentence.
  return /\p{Script=Hangul}/u.test(next) && FINAL_SYLLABLE.test(prev);
}

/** The letters, digits and periods right before `at` (not before `start`): "R", "U.S", "Mr". */
function wordBefore(text: string, start: number, at: number): string {
  let i = at;
  while (i > start && /[\p{L}\p{N}.]/u.test(text[i - 1])) i--;
  return text.slice(i, at);
}

/** Offsets of the openers of matched quote/bracket pairs in [from, to), mapped to their closers. */
function matchPairs(text: string, from: number, to: number): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: { ch: string; at: number }[] = [];
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (!PAIR_CHARS.has(ch)) continue;
    const top = open[open.length - 1];
    if (top && PAIRS[top.ch].includes(ch) && (ch !== "'" || isClosingApostrophe(text, i, to))) {
      pairs.set(top.at, i);
      open.pop();
      continue;
    }
    // Closing an outer pair whose inner opener was never closed: drop the stray inner openers.
    const outer = open.findIndex((o) => PAIRS[o.ch].includes(ch) && o.ch !== ch);
    if (outer >= 0) {
      pairs.set(open[outer].at, i);
      open.length = outer;
      continue;
    }
    if (ch in PAIRS && (ch !== "'" || isOpeningApostrophe(text, i, from))) open.push({ ch, at: i });
  }
  return pairs;
}

/** A straight apostrophe opens a quote only at the start of a word ('한일 ...'), not in "don't". */
function isOpeningApostrophe(text: string, i: number, from: number): boolean {
  return i === from || !/[\p{L}\p{N}]/u.test(text[i - 1]);
}

/** ...and closes one only where the word ends ('...계획'의 is fine: a particle may follow). */
function isClosingApostrophe(text: string, i: number, to: number): boolean {
  return i + 1 >= to || !/[A-Za-z]/u.test(text[i + 1]);
}

function skipSpace(text: string, i: number, to: number): number {
  while (i < to && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

function trimEnd(text: string, from: number, end: number): number {
  while (end > from && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return end;
}
