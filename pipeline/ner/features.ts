// Features of each character position for the character-level NER model. The same function runs
// in training (pipeline/ner/train) and in tagging (pipeline/ner/index.ts), so the two can never
// drift apart. Korean knowledge comes from:
// - the characters and character n-grams around the position, and their scripts;
// - the eojeol (space-delimited word) the character sits in: its position there, the word's
//   start and end, the neighbouring words (titles like "장관" after a name, particles after it);
// - kuromoji-ko morphemes from the tokenize stage: part of speech, ko-dic semantic class
//   (인명, 지명, ...), where the character sits in its morpheme, the neighbouring morphemes
//   (a following particle 조사 ends an entity);
// - word lists (wordlists.ts) and knowledge-base gazetteer hits, as evidence, never as rules.
import type { Article, Token } from '../types.js';
import type { Lexicon, LexiconMatch } from './lexicon.js';
import { WORD_LISTS } from './wordlists.js';

export interface FeatureInput {
  /** The sentence. */
  text: string;
  /** Its tokens, with offsets relative to `text`, in order. */
  tokens: readonly Token[];
  /** Knowledge-base names (labels are KB kinds); optional. */
  gazetteer?: Lexicon | null;
}

/** A coarse class of one UTF-16 unit: the "shape" of the text. */
function charClass(ch: string | undefined): string {
  if (ch === undefined) return '_';
  const c = ch.charCodeAt(0);
  if (c >= 0xac00 && c <= 0xd7a3) return 'H';
  if ((c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) return 'J';
  if (c >= 0x30 && c <= 0x39) return 'D';
  if (c >= 0x41 && c <= 0x5a) return 'A';
  if (c >= 0x61 && c <= 0x7a) return 'a';
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) return 'C';
  if (c >= 0x3040 && c <= 0x30ff) return 'K';
  if (/\s/.test(ch)) return 'S';
  if (c >= 0xff10 && c <= 0xff19) return 'D';
  return 'P';
}

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

function bies(i: number, start: number, end: number): string {
  if (end - start === 1) return 'S';
  return i === start ? 'B' : i === end - 1 ? 'E' : 'I';
}

/** Part-of-speech head: "NNP+JKS" → "NNP". */
const posHead = (pos: string) => pos.split('+')[0];

function lexiconFeatures(feats: string[][], text: string, matches: readonly LexiconMatch[], prefix: string): void {
  for (const m of matches) {
    // A one-character list word only counts where it closes a word ("국방부" + space, "3명"+"을").
    const wordEnd = m.end === text.length || isSpace(text[m.end]) || charClass(text[m.end]) === 'P';
    if (m.end - m.start === 1 && !wordEnd && prefix === 'lx') continue;
    for (let k = m.start; k < m.end; k++) feats[k].push(`${prefix}=${m.label}|${bies(k, m.start, m.end)}`);
    if (m.start > 0 && !isSpace(text[m.start - 1])) feats[m.start - 1].push(`${prefix}>${m.label}`);
  }
}

