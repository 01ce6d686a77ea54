// Japanese morphemes from kuromoji (IPADIC): readings in katakana (森 → モリ) and IPADIC's proper
// noun classes (人名, 地域, 組織) as the semantic class.
// IPADIC costs about 270 MB and 0.7 s, and most Korean articles have no Japanese stretch, so it is
// loaded on the first stretch that needs it (once per worker), synchronously so that the tokenize
// stage stays synchronous.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { IpadicToken, Tokenizer } from 'kuromoji';
import type { Token } from '../types.js';
import { placeChunks, type Morpheme } from './place.js';

export class JapaneseAnalyzer {
  private tokenizer: Tokenizer | null = null;

  get loaded(): boolean {
    return this.tokenizer !== null;
  }

  tokenize(text: string, from: number, to: number): Token[] {
    const tokenizer = (this.tokenizer ??= loadIpadic());
    return placeChunks(text, from, to, (chunk) => tokenizer.tokenize(chunk).map(morpheme), 'ja', symbol);
  }
}

/**
 * kuromoji's own dictionary loader and tokenizer, with the file reads made synchronous: its loader
 * asks for each file through loadArrayBuffer(file, callback), and with a callback called at once
 * the whole load completes before load() returns.
 */
function loadIpadic(): Tokenizer {
  const require = createRequire(import.meta.url);
  const src = path.dirname(require.resolve('kuromoji'));
  const DictionaryLoader = require(path.join(src, 'loader', 'DictionaryLoader.js')) as IpadicLoaderClass;
  const KuromojiTokenizer = require(path.join(src, 'Tokenizer.js')) as new (dic: unknown) => Tokenizer;
  const loader = new DictionaryLoader(path.join(src, '..', 'dict'));
  loader.loadArrayBuffer = (file, callback) => {
    const bytes = gunzipSync(readFileSync(file));
    callback(null, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  };
  let result: { err: Error | null; dic: unknown } | null = null;
  loader.load((err, dic) => { result = { err, dic }; });
  const done = result as { err: Error | null; dic: unknown } | null;
  if (!done) throw new Error('kuromoji: IPADIC did not load synchronously');
  if (done.err) throw done.err;
  return new KuromojiTokenizer(done.dic);
}

interface IpadicLoaderClass {
  new (dicPath: string): {
    loadArrayBuffer: (file: string, callback: (err: Error | null, buffer: ArrayBuffer) => void) => void;
    load(callback: (err: Error | null, dic: unknown) => void): void;
  };
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
