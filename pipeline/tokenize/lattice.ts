// kuromoji-ko's lattice and Viterbi search, reading the sentence in place. The original
// (ViterbiBuilder, ViterbiSearcher and Tokenizer.tokenizeForSentence in kuromoji-ko 1.0.8,
// Apache-2.0, © its authors, itself a port of kuromoji.js © Takuya Asano and Atilika Inc.,
// Apache-2.0) copies the rest of the sentence at every position, re-encodes it to UTF-8 for the
// dictionary trie, re-indexes its surrogates (quadratic in the sentence), makes an object per
// lattice node and decodes each token's features from UTF-8 again. This one encodes the sentence
// once, walks the trie's arrays from each position, keeps the lattice in reused typed arrays (no
// object per node), and remembers each entry's decoded features. The word-id → token-info map is
// typed arrays too (a 119 MB object in the original, 9 MB here; the object is released). It
// builds the very lattice of the original, node for node and in the same order, searches it with
// the same arithmetic and tie-breaking, and formats the best path with kuromoji-ko's own
// formatter (test/tokenize/lattice.test.ts compares the tokens on thousands of KLUE sentences);
// useInPlaceLattice() installs it on a built tokenizer.
import type { KoreanToken, Tokenizer } from 'kuromoji-ko';

/** The parts of kuromoji-ko's internals read here (not in its type declarations). */
interface ByteBuffer {
  getShort(index: number): number;
}
interface CharClass {
  class_id: number;
  class_name: string;
  is_always_invoke: number;
  is_grouping: number;
}
interface EntryDictionary {
  dictionary: ByteBuffer;
  targetMap: Record<number, number[]>;
  getFeatures(id: number): string;
}
interface Internals {
  viterbiBuilder: { trie: { bc: { getBaseBuffer(): Int32Array; getCheckBuffer(): Int32Array } } };
  viterbiSearcher: { connectionCosts: { buffer: Int16Array; backwardDimension: number } };
  tokenInfoDictionary: EntryDictionary;
  unknownDictionary: EntryDictionary & { lookup(ch: string): CharClass | undefined };
  formatter: {
    formatEntry(id: number, position: number, type: string, features: string[]): KoreanToken;
    formatUnknownEntry(id: number, position: number, type: string, features: string[], surface: string): KoreanToken;
  };
  tokenizeForSentence(sentence: string, tokens?: KoreanToken[]): KoreanToken[];
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

const NOT_FOUND = -1;
const NONE = -1;
/** Entries whose split features are remembered, per dictionary; past it the memory starts over. */
const FEATURE_MEMO = 1 << 16;

/**
 * The lattice as arrays indexed by node (node 0 is BOS), reused from sentence to sentence. Like
 * the original's ViterbiNode: the entry id, its cost and connection ids, start_pos (1-based) and
 * length (a known word's in UTF-16 units, an unknown one's in code points, as the original has
 * them), whether it is known; plus the nodes ending at each position as linked lists in append order.
 */
class LatticeArrays {
  size = 0;
  entry = new Int32Array(1024);
  cost = new Int32Array(1024);
  left = new Int32Array(1024);
  right = new Int32Array(1024);
  start = new Int32Array(1024);
  length = new Int32Array(1024);
  known = new Uint8Array(1024);
  next = new Int32Array(1024);
  prev = new Int32Array(1024);
  shortest = new Float64Array(1024);
  head = new Int32Array(256);
  tail = new Int32Array(256);
  /** The original's eosPos before EOS: the furthest end position. */
  lastEnd = 1;
  /** The original's nodesEndAt.length before EOS. */
  ends = 1;

  reset(positions: number): void {
    if (this.head.length < positions) { this.head = new Int32Array(positions * 2); this.tail = new Int32Array(positions * 2); }
    this.head.fill(NONE, 0, positions);
    this.size = 0;
    this.lastEnd = 1;
    this.ends = 1;
    this.add(-1, 0, 0, 0, 0, 0, 1, 0); // BOS
    this.shortest[0] = 0;
  }

  /** ViterbiLattice.append: filed under its last position, start_pos + length - 1. */
  append(entry: number, cost: number, left: number, right: number, start: number, length: number, known: number): void {
    const end = start + length - 1;
    if (end > this.lastEnd) this.lastEnd = end;
    if (end + 1 > this.ends) this.ends = end + 1;
    this.add(entry, cost, left, right, start, length, known, end);
  }

