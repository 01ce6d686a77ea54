// The one index of knowledge-base names, shared by the tokenizer (KB terms merged into one token),
// the NER gazetteer (features and proposals) and the linker (mentions). It is an Aho–Corasick
// automaton over UTF-16 code units, built once per worker (resources.ts), so finding every name in
// a text takes time linear in the text and in the number of hits. Matching ignores ASCII case; a
// consumer that wants the exact spelling (tokenizer, gazetteer) checks the hit's exact forms.
//
// The one word-boundary rule (standsAsWord), for every consumer:
// - a name stands as a word when no letter of its own script family (Latin+digits, hangul,
//   han+kana) glues it to the text before or after it;
// - han/kana runs have no spaces (日本防衛省): a name inside one stands;
// - before a hangul name, a glued country word is a cue, not part of a word (미국방장관); where
//   the morpheme analyzer's tokens are known, a compound may also start after a word of two or
//   more syllables or a numeral/counter (제56차한미안보협의회의, 한미국방장관), not after a
//   one-syllable prefix (부장관, 총영사);
// - after a hangul name, the rest of its word must be particles and endings (국방장관은,
//   방위상과의, 오스틴이다, 일본측), or a KB title (김용현장관), or, with tokens, morphemes the
//   analyzer tags as particles, endings or the copula. Vocative particles (아, 야, 여) do not
//   count: news never calls out to people, and 조현아 is no 조현 + 아.
import type { Term, Token } from '../types.js';
import type { KnowledgeBase } from './kb.js';

/** Particles and the plural 들 that may follow a name inside its word (chains allowed: 과의, 에서는, 들에게). */
const PARTICLES = [
  '이', '가', '께서', '에서', '은', '는', '을', '를', '의', '에', '에게', '에게서', '한테', '께', '와', '과',
  '로', '으로', '로서', '으로서', '로써', '으로써', '부터', '까지', '도', '만', '보다', '처럼', '마다', '조차',
  '마저', '밖에', '뿐', '나', '이나', '라도', '이라도', '든지', '이든지', '랑', '이랑', '하고', '같이', '대로',
  '만큼', '요', '들',
];
const PARTICLE_SET = new Set(PARTICLES);
const LONGEST_PARTICLE = Math.max(...PARTICLES.map((p) => p.length));
/** What may follow a name inside its word besides particles: suffixes, the copula, 대행 (acting). */
const WORD_SUFFIXES = ['상', '측', '씨', '님', '등', '대행', '이다', '였다', '이었다', '입니다', '이며', '이고', '이자', '이라고', '라고', '이라는', '라는', '내정자', '후보자'];
/** The longest rest of a word that can still be all particles and suffixes. */
const LONGEST_REST = 12;
/** Country words that may be glued before a hangul name as a cue (미국방장관, 日외무상). */
const GLUED_COUNTRY = new Set(['미', '미국', '한국', '일', '일본', '중', '중국', '러', '러시아', '북', '북한', '美', '日', '中', '韓', '北', '露']);
/** ko-dic tags of a one-syllable morpheme after which a glued name may start: 56차한미안보협의회의 (counters, numerals). */
const PRECEDES_COMPOUND = /^(SN|NR|NNBC|NNB)$/;
/** ko-dic tags of what may follow a name in its word: particles, endings, the copula (김용현이다), plural 들. */
const FUNCTIONAL_POS = /^(J|E|VCP)/;

/** Can `rest` be read as a chain of particles (은, 과의, 에서는, 들에게)? */
export function particleChain(rest: string): boolean {
  const ok: boolean[] = [true];
  for (let i = 1; i <= rest.length; i++) {
    ok[i] = false;
    for (let k = 1; k <= Math.min(LONGEST_PARTICLE, i) && !ok[i]; k++) ok[i] = ok[i - k] && PARTICLE_SET.has(rest.slice(i - k, i));
  }
  return ok[rest.length];
}

/** Does the rest of a Korean word after a name consist of particles, suffixes and endings only? */
export function functionalRest(rest: string): boolean {
  if (/^(아|야|여|이여)/.test(rest)) return false;
  if (particleChain(rest)) return true;
  return WORD_SUFFIXES.some((s) => rest.startsWith(s) && particleChain(rest.slice(s.length)));
}

type Family = 'latin' | 'hangul' | 'han';

/** The script family of the UTF-16 unit at i: letters of one family glue into one word. */
function familyAt(text: string, i: number): Family | null {
  const c = text.charCodeAt(i);
  if (c !== c) return null;
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0xff10 && c <= 0xff19)) return 'latin';
  if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3131 && c <= 0x318e)) return 'hangul';
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd800 && c <= 0xdfff) || (c >= 0x3041 && c <= 0x30ff && c !== 0x30fb) || c === 0x3005) return 'han';
  return null;
}

const isSyllable = (text: string, i: number) => { const c = text.charCodeAt(i); return c >= 0xac00 && c <= 0xd7a3; };

