// Korean morphemes from kuromoji-ko (mecab-ko-dic): POS tags of the Sejong tagset, ko-dic's
// semantic classes (인명, 지명, ...), hangul readings of hanja (北 → 북).
import kuromojiKo, { type KoreanToken, type Tokenizer } from 'kuromoji-ko';
import type { Token } from '../types.js';
import { readKoreanDictionary, stockDicPath, tokenizerOver, type KoreanDictionary } from './korean-dict.js';
import { useInPlaceLattice } from './lattice.js';
import { placeChunks, type Morpheme } from './place.js';

/** Stems that take 다 in their dictionary form, including the verb/adjective suffixes 하, 되. */
const PREDICATE = /^(VV|VA|VX|VCP|VCN|XSV|XSA)/;

export class KoreanAnalyzer {
  private constructor(private readonly tokenizer: Tokenizer) {}

  /**
   * kuromoji-ko over mecab-ko-dic's arrays (korean-dict.ts: shared with the other worker threads
   * when given, else read here), with the in-place lattice builder (lattice.ts).
   */
  static async load(given?: KoreanDictionary): Promise<KoreanAnalyzer> {
    const dict = given ?? (await readKoreanDictionary());
    return new KoreanAnalyzer(useInPlaceLattice(await tokenizerOver(dict), dict.targets));
  }

  /** The morphemes of text[from, to) as tokens with offsets into `text`. */
  tokenize(text: string, from: number, to: number): Token[] {
    return placeChunks(text, from, to, (chunk) => this.tokenizer.tokenize(chunk).map(morpheme), 'ko', symbol);
  }

  /** Raw kuromoji-ko output, for measuring the analyzer alone. */
  raw(text: string): KoreanToken[] {
    return this.tokenizer.tokenize(text);
  }
}

/** kuromoji-ko's tokenizer as the package builds it (the reference of tests and benches). */
export async function loadStockTokenizer(): Promise<Tokenizer> {
  return kuromojiKo.builder({ dicPath: stockDicPath() }).build();
}

function morpheme(t: KoreanToken): Morpheme {
  // mecab-ko-dic's comma entry is read from CSV as an empty surface and POS with "SC" shifted
  // into the semantic-class column.
  if (t.surface_form === '' && t.pos === '') return { surface: ',', pos: 'SC', semantic: null, reading: null, lemma: null };
  const semantic = t.semantic_class === '*' ? null : t.semantic_class;
  const reading = t.reading === '*' || t.reading === t.surface_form ? null : t.reading;
  return { surface: t.surface_form, pos: t.pos, semantic, reading, lemma: lemma(t) };
}

/** Dictionary form: predicates get 다 on the stem (만났 → 만나다), everything else is itself. */
function lemma(t: KoreanToken): string | null {
  if (t.type === 'Inflect' && t.expression !== '*') {
    const [stem, pos] = t.expression.split('+')[0].split('/');
    return PREDICATE.test(pos) ? `${stem}다` : stem;
  }
  if (/^S[LHNWFPSOCY]/.test(t.pos) || t.pos === 'SP') return null;
  return PREDICATE.test(t.pos) ? `${t.surface_form}다` : t.surface_form;
}

/** Symbols kuromoji-ko skipped (none known, but `place` needs a description for any gap). */
function symbol(ch: string): Morpheme {
  return { surface: ch, pos: 'SY', semantic: null, reading: null, lemma: null };
}