  /** ViterbiLattice.appendEos: filed at nodesEndAt.length, with start_pos eosPos + 1 (the same position once a node is in). */
  appendEos(): number {
    this.add(-1, 0, 0, 0, this.lastEnd + 1, 0, 1, this.ends);
    return this.size - 1;
  }

  private add(entry: number, cost: number, left: number, right: number, start: number, length: number, known: number, end: number): void {
    if (this.size === this.entry.length) this.grow();
    const k = this.size++;
    this.entry[k] = entry; this.cost[k] = cost; this.left[k] = left; this.right[k] = right;
    this.start[k] = start; this.length[k] = length; this.known[k] = known;
    this.next[k] = NONE; this.prev[k] = NONE; this.shortest[k] = Number.MAX_VALUE;
    if (this.head[end] === NONE) this.head[end] = k; else this.next[this.tail[end]] = k;
    this.tail[end] = k;
  }

  private grow(): void {
    const bigger = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => { const b = new (a.constructor as new (n: number) => T)(a.length * 2); b.set(a); return b; };
    this.entry = bigger(this.entry); this.cost = bigger(this.cost); this.left = bigger(this.left); this.right = bigger(this.right);
    this.start = bigger(this.start); this.length = bigger(this.length); this.known = bigger(this.known);
    this.next = bigger(this.next); this.prev = bigger(this.prev); this.shortest = bigger(this.shortest);
  }
}

class InPlaceSearch {
  private readonly base: Int32Array;
  private readonly check: Int32Array;
  private readonly costs: Int16Array;
  private readonly backward: number;
  private readonly lattice = new LatticeArrays();
  private readonly features = [new Map<number, string[]>(), new Map<number, string[]>()];

  constructor(private readonly t: Internals, private readonly targets: TargetMap, private readonly original: Internals['tokenizeForSentence']) {
    this.base = t.viterbiBuilder.trie.bc.getBaseBuffer();
    this.check = t.viterbiBuilder.trie.bc.getCheckBuffer();
    this.costs = t.viterbiSearcher.connectionCosts.buffer;
    this.backward = t.viterbiSearcher.connectionCosts.backwardDimension;
  }

  private child(parent: number, code: number): number {
    const c = this.base[parent] + code;
    return c >= 0 && c < this.check.length && this.check[c] === parent ? c : NOT_FOUND;
  }

  /** Tokenizer.tokenizeForSentence: the best path's tokens appended to `tokens`. */
  tokenizeForSentence(sentence: string, tokens: KoreanToken[] = []): KoreanToken[] {
    const enc = encode(sentence);
    // A high surrogate without its low half: the original's UTF-8 encoder fails; let it fail its way.
    const path = enc && this.search(sentence, enc);
    if (!enc || !path) return this.original.call(this.t, sentence, tokens);
    // As in the original, every token's position is its start_pos after the last token's position.
    const lastPos = tokens.length > 0 ? tokens[tokens.length - 1].word_position : 0;
    const lat = this.lattice;
    for (const k of path) {
      const features = this.featuresOf(lat.known[k], lat.entry[k]);
      if (lat.known[k]) tokens.push(this.t.formatter.formatEntry(lat.entry[k], lastPos + lat.start[k], 'KNOWN', features));
      else {
        const surface = sentence.slice(enc.cpStart[lat.start[k] - 1], enc.cpStart[lat.start[k] - 1 + lat.length[k]]);
        tokens.push(this.t.formatter.formatUnknownEntry(lat.entry[k], lastPos + lat.start[k], 'UNKNOWN', features, surface));
      }
    }
    return tokens;
  }

  /** An entry's features, split as the original splits them, from the known (1) or unknown (0) words' dictionary. */
  private featuresOf(known: number, id: number): string[] {
    const memo = this.features[known];
    let found = memo.get(id);
    if (!found) {
      const line = (known ? this.t.tokenInfoDictionary : this.t.unknownDictionary).getFeatures(id);
      found = line ? line.split(',') : [];
      if (memo.size >= FEATURE_MEMO) memo.clear();
      memo.set(id, found);
    }
    return found;
  }

