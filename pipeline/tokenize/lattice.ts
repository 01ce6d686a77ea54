// kuromoji-ko's and kuromoji's lattice builder, reading the sentence in place. The original
// (ViterbiBuilder.build in kuromoji-ko 1.0.8, Apache-2.0, © its authors, itself a port of the
// same function in kuromoji.js 0.1.2, © Takuya Asano and Atilika Inc., Apache-2.0) copies the rest
// of the sentence at every position, re-encodes it to UTF-8 for the dictionary trie and
// re-indexes its surrogates: quadratic in the sentence, and most of the tokenizer's time. This one
// encodes the sentence once and walks the trie's arrays from each position. Changes, all with
// identical results: the one encoding, the trie walked through its arrays, the word-id →
// token-info map as typed arrays (a 119 MB object in kuromoji-ko, 9 MB here; the object is
// released), and the runs of grouped unknown characters found in one backward pass. It produces
// the very lattice of the original, node for node and in the same order (test/tokenize/
// lattice.test.ts and ipadic.test.ts compare the tokens); it is installed on a built kuromoji-ko
// tokenizer by useInPlaceLattice(), on kuromoji by japanese-dict.ts. The two packages' builders
// are the same code under other names, but for one thing: kuromoji measures a grouped unknown
// word of more than one character in UTF-16 units (its key turns into a plain string there), so
// that a run holding a surrogate pair ends later in its lattice (LatticeParts.groupLengthInUnits).
import type { Tokenizer } from 'kuromoji-ko';

/** The parts of the packages' internals the builder reads (not in their type declarations). */
export interface ByteBuffer {
  getShort(index: number): number;
}
export interface CharClass {
  class_id: number;
  class_name: string;
  is_always_invoke: number;
  is_grouping: number;
}
export interface Lattice {
  append(node: unknown): void;
  appendEos(): void;
}
export type NodeClass = new (name: number, cost: number, startPos: number, length: number, type: string, leftId: number, rightId: number, surface: string) => unknown;

/** What the builder reads, taken from either package's dictionaries and classes. */
export interface LatticeParts {
  /** The dictionary trie's arrays (a doublearray DoubleArray's, as loaded). */
  base: Int32Array;
  check: Int32Array;
  targets: TargetMap;
  /** Token-info records: left id, right id and cost at id, id + 2, id + 4. */
  known: ByteBuffer;
  unknown: { dictionary: ByteBuffer; targets: Record<number, number[]>; lookup(ch: string): CharClass | null | undefined };
  Lattice: new () => Lattice;
  Node: NodeClass;
  /** The original builder, for text the in-place one cannot encode: it fails there its own way. */
  original(sentence: string): Lattice;
  /** kuromoji's measure of grouped unknown words (see the top of this file). */
  groupLengthInUnits: boolean;
}

/** Word ids → token-info ids, as offsets into one array: ids[offsets[w] .. offsets[w + 1]). */
export interface TargetMap {
  offsets: Int32Array;
  ids: Int32Array;
}

function packTargetMap(map: Record<number, number[]>): TargetMap {
  let maxKey = -1, total = 0;
  for (const key in map) { maxKey = Math.max(maxKey, Number(key)); total += map[key].length; }
  const offsets = new Int32Array(maxKey + 2);
  for (const key in map) offsets[Number(key) + 1] = map[key].length;
  for (let w = 0; w <= maxKey; w++) offsets[w + 1] += offsets[w];
  const ids = new Int32Array(total);
  for (const key in map) ids.set(map[key], offsets[Number(key)]);
  return { offsets, ids };
}

/**
 * tid_map.dat, in both packages' format, read into shared memory: a count (u32, little-endian),
 * then for each word id its id, n, and n token-info ids. A word id that comes again gets the later
 * ids appended, as the packages' loaders do.
 */
