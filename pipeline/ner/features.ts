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
import { hashState, type HashedFeatures } from './feature-hash.js';
import { Scratch } from './scratch.js';
import { WORD_LISTS } from './wordlists.js';
import { isSpaceCode } from '../segment/scripts.js';

export interface FeatureInput {
  /** The sentence. */
  text: string;
  /** Its tokens, with offsets relative to `text`, in order. */
  tokens: readonly Token[];
  /** Knowledge-base names (labels are KB kinds); optional. */
  gazetteer?: Lexicon | null;
}

/** A coarse class of one UTF-16 unit (its code): the "shape" of the text, as a letter's code. */
function charClass(c: number): number {
  if (c >= 0xac00 && c <= 0xd7a3) return 0x48; // H
  if ((c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) return 0x4a; // J
  if (c >= 0x30 && c <= 0x39) return 0x44; // D
  if (c >= 0x41 && c <= 0x5a) return 0x41; // A
  if (c >= 0x61 && c <= 0x7a) return 0x61; // a
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) return 0x43; // C
  if (c >= 0x3040 && c <= 0x30ff) return 0x4b; // K
  if (isSpaceCode(c)) return 0x53; // S
  if (c >= 0xff10 && c <= 0xff19) return 0x44; // D
  return 0x50; // P
}
const NO_CLASS = 0x5f; // _ (outside the sentence)
const CLASS_P = 0x50;

const isSpaceAt = (text: string, k: number) => k >= 0 && k < text.length && isSpaceCode(text.charCodeAt(k));

function bies(i: number, start: number, end: number): string {
  if (end - start === 1) return 'S';
  return i === start ? 'B' : i === end - 1 ? 'E' : 'I';
}

/** Part-of-speech head: "NNP+JKS" → "NNP". */
const posHead = (pos: string) => pos.split('+')[0];

// The fixed part of each feature name, hashed once (feature-hash.ts). A feature's full name is
// its prefix followed by the parts folded in where it is emitted, e.g. "c-1c0=" + c-1 + c0.
const H = (name: string) => hashState(name);
const F = {
  bias: H('b'), c0: H('c0='), cm1: H('c-1='), cp1: H('c+1='), cm2: H('c-2='), cp2: H('c+2='),
  cm1c0: H('c-1c0='), c0cp1: H('c0c+1='), cm2cm1: H('c-2c-1='), cp1cp2: H('c+1c+2='),
  cm1c0cp1: H('c-1c0c+1='), cm2cm1c0: H('c-2c-1c0='), c0cp1cp2: H('c0c+1c+2='),
  s0: H('s0='), s3: H('s-1s0s+1='), s5: H('s-2..s+2='),
  wpos: H('wpos='), wpre: H('wpre='), wsuf: H('wsuf='), wsuf1: H('wsuf1='), wpre3: H('wpre3='), wsuf3: H('wsuf3='),
  stpos: H('stpos='), sttail: H('sttail='), stem: H('stem='), stemWord: H('stem=word'), w: H('w='),
  pw: H('pw='), nw: H('nw='), nwlist: H('nwlist='), pwlist: H('pwlist='), space: H('space'),
  tp: H('tp='), tpb: H('tpb='), tpc: H('tpc='), tsrc: H('tsrc='), sem: H('sem='), term: H('term|'), tsf: H('tsf='),
  ptp: H('ptp='), ntp: H('ntp='), tp3: H('tp-1|0|+1='), ntsf: H('ntsf='), notoken: H('notoken'),
};
const BAR = 0x7c; // |
const DIGIT0 = 0x30;

/** Lexicon-match features ("lx=title|B", "gz>PS"), hashed, with the position each belongs to. */
interface ExtraFeatures {
  pos: number[];
  a: number[];
  b: number[];
}

function lexiconFeatures(extra: ExtraFeatures, text: string, matches: readonly LexiconMatch[], prefix: 'lx' | 'gz'): void {
  const inside = hashState(`${prefix}=`), before = hashState(`${prefix}>`);
  for (const m of matches) {
    // A one-character list word only counts where it closes a word ("국방부" + space, "3명"+"을").
    const wordEnd = m.end === text.length || isSpaceAt(text, m.end) || charClass(text.charCodeAt(m.end)) === CLASS_P;
    if (m.end - m.start === 1 && !wordEnd && prefix === 'lx') continue;
    const label = hashState(m.label, inside);
    for (let k = m.start; k < m.end; k++) {
      const h = hashState(bies(k, m.start, m.end), hashState('|', label));
      extra.pos.push(k); extra.a.push(h.a); extra.b.push(h.b);
    }
    if (m.start > 0 && !isSpaceAt(text, m.start - 1)) {
      const h = hashState(m.label, before);
      extra.pos.push(m.start - 1); extra.a.push(h.a); extra.b.push(h.b);
    }
  }
}