/** The features of every position of `input.text`, one string array per UTF-16 unit. */
export function extractFeatures(input: FeatureInput): string[][] {
  const { text, tokens } = input;
  const n = text.length;
  const ch = (k: number) => (k < 0 ? '<s>' : k >= n ? '</s>' : text[k]);
  const cls = (k: number) => (k < 0 || k >= n ? '_' : charClass(text[k]));

  // Words (eojeols): maximal non-space runs.
  const wordStart = new Int32Array(n);
  const wordEnd = new Int32Array(n);
  const words: { start: number; end: number }[] = [];
  for (let i = 0; i < n; ) {
    if (isSpace(text[i])) { wordStart[i] = wordEnd[i] = -1; i++; continue; }
    let j = i;
    while (j < n && !isSpace(text[j])) j++;
    words.push({ start: i, end: j });
    for (let k = i; k < j; k++) { wordStart[k] = i; wordEnd[k] = j; }
    i = j;
  }
  const wordIndex = new Int32Array(n).fill(-1);
  words.forEach((w, wi) => { for (let k = w.start; k < w.end; k++) wordIndex[k] = wi; });

  // Tokens covering each position.
  const tokenAt = new Int32Array(n).fill(-1);
  tokens.forEach((t, ti) => { for (let k = Math.max(0, t.start); k < Math.min(n, t.end); k++) tokenAt[k] = ti; });

  // The first list word at the start of each word: "장관" in "장관은".
  const listStarts = new Map<number, string>();
  const listMatches = WORD_LISTS.matches(text);
  for (const m of listMatches) if (m.end - m.start > 1 && (m.start === 0 || isSpace(text[m.start - 1])) && !listStarts.has(m.start)) listStarts.set(m.start, m.label);

  // Stem ends: back from each word end over particle (J*) and punctuation (S*) tokens.
  const stemEnd = words.map((w) => {
    let e = w.end;
    while (e > w.start) {
      const ti = tokenAt[e - 1];
      if (ti < 0) break;
      const t = tokens[ti];
      if (t.start < w.start || !/^(J|SF|SP|SS|SE|SO|SC|SY)/.test(t.pos)) break;
      e = t.start;
    }
    return e;
  });

  const feats: string[][] = [];
  for (let i = 0; i < n; i++) {
    const c0 = ch(i), p1 = ch(i - 1), p2 = ch(i - 2), n1 = ch(i + 1), n2 = ch(i + 2);
    const f = [
      'b', `c0=${c0}`, `c-1=${p1}`, `c+1=${n1}`, `c-2=${p2}`, `c+2=${n2}`,
      `c-1c0=${p1}${c0}`, `c0c+1=${c0}${n1}`, `c-2c-1=${p2}${p1}`, `c+1c+2=${n1}${n2}`,
      `c-1c0c+1=${p1}${c0}${n1}`, `c-2c-1c0=${p2}${p1}${c0}`, `c0c+1c+2=${c0}${n1}${n2}`,
      `s0=${cls(i)}`, `s-1s0s+1=${cls(i - 1)}${cls(i)}${cls(i + 1)}`, `s-2..s+2=${cls(i - 2)}${cls(i - 1)}${cls(i)}${cls(i + 1)}${cls(i + 2)}`,
    ];
    const wi = wordIndex[i];
    if (wi >= 0) {
      const w = words[wi];
      const fromStart = Math.min(i - w.start, 3), fromEnd = Math.min(w.end - 1 - i, 3);
      const word = text.slice(w.start, w.end);
      f.push(`wpos=${fromStart}|${fromEnd}`, `wpre=${word.slice(0, 2)}|${fromStart}`, `wsuf=${word.slice(-2)}|${fromEnd}`, `wsuf1=${word.slice(-1)}|${fromEnd}`);
      f.push(`wpre3=${word.slice(0, 3)}|${fromStart}`, `wsuf3=${word.slice(-3)}|${fromEnd}`);
      // The stem: the word without its trailing particles and punctuation ("서울에서" → "서울"),
      // where names usually end.
      const se = stemEnd[wi];
      if (se > w.start && se < w.end) {
        const stem = text.slice(w.start, se);
        f.push(i < se ? `stpos=${Math.min(se - 1 - i, 3)}` : `sttail=${text.slice(se, w.end).slice(0, 3)}`);
        if (i < se && stem.length <= 10) f.push(`stem=${stem}`);
      } else f.push('stem=word');
      if (word.length <= 8) f.push(`w=${word}`);
      const prev = words[wi - 1], next = words[wi + 1];
      f.push(`pw=${prev ? text.slice(Math.max(prev.start, prev.end - 2), prev.end) : '<s>'}`);
      f.push(`nw=${next ? text.slice(next.start, Math.min(next.end, next.start + 2)) : '</s>'}`);
      if (next && listStarts.has(next.start)) f.push(`nwlist=${listStarts.get(next.start)}`);
      if (prev && listStarts.has(prev.start)) f.push(`pwlist=${listStarts.get(prev.start)}`);
    } else f.push('space');

    const ti = tokenAt[i];
    if (ti >= 0) {
      const t = tokens[ti];
      const pos = posHead(t.pos);
      const at = bies(i, t.start, t.end);
      f.push(`tp=${pos}`, `tpb=${pos}|${at}`, `tpc=${pos}|${c0}`, `tsrc=${t.source}`);
      if (t.semantic) f.push(`sem=${t.semantic}|${at}`);
      if (t.term) f.push(`term|${at}`);
      if (t.surface.length <= 6) f.push(`tsf=${t.surface}`);
      const prev = tokens[ti - 1], next = tokens[ti + 1];
      const near = (tok: Token | undefined) => (tok === undefined ? '_' : /^(J|E|XS|VCP)/.test(tok.pos) ? `${posHead(tok.pos)}:${tok.surface}` : posHead(tok.pos));
      f.push(`ptp=${near(prev)}`, `ntp=${near(next)}`, `tp-1|0|+1=${prev ? posHead(prev.pos) : '_'}|${pos}|${next ? posHead(next.pos) : '_'}`);
      if (next && at !== 'B' && at !== 'I') f.push(`ntsf=${next.surface.length <= 4 ? next.surface : posHead(next.pos)}|${next.start === t.end ? 'adj' : 'gap'}`);
    } else if (tokens.length) f.push('notoken');
    feats.push(f);
  }
  lexiconFeatures(feats, text, listMatches, 'lx');
  if (input.gazetteer?.size) lexiconFeatures(feats, text, input.gazetteer.matches(text), 'gz');
  return feats;
}

export interface SentenceInput extends FeatureInput {
  /** Offset of the sentence in the article text. */
  offset: number;
}

/** The article cut into the units the model tags: its sentences (or the whole text), tokens shifted to sentence offsets. */
export function sentenceInputs(doc: Article, gazetteer: Lexicon | null): SentenceInput[] {
  const spans = doc.sentences.length ? doc.sentences : [{ start: 0, end: doc.text.length }];
  const out: SentenceInput[] = [];
  let ti = 0;
  for (const { start, end } of spans) {
    if (end <= start) continue;
    while (ti < doc.tokens.length && doc.tokens[ti].end <= start) ti++;
    const tokens: Token[] = [];
    for (let k = ti; k < doc.tokens.length && doc.tokens[k].start < end; k++) {
      const t = doc.tokens[k];
      tokens.push({ ...t, start: Math.max(t.start, start) - start, end: Math.min(t.end, end) - start });
    }
    out.push({ offset: start, text: doc.text.slice(start, end), tokens, gazetteer });
  }
  return out;
}
