// Japanese morphemes from kuromoji (IPADIC): readings in katakana (森 → モリ) and IPADIC's proper
// noun classes (人名, 地域, 組織) as the semantic class.
import { createRequire } from 'node:module';
import path from 'node:path';
import kuromoji, { type IpadicToken, type Tokenizer } from 'kuromoji';
import type { Token } from '../types.js';
import { placeChunks, type Morpheme } from './place.js';

export class JapaneseAnalyzer {
  private constructor(private readonly tokenizer: Tokenizer) {}

  /** Loads IPADIC from the kuromoji package (about 1.5 s). */
  static async load(): Promise<JapaneseAnalyzer> {
    const entry = createRequire(import.meta.url).resolve('kuromoji');
    const dicPath = path.join(path.dirname(entry), '..', 'dict');
    const tokenizer = await new Promise<Tokenizer>((resolve, reject) =>
      kuromoji.builder({ dicPath }).build((err, tk) => (err ? reject(err) : resolve(tk))),
    );
    return new JapaneseAnalyzer(tokenizer);
  }

  tokenize(text: string, from: number, to: number): Token[] {
    return placeChunks(text, from, to, (chunk) => this.tokenizer.tokenize(chunk).map(morpheme), 'ja', symbol);
  }
}

function morpheme(t: IpadicToken): Morpheme {
  const known = (s: string | undefined) => (s && s !== '*' ? s : null);
  return {
    surface: t.surface_form,
    pos: [t.pos, t.pos_detail_1, t.pos_detail_2, t.pos_detail_3].filter((p) => p !== '*').join('-'),
    semantic: t.pos_detail_1 === '固有名詞' ? known(t.pos_detail_2 === '一般' ? undefined : t.pos_detail_2) : null,
    reading: known(t.reading),
    lemma: known(t.basic_form),
  };
}

function symbol(ch: string): Morpheme {
  return { surface: ch, pos: '記号', semantic: null, reading: null, lemma: null };
}
