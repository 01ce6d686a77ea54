// mecab-ko-dic (kuromoji-ko's dictionary) as typed arrays in shared memory: read once, in the
// main thread, and handed to worker threads in workerData, where a tokenizer is built over the
// very same memory in milliseconds. kuromoji-ko's own loader inflates the files with pako in JS
// (about 2 s per worker) and builds its word-id → token-info map as a 119 MB object; here zlib
// inflates them and the map is read straight into the two arrays lattice.ts walks.
// kuromoji-ko does not export its dictionary classes: they are taken from a tokenizer that the
// package builds over an empty dictionary (models/kuromoji-ko-empty: each file four zero bytes,
// gzip'd), and loaded with the shared arrays, so that every lookup runs kuromoji-ko's own code.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { gunzipSync } from 'node:zlib';
import kuromojiKo, { type Tokenizer } from 'kuromoji-ko';
import { packageRoot } from '../run/package.js';
import { sharedCopy } from '../shared-memory.js';
import type { TargetMap } from './lattice.js';

/** The dictionary files' contents, as kuromoji-ko's loader views them, plus the packed word-id map. */
export interface KoreanDictionary {
  base: Int32Array;
  check: Int32Array;
  tokenInfo: Uint8Array;
  tokenPos: Uint8Array;
  targets: TargetMap;
  costs: Int16Array;
  unknown: { dictionary: Uint8Array; pos: Uint8Array; map: Uint8Array; charMap: Uint8Array; compatMap: Uint32Array; invoke: Uint8Array };
}

/** The mecab-ko-dic folder shipped in the kuromoji-ko package. */
export function stockDicPath(): string {
  return join(dirname(createRequire(import.meta.url).resolve('kuromoji-ko')), '..', 'dict');
}

/** Reads the dictionary into shared memory (about 110 MB, of which 46 MB are the feature strings). */
export function readKoreanDictionary(dir = stockDicPath()): KoreanDictionary {
  const file = (name: string) => gunzipSync(readFileSync(join(dir, `${name}.dat.gz`)));
  return {
    base: sharedCopy(Int32Array, file('base')),
    check: sharedCopy(Int32Array, file('check')),
    tokenInfo: sharedCopy(Uint8Array, file('tid')),
    tokenPos: sharedCopy(Uint8Array, file('tid_pos')),
    targets: readTargetMap(file('tid_map')),
    costs: sharedCopy(Int16Array, file('cc')),
    unknown: {
      dictionary: sharedCopy(Uint8Array, file('unk')),
      pos: sharedCopy(Uint8Array, file('unk_pos')),
      map: sharedCopy(Uint8Array, file('unk_map')),
      charMap: sharedCopy(Uint8Array, file('unk_char')),
      compatMap: sharedCopy(Uint32Array, file('unk_compat')),
      invoke: sharedCopy(Uint8Array, file('unk_invoke')),
    },
  };
}

/**
 * tid_map.dat: a count (u32, little-endian), then for each word id its id, n, and n token-info
 * ids. A word id that comes again gets the later ids appended, as kuromoji-ko's loader does.
 */
function readTargetMap(bytes: Buffer): TargetMap {
  const entries = (visit: (word: number, ids: number, at: number) => void) => {
    for (let at = 4; at < bytes.length; ) {
      if (at + 8 > bytes.length) throw new Error('kuromoji-ko dictionary: tid_map.dat ends inside an entry');
      const word = bytes.readUInt32LE(at), n = bytes.readUInt32LE(at + 4);
      at += 8;
      if (at + 4 * n > bytes.length) throw new Error('kuromoji-ko dictionary: tid_map.dat ends inside an entry');
      visit(word, n, at);
      at += 4 * n;
    }
  };
  let maxWord = -1;
  let total = 0;
  entries((word, n) => { maxWord = Math.max(maxWord, word); total += n; });
  const offsets = new Int32Array(new SharedArrayBuffer(4 * (maxWord + 2)));
  entries((word, n) => { offsets[word + 1] += n; });
  for (let w = 0; w <= maxWord; w++) offsets[w + 1] += offsets[w];
  const ids = new Int32Array(new SharedArrayBuffer(4 * total));
  const next = offsets.slice(0, maxWord + 1);
  entries((word, n, at) => { for (let k = 0; k < n; k++) ids[next[word]++] = bytes.readUInt32LE(at + 4 * k); });
  return { offsets, ids };
}

/** The kuromoji-ko objects a tokenizer is made of (not in its type declarations). */
interface Parts {
  trie: { bc: { loadBaseBuffer(a: Int32Array): unknown; loadCheckBuffer(a: Int32Array): unknown; shrink(): void } };
  tokenInfoDictionary: { loadDictionary(a: Uint8Array): unknown; loadPosVector(a: Uint8Array): unknown };
  connectionCosts: { loadConnectionCosts(a: Int16Array): void };
  unknownDictionary: {
    loadUnknownDictionaries(unk: Uint8Array, pos: Uint8Array, map: Uint8Array, charMap: Uint8Array, compatMap: Uint32Array, invoke: Uint8Array): void;
  };
}

/** kuromoji-ko's tokenizer over the dictionary's arrays (shared, not copied), with the in-place lattice builder set up by the caller. */
export async function tokenizerOver(dict: KoreanDictionary): Promise<Tokenizer> {
  const empty = await kuromojiKo.builder({ dicPath: join(packageRoot(), 'models', 'kuromoji-ko-empty') }).build();
  const e = empty as unknown as { tokenInfoDictionary: object; unknownDictionary: object; viterbiBuilder: { trie: Parts['trie'] }; viterbiSearcher: { connectionCosts: object } };
  const make = <T>(like: object): T => new (like.constructor as new () => T)();
  // The empty tokenizer's trie is a DoubleArray whose arrays can be swapped; shrink() trims them as loading does.
  const trie = e.viterbiBuilder.trie;
  trie.bc.loadBaseBuffer(dict.base);
  trie.bc.loadCheckBuffer(dict.check);
  trie.bc.shrink();
  const tokenInfoDictionary = make<Parts['tokenInfoDictionary']>(e.tokenInfoDictionary);
  tokenInfoDictionary.loadDictionary(dict.tokenInfo);
  tokenInfoDictionary.loadPosVector(dict.tokenPos);
  const connectionCosts = make<Parts['connectionCosts']>(e.viterbiSearcher.connectionCosts);
  connectionCosts.loadConnectionCosts(dict.costs);
  const unknownDictionary = make<Parts['unknownDictionary']>(e.unknownDictionary);
  const u = dict.unknown;
  unknownDictionary.loadUnknownDictionaries(u.dictionary, u.pos, u.map, u.charMap, u.compatMap, u.invoke);
  const dic = { trie, tokenInfoDictionary, connectionCosts, unknownDictionary };
  return new kuromojiKo.Tokenizer(dic as unknown as ConstructorParameters<typeof kuromojiKo.Tokenizer>[0]);
}
