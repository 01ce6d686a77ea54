// English words from compromise: its tags (Person, Place, Organization, ProperNoun, ...) joined
// with "|" as the POS; the first of Person/Place/Organization as the semantic class.
// compromise takes about half a second to load (it unpacks its lexicon), and many batches hold no
// English beyond acronyms: it is loaded on the first stretch that needs it. The tokenize stage is
// synchronous, so it is required (compromise's CommonJS build, the same release as its ES module).
import { createRequire } from 'node:module';
import type { Token } from '../types.js';
import { place, type Morpheme } from './place.js';

const SEMANTIC = ['Person', 'Place', 'Organization'] as const;
/** Remembered analyses: stretches repeat (SCM, NATO, AI) and compromise takes about 1 ms a call. */
const MEMO_SIZE = 4096;
const ACRONYM = /^[A-Z][A-Z0-9&]*[A-Z0-9]$/;

type Compromise = typeof import('compromise').default;
let compromise: Compromise | undefined;
const nlp = (text: string) => (compromise ??= createRequire(import.meta.url)('compromise') as Compromise)(text);

interface TermJson {
  text: string;
  tags: string[];
  root?: string;
}

export class EnglishAnalyzer {
  private readonly memo = new Map<string, Morpheme[]>();

  tokenize(text: string, from: number, to: number): Token[] {
    return place(text, from, to, this.morphemes(text.slice(from, to)), 'en', punctuation);
  }

  /** compromise's terms for a stretch; the same stretch always gets the same analysis. */
  private morphemes(stretch: string): Morpheme[] {
    let found = this.memo.get(stretch);
    if (!found) {
      // A capitalized word standing alone in Korean text is an acronym (IS, IT, TV, KBS); compromise,
      // seeing it without an English sentence around it, would read IS as a verb and IT as a pronoun.
      const terms = ACRONYM.test(stretch)
        ? [{ text: stretch, tags: ['Acronym', 'Noun'] }]
        : (nlp(stretch).compute('root').json() as { terms: TermJson[] }[]).flatMap((s) => s.terms);
      found = terms.map(morpheme);
      if (this.memo.size >= MEMO_SIZE) this.memo.clear();
      this.memo.set(stretch, found);
    }
    return found;
  }
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
