// The tokenize stage: every sentence becomes morphemes with offsets into doc.text.
// kuromoji-ko reads each sentence; English stretches are then re-read by compromise and Japanese
// ones by kuromoji (IPADIC); finally knowledge-base terms are merged into single tokens.
import { segmentArticle } from '../segment/index.js';
import type { Stage } from '../stage.js';
import { emptyArticle, StageError, type Article, type ScriptRun, type Span, type Term, type Token } from '../types.js';
import { EnglishAnalyzer } from './english.js';
import { JapaneseAnalyzer } from './japanese.js';
import type { KoreanDictionary } from './korean-dict.js';
import { KoreanAnalyzer } from './korean.js';
import { foreignPieces } from './languages.js';
import type { NameIndex } from '../link/name-index.js';
import { TermMatcher, termToken } from './terms.js';

export { MAX_CHUNK } from './place.js';
export { particleChain, TermMatcher } from './terms.js';

export interface Tokenizers {
  korean: KoreanAnalyzer;
  japanese: JapaneseAnalyzer;
  english: EnglishAnalyzer;
  terms: TermMatcher;
}

/**
 * The Korean tokenizer over `korean` (the dictionary shared by the worker threads; read here when
 * absent; IPADIC waits for Japanese text) and the term automaton.
 */
export async function loadTokenizers(terms: NameIndex | readonly Term[], korean?: KoreanDictionary): Promise<Tokenizers> {
  return { korean: await KoreanAnalyzer.load(korean), japanese: new JapaneseAnalyzer(), english: new EnglishAnalyzer(), terms: new TermMatcher(terms) };
}

/** The tokens of one sentence (`runs` are the script runs inside it, in order). */
function tokenizeSentence(text: string, sentence: Span, runs: readonly ScriptRun[], tk: Tokenizers): Token[] {
  const reanalyze = (t: Token, from: number, to: number): Token[] => analyzer(t.source, tk)(text, from, to);
  let tokens = tk.korean.tokenize(text, sentence.start, sentence.end);
  const pieces = foreignPieces(text, runs).map((p) => ({ span: p, tokens: analyzer(p.lang, tk)(text, p.start, p.end) }));
  tokens = overlay(tokens, pieces, reanalyze);
  const terms = tk.terms.find(text, sentence.start, sentence.end, tokens).map((m) => ({ span: m, tokens: [termToken(text, m)] }));
  return overlay(tokens, terms, reanalyze);
}

/** Tokens for a whole segmented article (doc.sentences and doc.scripts must be set). */
export function tokenizeArticle(doc: Article, tk: Tokenizers): Article {
  const tokens: Token[] = [];
  let r = 0;
  for (const s of doc.sentences) {
    while (r < doc.scripts.length && doc.scripts[r].end <= s.start) r++;
    let e = r;
    while (e < doc.scripts.length && doc.scripts[e].start < s.end) e++;
    try {
      tokens.push(...tokenizeSentence(doc.text, s, doc.scripts.slice(r, e), tk));
    } catch (err) {
      const where = `sentence ${s.start}-${s.end}`;
      throw new StageError(doc.id, 'tokenize', `${where}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    r = e;
  }
  return { ...doc, tokens };
}

/** Segment and tokenize a bare string, e.g. a KLUE sentence: the article with sentences, scripts and tokens. */
export function analyzeText(text: string, tk: Tokenizers, id = 'text'): Article {
  return tokenizeArticle(segmentArticle(emptyArticle({ id, source: id, text })), tk);
}

export const tokenizeStage: Stage = {
  name: 'tokenize',
  run: (doc, res) => tokenizeArticle(doc, res.tokenizers),
};

type Analyze = (text: string, from: number, to: number) => Token[];

function analyzer(source: Token['source'], tk: Tokenizers): Analyze {
  switch (source) {
    case 'en':
      return (text, from, to) => tk.english.tokenize(text, from, to);
    case 'ja':
      return (text, from, to) => tk.japanese.tokenize(text, from, to);
    default: // a term token is never cut again; anything else is Korean text
      return (text, from, to) => tk.korean.tokenize(text, from, to);
  }
}

/**
 * `tokens` with each replacement's tokens in place of whatever overlaps its span (the spans are
 * disjoint and in order); a token that sticks out of the spans keeps its outside parts, analyzed
 * again on their own. One pass, so that a long sentence with many terms stays linear.
 */
function overlay(
  tokens: readonly Token[],
  replacements: readonly { span: Span; tokens: readonly Token[] }[],
  reanalyze: (t: Token, from: number, to: number) => Token[],
): Token[] {
  if (replacements.length === 0) return [...tokens];
  const out: Token[] = [];
  let r = 0;
  for (const t of tokens) {
    while (r < replacements.length && replacements[r].span.end <= t.start) r++;
    let at = t.start; // where the part of t not yet covered by a span begins
    let touched = false;
    for (let k = r; k < replacements.length && replacements[k].span.start < t.end; k++) {
      const span = replacements[k].span;
      if (span.start > at) out.push(...reanalyze(t, at, span.start));
      at = Math.max(at, span.end);
      touched = true;
    }
    if (!touched) out.push(t);
    else if (at < t.end) out.push(...reanalyze(t, at, t.end));
  }
  for (const rep of replacements) out.push(...rep.tokens);
  return out.sort((a, b) => a.start - b.start);
}