/** Morpheme boundaries of the analyzed text, where the tokenizer's output is at hand. */
export interface TokenBounds {
  startingAt: ReadonlyMap<number, Token>;
  endingAt: ReadonlyMap<number, Token>;
}

export function tokenBounds(tokens: readonly Token[]): TokenBounds {
  return { startingAt: new Map(tokens.map((t) => [t.start, t])), endingAt: new Map(tokens.map((t) => [t.end, t])) };
}

/** Where the rule may look: the stretch searched, morpheme bounds if known, positions where a KB title starts. */
export interface BoundaryContext {
  from: number;
  to: number;
  tokens: TokenBounds | null;
  titleStarts: ReadonlySet<number>;
}

/** The one word-boundary rule (see the file's head). */
export function standsAsWord(text: string, start: number, end: number, ctx: BoundaryContext): boolean {
  return leftBound(text, start, ctx) && rightBound(text, end, ctx);
}

function leftBound(text: string, start: number, ctx: BoundaryContext): boolean {
  if (start <= ctx.from) return true;
  const prev = familyAt(text, start - 1);
  if (!prev || prev !== familyAt(text, start)) return true;
  if (prev === 'han') return true;
  if (prev === 'latin') return false;
  // A glued country word (at most three syllables, starting a word) is a cue: 미국방장관.
  for (let k = 1; k <= 3 && start - k >= ctx.from; k++) {
    if (GLUED_COUNTRY.has(text.slice(start - k, start)) && (start - k === ctx.from || familyAt(text, start - k - 1) !== 'hangul')) return true;
  }
  if (!ctx.tokens || !ctx.tokens.startingAt.has(start)) return false;
  const before = ctx.tokens.endingAt.get(start);
  return before !== undefined && (before.end - before.start >= 2 || PRECEDES_COMPOUND.test(before.pos));
}

function rightBound(text: string, end: number, ctx: BoundaryContext): boolean {
  if (end >= ctx.to) return true;
  const last = familyAt(text, end - 1);
  if (!last || last !== familyAt(text, end)) return true;
  if (last === 'han') return true;
  if (last === 'latin') return false;
  if (ctx.titleStarts.has(end)) return true;
  let restEnd = end;
  while (restEnd < ctx.to && restEnd - end <= LONGEST_REST && isSyllable(text, restEnd)) restEnd++;
  if (restEnd - end > LONGEST_REST) return false;
  if (functionalRest(text.slice(end, restEnd))) return true;
  return !!ctx.tokens && ctx.tokens.endingAt.has(end) && functionalTokens(ctx.tokens, end, restEnd);
}

/** Do tokens tile text[from, to) exactly, all of them particles, endings or the copula? */
function functionalTokens(tokens: TokenBounds, from: number, to: number): boolean {
  for (let at = from; at < to; ) {
    const t = tokens.startingAt.get(at);
    if (!t || t.end > to) return false;
    if (!FUNCTIONAL_POS.test(t.pos) && !(t.pos === 'XSN' && t.surface === '들')) return false;
    at = t.end;
  }
  return true;
}

/** One pattern of the automaton: a name as matched (ASCII lowercased), with what it stands for. */
export interface IndexedName {
  /**
   * The exact spellings that are KB terms: not titles only, two characters or more, no outer
   * spaces (a shorter name is too ambiguous to keep whole). What the tokenizer and gazetteer take.
   */
  readonly terms: ReadonlyMap<string, Term>;
  /** KB ids of every form that folds to this pattern, sorted: what the linker takes. */
  readonly ids: readonly string[];
  /** The linker takes it: two characters or more, or one han character (美). */
  readonly linkable: boolean;
  /** Every id is a title's. */
  readonly title: boolean;
}

export interface NameHit {
  start: number;
  end: number;
  name: IndexedName;
}

/** "|"-joined sets: a spelling given twice keeps every id and kind. */
function union(a: string, b: string): string {
  return [...new Set([...a.split('|'), ...b.split('|')])].join('|');
}

const lowerUnit = (c: number) => (c >= 0x41 && c <= 0x5a ? c + 32 : c);

function lowerAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * The automaton. Built from terms (text, "|"-joined ids, kind), which every consumer takes, and
 * forms only the linker takes (titles: kept whole as tokens, they would hide the organization in
 * 국방부장관 from the NER). Every form is also indexed for the linker with hyphens read as spaces
 * (F-35 / F 35) and, for CJK names, without the space between family and given name (森 健良 / 森健良).
 */
export class NameIndex {
  private readonly names: IndexedName[] = [];
  /** Goto function: (node * 0x10000 + unit) → node. */
  private readonly edges = new Map<number, number>();
  private readonly fail: Int32Array;
  /** The pattern ending at a node, or -1. */
  private readonly output: Int32Array;
  /** The nearest node down the fail chain that ends a pattern, or -1. */
  private readonly dictionary: Int32Array;
  private readonly lengths: number[] = [];
  private readonly termCount: number;

