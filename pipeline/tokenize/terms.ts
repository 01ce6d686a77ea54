// Knowledge-base terms in the token stream: a KB name found in a sentence is merged into one
// token. The names come from the KB's one name index (pipeline/link/name-index.ts), which also
// holds the one word-boundary rule: a match counts only where it is a word of its own (국방장관은,
// 방위상과의; not 김용 in 김용현이, 스가 in 뉴스가, 장관 in 부장관).
import { NameIndex, standsAsWord, titleStarts, tokenBounds } from '../link/name-index.js';
import { scriptAt } from '../segment/scripts.js';
import type { Span, Term, Token } from '../types.js';

export { particleChain } from '../link/name-index.js';

/** A KB term found in the text, with every id and kind its text can stand for. */
export interface TermMatch extends Span {
  ids: string;
  kinds: string;
}

export class TermMatcher {
  private readonly index: NameIndex;

  /** Over the worker's name index, or (tests, tools) over a list of terms. */
  constructor(names: NameIndex | readonly Term[]) {
    this.index = names instanceof NameIndex ? names : new NameIndex(names);
  }

  get size(): number {
    return this.index.size;
  }

  /**
   * Non-overlapping term matches in text[from, to) that stand as words, given the tokens of that
   * stretch (morpheme bounds for the boundary rule). Longer matches win, then earlier ones.
   */
  find(text: string, from: number, to: number, tokens: readonly Token[]): TermMatch[] {
    if (from >= to) return [];
    const hits = this.index.search(text, from, to);
    const ctx = { from, to, tokens: tokenBounds(tokens), titleStarts: titleStarts(hits) };
    const valid: { start: number; end: number; term: Term }[] = [];
    for (const h of hits) {
      const term = NameIndex.termAt(text, h);
      if (!term || !standsAsWord(text, h.start, h.end, ctx)) continue;
      valid.push({ start: h.start, end: h.end, term });
    }
    valid.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const chosen: TermMatch[] = [];
    const taken = new Uint8Array(to - from); // positions already inside a chosen match
    for (const m of valid) {
      if (taken.subarray(m.start - from, m.end - from).includes(1)) continue;
      taken.fill(1, m.start - from, m.end - from);
      chosen.push({ start: m.start, end: m.end, ids: m.term.id, kinds: m.term.kind });
    }
    return chosen.sort((a, b) => a.start - b.start);
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
