// Japanese morphemes from kuromoji (IPADIC): readings in katakana (森 → モリ) and IPADIC's proper
// noun classes (人名, 地域, 組織) as the semantic class.
// IPADIC is loaded on the first stretch that needs it (once per worker; most Korean articles have
// none), synchronously so that the tokenize stage stays synchronous: from a compact file made once
// per installation, in about 0.1 s of CPU and 23 MB (japanese-dict.ts; kuromoji's own loader took
// 1.5 s and 240 MB).
import type { IpadicToken } from 'kuromoji';
import type { Token } from '../types.js';
import { loadIpadic, type Ipadic } from './japanese-dict.js';
import { placeChunks, type Morpheme } from './place.js';

export class JapaneseAnalyzer {
  private ipadic: Ipadic | null = null;

  /** `load` gives the IPADIC tokenizer when the first Japanese stretch comes. */
  constructor(private readonly load: () => Ipadic = loadIpadic) {}

  get loaded(): boolean {
    return this.ipadic !== null;
  }

  tokenize(text: string, from: number, to: number): Token[] {
    const ipadic = (this.ipadic ??= this.load());
    return placeChunks(text, from, to, (chunk) => ipadic.tokenize(chunk).map(morpheme), 'ja', symbol);
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
