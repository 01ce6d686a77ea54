// mecab-ko-dic (kuromoji-ko's dictionary) as typed arrays in shared memory: read once, in the
// main thread, and handed to worker threads in workerData, where a tokenizer is built over the
// very same memory in milliseconds. kuromoji-ko's own loader inflates the files with pako in JS
// (about 2 s per worker) and builds its word-id → token-info map as a 119 MB object; here zlib
// inflates them straight into shared memory (no second copy is ever held) and the map is read
// straight into the two arrays lattice.ts walks. Inflating takes most of a second, so the arrays are
// kept in the disk cache (run/disk-cache.ts), keyed by the dictionary files' identity, and later
// runs read them straight into shared memory; the key also covers the code that shapes them.
// kuromoji-ko does not export its dictionary classes: they are taken from a tokenizer that the
// package builds over an empty dictionary (models/kuromoji-ko-empty: each file four zero bytes,
// gzip'd), and loaded with the shared arrays, so that every lookup runs kuromoji-ko's own code.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import kuromojiKo, { type Tokenizer } from 'kuromoji-ko';
import { cacheDir, codeIdentity, fileIdentity, readData, writeData } from '../run/disk-cache.js';
import { packageRoot } from '../run/package.js';
import { readTargetMap, type TargetMap } from './lattice.js';

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

const FILES = ['base', 'check', 'tid', 'tid_pos', 'tid_map', 'cc', 'unk', 'unk_pos', 'unk_map', 'unk_char', 'unk_compat', 'unk_invoke'] as const;
/** The code that decides what the cached dictionary holds (this module and readTargetMap's). */
const CODE = /^(korean-dict|lattice)\.[jt]s$/;

/**
 * Reads the dictionary into shared memory (about 110 MB, of which 46 MB are the feature strings):
 * from the disk cache in `cache` when it holds this dictionary, else inflated and then cached
 * there (a cache that cannot be written is skipped).
 */
export async function readKoreanDictionary(dir = stockDicPath(), cache: string = cacheDir()): Promise<KoreanDictionary> {
  const code = codeIdentity(dirname(fileURLToPath(import.meta.url)), (name) => CODE.test(name));
  const key = `ko-dic\n${fileIdentity(FILES.map((name) => join(dir, `${name}.dat.gz`)))}\n${code}`;
  const cached = readData<KoreanDictionary>(cache, 'ko-dic', key);
  if (cached) return cached;
  const [base, check, tokenInfo, tokenPos, targetFile, costs, ...unk] = await Promise.all(FILES.map((name) => inflateShared(join(dir, `${name}.dat.gz`))));
  const [dictionary, pos, map, charMap, compatMap, invoke] = unk;
  const dict: KoreanDictionary = {
    base: new Int32Array(base.buffer),
    check: new Int32Array(check.buffer),
    tokenInfo,
    tokenPos,
    targets: readTargetMap(targetFile),
    costs: new Int16Array(costs.buffer),
    unknown: { dictionary, pos, map, charMap, compatMap: new Uint32Array(compatMap.buffer), invoke },
  };
  writeData(cache, 'ko-dic', key, dict);
  return dict;
}

/** A gzip file inflated chunk by chunk into shared memory of its stated size (the gzip trailer's). */
async function inflateShared(path: string): Promise<Uint8Array> {
  const gz = readFileSync(path);
  const out = new Uint8Array(new SharedArrayBuffer(gz.readUInt32LE(gz.length - 4)));
  let at = 0;
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  gunzip.end(gz);
  for await (const chunk of gunzip as AsyncIterable<Buffer>) {
    if (at + chunk.length > out.length) throw new Error(`${path}: longer than its gzip trailer says`);
    out.set(chunk, at);
    at += chunk.length;
  }
  if (at !== out.length) throw new Error(`${path}: shorter than its gzip trailer says`);
  return out;
}

/** The kuromoji-ko objects a tokenizer is made of (not in its type declarations). */
interface Parts {
  trie: { bc: { loadBaseBuffer(a: Int32Array): unknown; loadCheckBuffer(a: Int32Array): unknown; shrink(): void } };
  tokenInfoDictionary: { loadDictionary(a: Uint8Array): unknown; loadPosVector(a: Uint8Array): unknown; targetMap: object };
  connectionCosts: { loadConnectionCosts(a: Int16Array): void };
  unknownDictionary: {
    loadUnknownDictionaries(unk: Uint8Array, pos: Uint8Array, map: Uint8Array, charMap: Uint8Array, compatMap: Uint32Array, invoke: Uint8Array): void;
  };
}

/** kuromoji-ko's tokenizer over the dictionary's arrays (shared, not copied); the caller sets up the in-place lattice builder with `dict.targets`. */
export async function tokenizerOver(dict: KoreanDictionary): Promise<Tokenizer> {
  const empty = await kuromojiKo.builder({ dicPath: join(packageRoot(), 'models', 'kuromoji-ko-empty') }).build();
  const e = empty as unknown as Omit<Parts, 'trie' | 'connectionCosts'> & { viterbiBuilder: Pick<Parts, 'trie'>; viterbiSearcher: Pick<Parts, 'connectionCosts'> };
  // Objects of the empty tokenizer's classes, made without their constructors (which allocate
  // buffers the loading replaces): each load method sets every field the object reads.
  const like = <T extends object>(obj: T): T => Object.create(Object.getPrototypeOf(obj) as object) as T;
  // The empty tokenizer's trie is a DoubleArray whose arrays can be swapped; shrink() trims them as loading does.
  const trie = e.viterbiBuilder.trie;
  trie.bc.loadBaseBuffer(dict.base);
  trie.bc.loadCheckBuffer(dict.check);
  trie.bc.shrink();
  const tokenInfoDictionary = like(e.tokenInfoDictionary);
  tokenInfoDictionary.loadDictionary(dict.tokenInfo);
  tokenInfoDictionary.loadPosVector(dict.tokenPos);
  tokenInfoDictionary.targetMap = {}; // the word-id map is dict.targets
  const connectionCosts = like(e.viterbiSearcher.connectionCosts);
  connectionCosts.loadConnectionCosts(dict.costs);
  const unknownDictionary = like(e.unknownDictionary);
  const u = dict.unknown;
  unknownDictionary.loadUnknownDictionaries(u.dictionary, u.pos, u.map, u.charMap, u.compatMap, u.invoke);
  const dic = { trie, tokenInfoDictionary, connectionCosts, unknownDictionary };
  return new kuromojiKo.Tokenizer(dic as unknown as ConstructorParameters<typeof kuromojiKo.Tokenizer>[0]);
}
