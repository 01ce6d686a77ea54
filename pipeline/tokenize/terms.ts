// Knowledge-base terms kept whole. mecab-ko-dic cuts names it does not know (한미안보협의회의 →
// 한/미안/보협/의/회의), so KB aliases are found with an Aho–Corasick automaton and merged into
// one token. A match counts only where it is a word of its own: a Korean term may be followed by
// particles (국방장관은, 방위상과의) but not by the rest of a longer word (김용 in 김용현이), and
// may be glued to what precedes it only where a compound plausibly starts (제56차한미안보협의회의,
// not 스가 in 뉴스가 or 장관 in 부장관).
import AhoCorasick from 'modern-ahocorasick';
import { scriptAt } from '../segment/scripts.js';
import type { Script, Span, Term, Token } from '../types.js';

/** A KB term found in the text, with every id and kind its text can stand for. */
export interface TermMatch extends Span {
  ids: string;
  kinds: string;
}

/** Particles and the plural 들 that may follow a term inside its word (chains allowed: 과의, 에서는, 들에게). */
const PARTICLES = [
  '이', '가', '께서', '에서', '은', '는', '을', '를', '의', '에', '에게', '에게서', '한테', '께', '와', '과',
  '로', '으로', '로서', '으로서', '로써', '으로써', '부터', '까지', '도', '만', '보다', '처럼', '마다', '조차',
  '마저', '밖에', '뿐', '나', '이나', '라도', '이라도', '든지', '이든지', '랑', '이랑', '하고', '같이', '대로',
  '만큼', '요', '야', '아', '여', '이여', '들',
];
const PARTICLE_SET = new Set(PARTICLES);
const LONGEST_PARTICLE = Math.max(...PARTICLES.map((p) => p.length));
/** Characters searched at a time for terms. */
const SEARCH_WINDOW = 2048;
/** ko-dic tags of a one-syllable morpheme after which a glued term may start: 56차한미안보협의회의 (counters, numerals). */
const PRECEDES_COMPOUND = /^(SN|NR|NNBC|NNB)$/;
/** ko-dic tags of what may follow a term in its word: particles, endings, the copula (김용현이다), plural 들. */
const FUNCTIONAL_POS = /^(J|E|VCP)/;

export class TermMatcher {
  private readonly automaton: AhoCorasick<number> | null;
  private readonly entries: { ids: string; kinds: string }[] = [];
  /** The longest term in UTF-16 units: windows overlap by this much less one. */
  private readonly longest: number;