/** What the token features read of each token, computed once per token rather than per character. */
interface TokenView {
  pos: string;
  /** The token as a neighbour sees it: "JKS:이" for particles and endings, else its POS head. */
  near: string;
}

const NEAR_WITH_SURFACE = /^(J|E|XS|VCP)/;

/**
 * The hashed features of every position of `input.text` (feature-hash.ts), in a fixed order per
 * position; given a `scratch`, they live in it (scratch.ts) until its next use.
 */
export function extractFeatures(input: FeatureInput, scratch = new Scratch()): HashedFeatures {
  const { text, tokens } = input;
  const n = text.length;
  const h = scratch.hasher(n);
  const codes = scratch.int('codes', n);
  const classes = scratch.int('classes', n);
  for (let k = 0; k < n; k++) { codes[k] = text.charCodeAt(k); classes[k] = charClass(codes[k]); }
  const SPACE_CLASS = 0x53;
  const isSpace = (k: number) => classes[k] === SPACE_CLASS;
  // A character as the features name it: outside the sentence "<s>" / "</s>".
  const ch = (k: number) => (k < 0 ? h.str('<s>') : k >= n ? h.str('</s>') : h.unit(codes[k]));
  const cls = (k: number) => h.unit(k < 0 || k >= n ? NO_CLASS : classes[k]);

  // Words (eojeols): maximal non-space runs.
  const words: { start: number; end: number }[] = [];
  const wordIndex = scratch.int('word-index', n).fill(-1);
  for (let i = 0; i < n; ) {
    if (isSpace(i)) { i++; continue; }
    let j = i;
    while (j < n && !isSpace(j)) wordIndex[j++] = words.length;
    words.push({ start: i, end: j });
    i = j;
  }

  // Tokens covering each position.
  const tokenAt = scratch.int('token-at', n).fill(-1);
  tokens.forEach((t, ti) => { for (let k = Math.max(0, t.start); k < Math.min(n, t.end); k++) tokenAt[k] = ti; });
  const views: TokenView[] = tokens.map((t) => {
    const pos = posHead(t.pos);
    return { pos, near: NEAR_WITH_SURFACE.test(t.pos) ? `${pos}:${t.surface}` : pos };
  });

  // The first list word at the start of each word: "장관" in "장관은".
  const listStarts = new Map<number, string>();
  const listMatches = WORD_LISTS.matches(text);
  for (const m of listMatches) if (m.end - m.start > 1 && (m.start === 0 || isSpace(m.start - 1)) && !listStarts.has(m.start)) listStarts.set(m.start, m.label);

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

  // Word-list and gazetteer features come last at their positions, word lists first, in match order.
  const extra: ExtraFeatures = { pos: [], a: [], b: [] };
  lexiconFeatures(extra, text, listMatches, 'lx');
  if (input.gazetteer?.size) lexiconFeatures(extra, text, input.gazetteer.matches(text), 'gz');
  const extraStart = scratch.int('extra-start', n + 1);
  for (const p of extra.pos) extraStart[p + 1]++;
  for (let k = 0; k < n; k++) extraStart[k + 1] += extraStart[k];
  const extraOrder = scratch.int('extra-order', extra.pos.length);
  const fill = scratch.int('extra-fill', n);
  fill.set(extraStart.subarray(0, n));
  extra.pos.forEach((p, e) => { extraOrder[fill[p]++] = e; });

  for (let i = 0; i < n; i++) {
    h.emitState(F.bias);
    h.begin(F.c0); ch(i); h.emit();
    h.begin(F.cm1); ch(i - 1); h.emit();
    h.begin(F.cp1); ch(i + 1); h.emit();
    h.begin(F.cm2); ch(i - 2); h.emit();
    h.begin(F.cp2); ch(i + 2); h.emit();
    h.begin(F.cm1c0); ch(i - 1); ch(i); h.emit();
    h.begin(F.c0cp1); ch(i); ch(i + 1); h.emit();
    h.begin(F.cm2cm1); ch(i - 2); ch(i - 1); h.emit();
    h.begin(F.cp1cp2); ch(i + 1); ch(i + 2); h.emit();
    h.begin(F.cm1c0cp1); ch(i - 1); ch(i); ch(i + 1); h.emit();
    h.begin(F.cm2cm1c0); ch(i - 2); ch(i - 1); ch(i); h.emit();
    h.begin(F.c0cp1cp2); ch(i); ch(i + 1); ch(i + 2); h.emit();
    h.begin(F.s0); cls(i); h.emit();
    h.begin(F.s3); cls(i - 1); cls(i); cls(i + 1); h.emit();
    h.begin(F.s5); cls(i - 2); cls(i - 1); cls(i); cls(i + 1); cls(i + 2); h.emit();

    const wi = wordIndex[i];
    if (wi >= 0) {
      const w = words[wi];
      const len = w.end - w.start;
      const fromStart = Math.min(i - w.start, 3), fromEnd = Math.min(w.end - 1 - i, 3);
      h.begin(F.wpos).unit(DIGIT0 + fromStart).unit(BAR).unit(DIGIT0 + fromEnd).emit();
      h.begin(F.wpre).slice(text, w.start, Math.min(w.end, w.start + 2)).unit(BAR).unit(DIGIT0 + fromStart).emit();
      h.begin(F.wsuf).slice(text, Math.max(w.start, w.end - 2), w.end).unit(BAR).unit(DIGIT0 + fromEnd).emit();
      h.begin(F.wsuf1).slice(text, w.end - 1, w.end).unit(BAR).unit(DIGIT0 + fromEnd).emit();
      h.begin(F.wpre3).slice(text, w.start, Math.min(w.end, w.start + 3)).unit(BAR).unit(DIGIT0 + fromStart).emit();
      h.begin(F.wsuf3).slice(text, Math.max(w.start, w.end - 3), w.end).unit(BAR).unit(DIGIT0 + fromEnd).emit();
      // The stem: the word without its trailing particles and punctuation ("서울에서" → "서울"),
      // where names usually end.
      const se = stemEnd[wi];
      if (se > w.start && se < w.end) {
        if (i < se) h.begin(F.stpos).unit(DIGIT0 + Math.min(se - 1 - i, 3)).emit();
        else h.begin(F.sttail).slice(text, se, Math.min(w.end, se + 3)).emit();
        if (i < se && se - w.start <= 10) h.begin(F.stem).slice(text, w.start, se).emit();
      } else h.emitState(F.stemWord);
      if (len <= 8) h.begin(F.w).slice(text, w.start, w.end).emit();
      const prev = words[wi - 1], next = words[wi + 1];
      h.begin(F.pw);
      if (prev) h.slice(text, Math.max(prev.start, prev.end - 2), prev.end); else h.str('<s>');
      h.emit();
      h.begin(F.nw);
      if (next) h.slice(text, next.start, Math.min(next.end, next.start + 2)); else h.str('</s>');
      h.emit();
      const nextList = next && listStarts.get(next.start);
      if (nextList) h.begin(F.nwlist).str(nextList).emit();
      const prevList = prev && listStarts.get(prev.start);
      if (prevList) h.begin(F.pwlist).str(prevList).emit();
    } else h.emitState(F.space);

    const ti = tokenAt[i];
    if (ti >= 0) {
      const t = tokens[ti];
      const { pos } = views[ti];
      const at = bies(i, t.start, t.end);
      h.begin(F.tp).str(pos).emit();
      h.begin(F.tpb).str(pos).unit(BAR).str(at).emit();
      h.begin(F.tpc).str(pos).unit(BAR); ch(i); h.emit();
      h.begin(F.tsrc).str(t.source).emit();
      if (t.semantic) h.begin(F.sem).str(t.semantic).unit(BAR).str(at).emit();
      if (t.term) h.begin(F.term).str(at).emit();
      if (t.surface.length <= 6) h.begin(F.tsf).str(t.surface).emit();
      const prev = ti > 0 ? views[ti - 1] : undefined, next = ti + 1 < tokens.length ? views[ti + 1] : undefined;
      h.begin(F.ptp).str(prev ? prev.near : '_').emit();
      h.begin(F.ntp).str(next ? next.near : '_').emit();
      h.begin(F.tp3).str(prev ? prev.pos : '_').unit(BAR).str(pos).unit(BAR).str(next ? next.pos : '_').emit();
      if (next && at !== 'B' && at !== 'I') {
        const nt = tokens[ti + 1];
        h.begin(F.ntsf).str(nt.surface.length <= 4 ? nt.surface : next.pos).unit(BAR).str(nt.start === t.end ? 'adj' : 'gap').emit();
      }
    } else if (tokens.length) h.emitState(F.notoken);

    for (let k = extraStart[i]; k < extraStart[i + 1]; k++) {
      const e = extraOrder[k];
      h.emitState({ a: extra.a[e], b: extra.b[e] });
    }
    h.endPosition();
  }
  return h.finish();
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