  /**
   * Builds the lattice and returns the best path's nodes, BOS and EOS excluded (empty where the
   * original finds none); null for a lattice without nodes, whose search the original does its own way.
   */
  private search(sentence: string, enc: Encoded): number[] | null {
    const lat = this.lattice;
    this.build(sentence, enc);
    if (lat.size === 1) return null;
    const eos = lat.appendEos();
    const eosStart = lat.start[eos];
    for (let i = 1; i <= eosStart; i++) {
      for (let k = lat.head[i]; k !== NONE; k = lat.next[k]) {
        const before = lat.start[k] - 1;
        if (before < 0 || lat.head[before] === NONE) continue;
        let cost = Number.MAX_VALUE;
        let best = NONE;
        for (let p = lat.head[before]; p !== NONE; p = lat.next[p]) {
          const index = lat.right[p] * this.backward + lat.left[k] + 2;
          if (this.costs.length < index + 1) throw new Error('ConnectionCosts buffer overflow');
          const total = lat.shortest[p] + this.costs[index] + lat.cost[k];
          if (total < cost) { best = p; cost = total; }
        }
        lat.prev[k] = best;
        lat.shortest[k] = cost;
      }
    }
    const path: number[] = [];
    for (let k = lat.prev[eos]; k !== 0; k = lat.prev[k]) {
      if (k === NONE) return [];
      path.push(k);
    }
    return path.reverse();
  }

  private build(sentence: string, enc: Encoded): void {
    const { bytes, cpStart, byteStart, cpAtByte } = enc;
    const n = cpStart.length - 1; // code points
    const known = this.t.tokenInfoDictionary.dictionary;
    const unknown = this.t.unknownDictionary;
    const lat = this.lattice;
    lat.reset(sentence.length + 3);
    const char = (p: number) => sentence.slice(cpStart[p], cpStart[p + 1]);

    // Classes of the characters, and where a run of one class that starts at each position ends.
    const classes: (CharClass | undefined)[] = new Array(n);
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
        if (endCp < 0) throw new Error('kuromoji-ko lattice: a dictionary word ends inside a character');
        const keyLength = cpStart[endCp] - cpStart[pos];
        if (word < 0 || word + 1 >= this.targets.offsets.length) continue;
        for (let k = this.targets.offsets[word]; k < this.targets.offsets[word + 1]; k++) {
          const id = this.targets.ids[k];
          lat.append(id, known.getShort(id + 4), known.getShort(id), known.getShort(id + 2), pos + 1, keyLength, 1);
        }
      }
      // Unknown words: where no dictionary word starts, or the class always invokes them.
      const head = classes[pos];
      if (found === 0 || (head && head.is_always_invoke === 1)) {
        if (!head) continue;
        const end = head.is_grouping === 1 ? runEnd[pos] : pos + 1;
        const unkIds = unknown.targetMap[head.class_id];
        if (!unkIds) continue;
        for (const id of unkIds) lat.append(id, unknown.dictionary.getShort(id + 4), unknown.dictionary.getShort(id), unknown.dictionary.getShort(id + 2), pos + 1, end - pos, 0);
      }
    }
  }
}

/**
 * The sentence as the original reads it: code points (a high surrogate always takes the next
 * unit with it), their UTF-8 bytes (a lone low surrogate encodes as 3 bytes), the UTF-16 and
 * byte offset of each code point, and the code point starting at each byte (-1 inside one);
 * null where the original's encoder gives up (a high surrogate not followed by a low one).
 */
interface Encoded {
  bytes: Uint8Array;
  cpStart: Int32Array;
  byteStart: Int32Array;
  cpAtByte: Int32Array;
}

function encode(s: string): Encoded | null {
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

/**
 * Replaces a built kuromoji-ko tokenizer's lattice search with the in-place one; returns the
 * tokenizer. Without `targets` the word-id map is packed from the tokenizer's own (which is then
 * released); a tokenizer built over shared arrays (korean-dict.ts) passes the packed map it has.
 */
export function useInPlaceLattice(tokenizer: Tokenizer, targets?: TargetMap): Tokenizer {
  const t = tokenizer as unknown as Internals;
  if (!targets) {
    targets = packTargetMap(t.tokenInfoDictionary.targetMap);
    t.tokenInfoDictionary.targetMap = {};
  }
  const search = new InPlaceSearch(t, targets, t.tokenizeForSentence);
  t.tokenizeForSentence = (sentence, tokens) => search.tokenizeForSentence(sentence, tokens);
  return tokenizer;
}