  /** Terms shorter than two characters are too ambiguous to keep whole and are skipped. */
  constructor(terms: readonly Term[]) {
    const byText = new Map<string, { ids: Set<string>; kinds: Set<string> }>();
    for (const t of terms) {
      if ([...t.text].length < 2 || t.text.trim() !== t.text) continue;
      let e = byText.get(t.text);
      if (!e) byText.set(t.text, (e = { ids: new Set(), kinds: new Set() }));
      for (const id of t.id.split('|')) e.ids.add(id);
      e.kinds.add(t.kind);
    }
    const patterns = [...byText].map(([pattern, e], i) => {
      this.entries.push({ ids: [...e.ids].join('|'), kinds: [...e.kinds].join('|') });
      return { pattern, data: i };
    });
    this.automaton = patterns.length ? new AhoCorasick(patterns) : null;
    this.longest = Math.max(0, ...patterns.map((p) => p.pattern.length));
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Non-overlapping term matches in text[from, to) that stand as words, given the tokens of that
   * stretch (used to tell word boundaries inside hangul). Longer matches win, then earlier ones.
   */
  find(text: string, from: number, to: number, tokens: readonly Token[]): TermMatch[] {
    if (!this.automaton || from >= to) return [];
    const startingAt = new Map(tokens.map((t) => [t.start, t]));
    const endingAt = new Map(tokens.map((t) => [t.end, t]));
    const valid = this.search(text, from, to)
      .filter((m) => leftOk(text, m.start, from, startingAt, endingAt) && rightOk(text, m.end, to, startingAt, endingAt))
      .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const chosen: TermMatch[] = [];
    const taken = new Uint8Array(to - from); // positions already inside a chosen match
    for (const m of valid) {
      if (taken.subarray(m.start - from, m.end - from).includes(1)) continue;
      taken.fill(1, m.start - from, m.end - from);
      chosen.push({ start: m.start, end: m.end, ...this.entries[m.data] });
    }
    return chosen.sort((a, b) => a.start - b.start);
  }

  /**
   * Every occurrence of a term in text[from, to), searched window by window: the library's search
   * time grows faster than linearly on long inputs (a 110,000-character line took a minute), and
   * given a range it still segments the whole text.
   */
  private search(text: string, from: number, to: number): { start: number; end: number; data: number }[] {
    const found: { start: number; end: number; data: number }[] = [];
    for (let w = from; w < to; w += SEARCH_WINDOW) {
      const end = Math.min(to, w + SEARCH_WINDOW + this.longest - 1);
      for (const m of this.automaton!.search(text.slice(w, end), { strategy: 'all' })) {
        if (m.start < SEARCH_WINDOW) found.push({ start: w + m.start, end: w + m.end, data: m.data! });
      }
    }
    return found;
  }
}

/** The one token a term match becomes: an NNP whose semantic class is the KB kind(s). */
export function termToken(text: string, m: TermMatch): Token {
  const surface = text.slice(m.start, m.end);
  return {
    start: m.start,
    end: m.end,
    surface,
    pos: 'NNP',
    semantic: m.kinds,
    reading: null,
    lemma: surface,
    script: scriptAt(text, m.start) ?? 'other',
    source: 'term',
    term: m.ids,
  };
}

type Letter = Exclude<Script, 'other'>;

function letterAt(text: string, i: number): Letter | null {
  const s = scriptAt(text, i);
  return s === 'other' ? null : s;
}

/** Latin and digits run together into one word (F35, SCM2); so do han and kana. */
function sameWord(a: Letter, b: Letter): boolean {
  const family = (s: Letter) => (s === 'digit' ? 'latin' : s === 'kana' ? 'han' : s);
  return family(a) === family(b);
}

function leftOk(text: string, start: number, from: number, tokenStartingAt: ReadonlyMap<number, Token>, tokenEndingAt: ReadonlyMap<number, Token>): boolean {
  if (start <= from) return true;
  const prevAt = start - (/[\uDC00-\uDFFF]/.test(text[start - 1]) ? 2 : 1);
  const prev = letterAt(text, prevAt);
  const first = letterAt(text, start);
  if (!prev || !first || !sameWord(prev, first)) return true;
  // Latin words must not be cut. Korean and Japanese write compounds without spaces
  // (제56차한미안보협의회의, 한미국방장관): accept a term that starts where the analyzer starts a
  // morpheme after a word or a number, but not after a one-syllable prefix (부장관, 총영사).
  if (prev === 'latin' || prev === 'digit' || !tokenStartingAt.has(start)) return false;
  const before = tokenEndingAt.get(start);
  return before !== undefined && (before.end - before.start >= 2 || PRECEDES_COMPOUND.test(before.pos));
}

function rightOk(text: string, end: number, to: number, tokenStartingAt: ReadonlyMap<number, Token>, tokenEndingAt: ReadonlyMap<number, Token>): boolean {
  if (end >= to) return true;
  const last = letterAt(text, end - (/[\uDC00-\uDFFF]/.test(text[end - 1]) ? 2 : 1));
  const next = letterAt(text, end);
  if (!last || !next || !sameWord(last, next)) return true;
  if (last === 'latin' || last === 'digit') return false;
  if (last !== 'hangul') return tokenEndingAt.has(end);
  let restEnd = end;
  while (restEnd < to && scriptAt(text, restEnd) === 'hangul') restEnd++;
  return (tokenEndingAt.has(end) && functionalTokens(tokenStartingAt, end, restEnd)) || particleChain(text.slice(end, restEnd));
}

/** Do tokens tile text[from, to) exactly, all of them particles, endings or the copula? */
function functionalTokens(tokenStartingAt: ReadonlyMap<number, Token>, from: number, to: number): boolean {
  for (let at = from; at < to; ) {
    const t = tokenStartingAt.get(at);
    if (!t || t.end > to) return false;
    if (!FUNCTIONAL_POS.test(t.pos) && !(t.pos === 'XSN' && t.surface === '들')) return false;
    at = t.end;
  }
  return true;
}

/** Can `rest` be read as a chain of particles (은, 과의, 에서는, 들에게)? */
export function particleChain(rest: string): boolean {
  const ok: boolean[] = [true];
  for (let i = 1; i <= rest.length; i++) {
    ok[i] = false;
    for (let k = 1; k <= Math.min(LONGEST_PARTICLE, i) && !ok[i]; k++) ok[i] = ok[i - k] && PARTICLE_SET.has(rest.slice(i - k, i));
  }
  return ok[rest.length];
}