export function readTargetMap(bytes: Uint8Array): TargetMap {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number) => view.getUint32(at, true);
  const entries = (visit: (word: number, ids: number, at: number) => void) => {
    for (let at = 4; at < bytes.length; ) {
      if (at + 8 > bytes.length) throw new Error('dictionary: tid_map.dat ends inside an entry');
      const word = u32(at), n = u32(at + 4);
      at += 8;
      if (at + 4 * n > bytes.length) throw new Error('dictionary: tid_map.dat ends inside an entry');
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
  entries((word, n, at) => { for (let k = 0; k < n; k++) ids[next[word]++] = u32(at + 4 * k); });
  return { offsets, ids };
}

const NOT_FOUND = -1;

/** The builder: build(sentence) gives the original's lattice for it. */
export class InPlaceLatticeBuilder {
  private readonly base: Int32Array;
  private readonly check: Int32Array;

  constructor(private readonly parts: LatticeParts) {
    this.base = parts.base;
    this.check = parts.check;
  }

  private child(parent: number, code: number): number {
    const c = this.base[parent] + code;
    return c >= 0 && c < this.check.length && this.check[c] === parent ? c : NOT_FOUND;
  }

  build(sentence: string): Lattice {
    const enc = encode(sentence);
    // A high surrogate without its low half: the original's UTF-8 encoder fails; let it fail its way.
    if (!enc) return this.parts.original(sentence);
    const { bytes, cpStart, byteStart, cpAtByte } = enc;
    const n = cpStart.length - 1; // code points
    const { known, unknown, targets, Node } = this.parts;
    const lattice = new this.parts.Lattice();
    const char = (p: number) => sentence.slice(cpStart[p], cpStart[p + 1]);

    // Classes of the characters, and where a run of one class that starts at each position ends.
    const classes: (CharClass | null | undefined)[] = new Array(n);
    for (let p = 0; p < n; p++) classes[p] = unknown.lookup(char(p));
    const runEnd = new Int32Array(n);
    for (let p = n - 1; p >= 0; p--) {
      const next = classes[p + 1];
      runEnd[p] = p + 1 < n && next && classes[p] && next.class_name === classes[p]!.class_name ? runEnd[p + 1] : p + 1;
    }

    for (let pos = 0; pos < n; pos++) {
      // Dictionary words starting here, shortest first: each terminal found along the trie path.
      let found = 0;
      let parent = 0;
      for (let b = byteStart[pos]; b < bytes.length; b++) {
        const node = this.child(parent, bytes[b]);
        if (node === NOT_FOUND) break;
        parent = node;
        const leaf = this.child(node, 0);
        if (leaf === NOT_FOUND) continue;
        found++;
        const v = this.base[leaf];
        if (v > 0) continue; // a terminal that is not a leaf carries no word id
        const word = -v - 1;
        const endCp = cpAtByte[b + 1];
        if (endCp < 0) throw new Error('lattice: a dictionary word ends inside a character');
        const key = sentence.slice(cpStart[pos], cpStart[endCp]);
        if (word < 0 || word + 1 >= targets.offsets.length) continue;
        for (let k = targets.offsets[word]; k < targets.offsets[word + 1]; k++) {
          const id = targets.ids[k];
          lattice.append(new Node(id, known.getShort(id + 4), pos + 1, key.length, 'KNOWN', known.getShort(id), known.getShort(id + 2), key));
        }
      }
      // Unknown words: where no dictionary word starts, or the class always invokes them.
      const head = classes[pos];
      if (found === 0 || (head && head.is_always_invoke === 1)) {
        if (!head) continue;
        const end = head.is_grouping === 1 ? runEnd[pos] : pos + 1;
        const surface = sentence.slice(cpStart[pos], cpStart[end]);
        const length = this.parts.groupLengthInUnits && end - pos > 1 ? surface.length : end - pos;
        const unkIds = unknown.targets[head.class_id];
        if (!unkIds) continue;
        for (const id of unkIds) {
          lattice.append(new Node(id, unknown.dictionary.getShort(id + 4), pos + 1, length, 'UNKNOWN', unknown.dictionary.getShort(id), unknown.dictionary.getShort(id + 2), surface));
        }
      }
    }
    lattice.appendEos();
    return lattice;
  }
}

/**
 * The sentence as the original reads it: code points (a high surrogate always takes the next
 * unit with it), their UTF-8 bytes (a lone low surrogate encodes as 3 bytes), the UTF-16 and
 * byte offset of each code point, and the code point starting at each byte (-1 inside one);
 * null where the original's encoder gives up (a high surrogate not followed by a low one).
 */
function encode(s: string): { bytes: Uint8Array; cpStart: Int32Array; byteStart: Int32Array; cpAtByte: Int32Array } | null {
  const bytes = new Uint8Array(s.length * 4);
  const cpStart: number[] = [];
  const byteStart: number[] = [];
  let j = 0;
  for (let i = 0; i < s.length; ) {
    cpStart.push(i);
    byteStart.push(j);
    let c = s.charCodeAt(i++);
    if (c >= 0xd800 && c <= 0xdbff) {
      const lower = s.charCodeAt(i++);
      if (!(lower >= 0xdc00 && lower <= 0xdfff)) return null;
      c = (c - 0xd800) * 1024 + 0x10000 + (lower - 0xdc00);
    }
    if (c < 0x80) bytes[j++] = c;
    else if (c < 0x800) { bytes[j++] = (c >>> 6) | 0xc0; bytes[j++] = (c & 0x3f) | 0x80; }
    else if (c < 0x10000) { bytes[j++] = (c >>> 12) | 0xe0; bytes[j++] = ((c >> 6) & 0x3f) | 0x80; bytes[j++] = (c & 0x3f) | 0x80; }
    else { bytes[j++] = (c >>> 18) | 0xf0; bytes[j++] = ((c >> 12) & 0x3f) | 0x80; bytes[j++] = ((c >> 6) & 0x3f) | 0x80; bytes[j++] = (c & 0x3f) | 0x80; }
  }
  cpStart.push(s.length);
  byteStart.push(j);
  const cpAtByte = new Int32Array(j + 1).fill(-1);
  byteStart.forEach((b, p) => { cpAtByte[b] = p; });
  return { bytes: bytes.subarray(0, j), cpStart: Int32Array.from(cpStart), byteStart: Int32Array.from(byteStart), cpAtByte };
}

/** kuromoji-ko's builder and dictionaries, under their names there. */
interface KoreanBuilder {
  trie: { bc: { getBaseBuffer(): Int32Array; getCheckBuffer(): Int32Array } };
  tokenInfoDictionary: { dictionary: ByteBuffer; targetMap: Record<number, number[]> };
  unknownDictionary: { dictionary: ByteBuffer; targetMap: Record<number, number[]>; lookup(ch: string): CharClass | undefined };
  build(sentence: string): Lattice;
}

/**
 * Replaces a built kuromoji-ko tokenizer's lattice builder with the in-place one; returns the
 * tokenizer. Without `targets` the word-id map is packed from the tokenizer's own (which is then
 * released); a tokenizer built over shared arrays (korean-dict.ts) passes the packed map it has.
 */
export function useInPlaceLattice(tokenizer: Tokenizer, targets?: TargetMap): Tokenizer {
  const t = tokenizer as unknown as { viterbiBuilder: KoreanBuilder | InPlaceLatticeBuilder };
  const original = t.viterbiBuilder as KoreanBuilder;
  if (!targets) {
    targets = packTargetMap(original.tokenInfoDictionary.targetMap);
    original.tokenInfoDictionary.targetMap = {};
  }
  // The lattice and node classes are the original's (not exported): taken from an empty lattice.
  const probe = original.build('') as Lattice & { nodesEndAt: unknown[][] };
  const unknown = original.unknownDictionary;
  t.viterbiBuilder = new InPlaceLatticeBuilder({
    base: original.trie.bc.getBaseBuffer(),
    check: original.trie.bc.getCheckBuffer(),
    targets,
    known: original.tokenInfoDictionary.dictionary,
    unknown: { dictionary: unknown.dictionary, targets: unknown.targetMap, lookup: (ch) => unknown.lookup(ch) },
    Lattice: probe.constructor as new () => Lattice,
    Node: (probe.nodesEndAt[0][0] as object).constructor as NodeClass,
    original: (sentence) => original.build(sentence),
    groupLengthInUnits: false,
  });
  return tokenizer;
}