  constructor(terms: readonly Term[], linkOnly: readonly Term[] = []) {
    const byPattern = new Map<string, { terms: Map<string, Term>; ids: Set<string> }>();
    let termCount = 0;
    for (const [i, t] of [...terms, ...linkOnly].entries()) {
      const ids = t.id.split('|');
      const isTerm = i < terms.length;
      const lower = lowerAscii(t.text);
      const variants = new Set([lower, lower.replace(/-/g, ' ')]);
      if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana} ]+$/u.test(t.text)) variants.add(lower.replace(/ /g, ''));
      for (const v of variants) {
        if (!v) continue;
        let p = byPattern.get(v);
        if (!p) byPattern.set(v, (p = { terms: new Map(), ids: new Set() }));
        for (const id of ids) p.ids.add(id);
        if (v !== lower || !isTerm || [...t.text].length < 2 || t.text.trim() !== t.text) continue;
        const same = p.terms.get(t.text);
        if (!same) termCount++;
        p.terms.set(t.text, same ? { text: t.text, id: union(same.id, t.id), kind: union(same.kind, t.kind) } : t);
      }
    }
    this.termCount = termCount;
    let nodes = 1;
    const output: number[] = [-1];
    for (const [pattern, p] of byPattern) {
      let node = 0;
      for (let i = 0; i < pattern.length; i++) {
        const key = node * 0x10000 + pattern.charCodeAt(i);
        let next = this.edges.get(key);
        if (next === undefined) { next = nodes++; this.edges.set(key, next); output.push(-1); }
        node = next;
      }
      output[node] = this.names.length;
      this.lengths.push(pattern.length);
      const ids = [...p.ids].sort();
      this.names.push({ terms: p.terms, ids, linkable: [...pattern].length >= 2 || /^\p{Script=Han}$/u.test(pattern), title: ids.every((id) => id.startsWith('title:')) });
    }
    this.output = Int32Array.from(output);
    this.fail = new Int32Array(nodes);
    this.dictionary = new Int32Array(nodes).fill(-1);
    // Breadth-first over the trie: a node's fail link is the longest proper suffix that is a trie node.
    const children = new Map<number, [number, number][]>();
    for (const [key, child] of this.edges) {
      const parent = Math.floor(key / 0x10000);
      let list = children.get(parent);
      if (!list) children.set(parent, (list = []));
      list.push([key % 0x10000, child]);
    }
    const queue: number[] = [0];
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q];
      for (const [unit, child] of children.get(node) ?? []) {
        queue.push(child);
        if (node !== 0) {
          let f = this.fail[node];
          while (f !== 0 && !this.edges.has(f * 0x10000 + unit)) f = this.fail[f];
          this.fail[child] = this.edges.get(f * 0x10000 + unit) ?? 0;
        }
        const f = this.fail[child];
        this.dictionary[child] = this.output[f] >= 0 ? f : this.dictionary[f];
      }
    }
  }

  /** Number of exact term spellings (what the tokenizer and gazetteer match). */
  get size(): number {
    return this.termCount;
  }

  /** Every occurrence of a pattern in text[from, to), ASCII case ignored, overlapping, ordered by end. */
  search(text: string, from = 0, to = text.length): NameHit[] {
    const hits: NameHit[] = [];
    let node = 0;
    for (let i = from; i < to; i++) {
      const unit = lowerUnit(text.charCodeAt(i));
      let next = this.edges.get(node * 0x10000 + unit);
      while (next === undefined && node !== 0) {
        node = this.fail[node];
        next = this.edges.get(node * 0x10000 + unit);
      }
      node = next ?? 0;
      for (let n = this.output[node] >= 0 ? node : this.dictionary[node]; n >= 0; n = this.dictionary[n]) {
        const p = this.output[n];
        hits.push({ start: i + 1 - this.lengths[p], end: i + 1, name: this.names[p] });
      }
    }
    return hits;
  }

  /** The exact term spelled at text[start, end) of a hit, if any. */
  static termAt(text: string, h: NameHit): Term | undefined {
    return h.name.terms.get(text.slice(h.start, h.end));
  }
}

/** The KB's forms that name titles only: the linker's, not the tokenizer's or the gazetteer's. */
function titleForms(kb: KnowledgeBase): Term[] {
  return [...kb.aliases()].filter(([, ids]) => ids.every((id) => id.startsWith('title:'))).map(([text, ids]) => ({ text, id: [...ids].sort().join('|'), kind: 'title' }));
}

const indexes = new WeakMap<KnowledgeBase, NameIndex>();

/** The KB's one name index, built on first use and kept for the worker's life. */
export function nameIndex(kb: KnowledgeBase): NameIndex {
  let index = indexes.get(kb);
  if (!index) indexes.set(kb, (index = new NameIndex(kb.terms(), titleForms(kb))));
  return index;
}

/** Positions where a KB title starts among hits: a name glued before one still stands (김용현장관). */
export function titleStarts(hits: readonly NameHit[]): Set<number> {
  const out = new Set<number>();
  for (const h of hits) if (h.name.title) out.add(h.start);
  return out;
}
