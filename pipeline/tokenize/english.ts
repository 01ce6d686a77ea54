// English words from compromise: its tags (Person, Place, Organization, ProperNoun, ...) joined
// with "|" as the POS; the first of Person/Place/Organization as the semantic class.
import nlp from 'compromise';
import type { Token } from '../types.js';
import { place, type Morpheme } from './place.js';

const SEMANTIC = ['Person', 'Place', 'Organization'] as const;

interface TermJson {
  text: string;
  tags: string[];
  root?: string;
}

export function tokenizeEnglish(text: string, from: number, to: number): Token[] {
  const doc = nlp(text.slice(from, to)).compute('root');
  const terms = (doc.json() as { terms: TermJson[] }[]).flatMap((s) => s.terms);
  return place(text, from, to, terms.map(morpheme), 'en', punctuation);
}

function morpheme(t: TermJson): Morpheme {
  return {
    surface: t.text,
    pos: t.tags.join('|'),
    semantic: SEMANTIC.find((s) => t.tags.includes(s)) ?? null,
    reading: null,
    lemma: t.root ?? t.text,
  };
}

/** compromise keeps punctuation outside its terms ("R." is the term "R" with post "."). */
function punctuation(ch: string): Morpheme {
  return { surface: ch, pos: 'Punctuation', semantic: null, reading: null, lemma: null };
}
