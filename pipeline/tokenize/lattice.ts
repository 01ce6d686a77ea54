// kuromoji-ko's and kuromoji's lattice and Viterbi search, reading the sentence in place. The
// original (ViterbiBuilder, ViterbiSearcher and Tokenizer.tokenizeForSentence in kuromoji-ko
// 1.0.8, Apache-2.0, © its authors, itself a port of the same code in kuromoji.js 0.1.2, © Takuya
// Asano and Atilika Inc., Apache-2.0) copies the rest of the sentence at every position,
// re-encodes it to UTF-8 for the dictionary trie, re-indexes its surrogates (quadratic in the
// sentence), makes an object per lattice node and decodes each token's features from UTF-8 again.
// This one encodes the sentence once, walks the trie's arrays from each position, keeps the
// lattice in reused typed arrays (no object per node), and remembers each entry's decoded
// features. The word-id → token-info map is typed arrays too (a 119 MB object in kuromoji-ko,
// 9 MB here; the object is released). It builds the very lattice of the original, node for node
// and in the same order, searches it with the same arithmetic and tie-breaking, and formats the
// best path with the package's own formatter (test/tokenize/lattice.test.ts and ipadic.test.ts
// compare the tokens); useInPlaceLattice() installs it on a built kuromoji-ko tokenizer,
// japanese-dict.ts on kuromoji. The two packages' code is the same under other names but for two
// things (SearchParts): kuromoji measures a grouped unknown word of more than one character in
// UTF-16 units (its key turns into a plain string there), so that a run holding a surrogate pair
// ends later in its lattice; and it splits an empty feature line into one empty feature.
import type { KoreanToken, Tokenizer } from 'kuromoji-ko';

/** The parts of the packages' internals read here (not in their type declarations). */
export interface ByteBuffer {
  getShort(index: number): number;
}
export interface CharClass {
  class_id: number;
  class_name: string;
  is_always_invoke: number;
  is_grouping: number;
}
interface EntryDictionary {
  dictionary: ByteBuffer;
  getFeatures(id: number): string;
}
/** A token as both packages' formatters make it (the fields read here). */
interface FormattedToken {
  word_position: number;
}
export interface Formatter<T extends FormattedToken> {
  formatEntry(id: number, position: number, type: string, features: string[]): T;
  formatUnknownEntry(id: number, position: number, type: string, features: string[], surface: string): T;
}

/** What the search reads, taken from either package's tokenizer. */
export interface SearchParts<T extends FormattedToken> {
  /** The dictionary trie's arrays (a doublearray DoubleArray's, as loaded). */
  base: Int32Array;
  check: Int32Array;
  /** The connection costs (two dimensions, then the matrix) and the backward dimension. */
  costs: Int16Array;
  backward: number;
  targets: TargetMap;
  known: EntryDictionary;
  unknown: EntryDictionary & { targets: Record<number, number[]>; lookup(ch: string): CharClass | null | undefined };
  formatter: Formatter<T>;
  /** The original tokenizeForSentence, for what it does its own way (text it cannot encode, a lattice without nodes). */
  original(sentence: string, tokens: T[]): T[];
  /** How the package splits a feature line. */
  splitFeatures(line: string): string[];
  /** kuromoji's measure of grouped unknown words (see the top of this file). */
  groupLengthInUnits: boolean;
}

/** kuromoji-ko's tokenizer, under its names there. */
interface KoreanInternals {
  viterbiBuilder: { trie: { bc: { getBaseBuffer(): Int32Array; getCheckBuffer(): Int32Array } } };
  viterbiSearcher: { connectionCosts: { buffer: Int16Array; backwardDimension: number } };
  tokenInfoDictionary: EntryDictionary & { targetMap: Record<number, number[]> };
  unknownDictionary: EntryDictionary & { targetMap: Record<number, number[]>; lookup(ch: string): CharClass | undefined };
  formatter: Formatter<KoreanToken>;
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

const NONE = -1;
/** Entries whose split features are remembered, per dictionary; past it the memory starts over. */
const FEATURE_MEMO = 1 << 16;

/**
 * The lattice as arrays indexed by node (node 0 is BOS), reused from sentence to sentence. Like
 * the original's ViterbiNode: the entry id, its cost and connection ids, start_pos (1-based) and
 * length (a known word's in UTF-16 units, an unknown one's in code points, or in UTF-16 units
 * for kuromoji's grouped ones, as the originals have them), whether it is known; plus the nodes
 * ending at each position as linked lists in append order.
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

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A ByteBuffer's bytes as 16-bit numbers, as its little-endian getShort reads them, where the platform and the bytes' alignment allow. */
function shortsOf(dictionary: ByteBuffer): Int16Array | null {
  const bytes = (dictionary as { buffer?: unknown }).buffer;
  if (!LITTLE_ENDIAN || !(bytes instanceof Uint8Array) || bytes.byteOffset % 2 !== 0) return null;
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
}

/** The trie walk's arrays (InPlaceSearch.walk), reused from sentence to sentence. */
class TrieWalk {
  node = new Int32Array(256);
  at = new Int32Array(256);
  active = new Int32Array(256);
  terminals = new Int32Array(256);
  first = new Int32Array(257);
  /** The words by position (after byPosition): end byte and word id. */
  end = new Int32Array(1024);
  word = new Int32Array(1024);
  /** The words in the order found: position, end byte, word id. */
  private found = new Int32Array(3 * 1024);
  private count = 0;
  private n = 0;

  reset(n: number): this {
    if (this.node.length < n) {
      const size = 2 * n;
      this.node = new Int32Array(size); this.at = new Int32Array(size); this.active = new Int32Array(size);
      this.terminals = new Int32Array(size); this.first = new Int32Array(size + 1);
    }
    this.terminals.fill(0, 0, n);
    this.count = 0;
    this.n = n;
    return this;
  }

  hit(pos: number, end: number, word: number): void {
    if (3 * this.count === this.found.length) {
      const found = new Int32Array(this.found.length * 2);
      found.set(this.found);
      this.found = found;
    }
    this.found[3 * this.count] = pos;
    this.found[3 * this.count + 1] = end;
    this.found[3 * this.count++ + 2] = word;
  }

  /** Orders the words by position, each position's in the order found (a stable counting sort). */
  byPosition(): this {
    const { n, count, found, first } = this;
    if (this.end.length < count) { this.end = new Int32Array(2 * count); this.word = new Int32Array(2 * count); }
    first.fill(0, 0, n + 1);
    for (let h = 0; h < count; h++) first[found[3 * h] + 1]++;
    for (let p = 0; p < n; p++) first[p + 1] += first[p];
    const next = this.active; // free now: the next slot of each position
    next.set(first.subarray(0, n));
    for (let h = 0; h < count; h++) {
      const k = next[found[3 * h]]++;
      this.end[k] = found[3 * h + 1];
      this.word[k] = found[3 * h + 2];
    }
    return this;
  }
}

/** The lattice built and searched in place: tokenizeForSentence(sentence) gives the original's tokens. */
export class InPlaceSearch<T extends FormattedToken> {
  private readonly base: Int32Array;
  private readonly check: Int32Array;
  private readonly lattice = new LatticeArrays();
  private readonly trieWalk = new TrieWalk();
  private readonly features = [new Map<number, string[]>(), new Map<number, string[]>()];

  /** The known words' entries as 16-bit numbers (left id, right id, cost at an entry's offset / 2), or null where they cannot be viewed so. */
  private readonly knownShorts: Int16Array | null;

  constructor(private readonly parts: SearchParts<T>) {
    this.base = parts.base;
    this.check = parts.check;
    this.knownShorts = shortsOf(parts.known.dictionary);
  }

  /** Tokenizer.tokenizeForSentence: the best path's tokens appended to `tokens`. */
  tokenizeForSentence(sentence: string, tokens: T[] = []): T[] {
    const enc = encode(sentence);
    // A high surrogate without its low half: the original's UTF-8 encoder fails; let it fail its way.
    const path = enc && this.search(sentence, enc);
    if (!enc || !path) return this.parts.original(sentence, tokens);
    // As in the original, every token's position is its start_pos after the last token's position.
    const lastPos = tokens.length > 0 ? tokens[tokens.length - 1].word_position : 0;
    const lat = this.lattice;
    for (const k of path) {
      const features = this.featuresOf(lat.known[k], lat.entry[k]);
      if (lat.known[k]) tokens.push(this.parts.formatter.formatEntry(lat.entry[k], lastPos + lat.start[k], 'KNOWN', features));
      else tokens.push(this.parts.formatter.formatUnknownEntry(lat.entry[k], lastPos + lat.start[k], 'UNKNOWN', features, this.unknownSurface(sentence, enc, k)));
    }
    return tokens;
  }

  /** An unknown word's characters: its length counts code points, or UTF-16 units where kuromoji's does (more than one character). */
  private unknownSurface(sentence: string, enc: Encoded, k: number): string {
    const from = this.lattice.start[k] - 1;
    const length = this.lattice.length[k];
    if (length > 1 && this.parts.groupLengthInUnits) return sentence.slice(enc.cpStart[from], enc.cpStart[from] + length);
    return sentence.slice(enc.cpStart[from], enc.cpStart[from + length]);
  }

  /** An entry's features, split as the original splits them, from the known (1) or unknown (0) words' dictionary. */
  private featuresOf(known: number, id: number): string[] {
    const memo = this.features[known];
    let found = memo.get(id);
    if (!found) {
      found = this.parts.splitFeatures((known ? this.parts.known : this.parts.unknown).getFeatures(id));
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
    const { costs, backward } = this.parts;
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
          const index = lat.right[p] * backward + lat.left[k] + 2;
          if (costs.length < index + 1) throw new Error('ConnectionCosts buffer overflow');
          const total = lat.shortest[p] + costs[index] + lat.cost[k];
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
    const { cpStart, cpAtByte } = enc;
    const n = cpStart.length - 1; // code points
    const known = this.parts.known.dictionary;
    const { unknown, targets } = this.parts;
    const shorts = this.knownShorts;
    // ByteBuffer.getShort, read straight from the aligned view where it can be.
    const short = (at: number) => (shorts && (at & 1) === 0 && at >> 1 < shorts.length ? shorts[at >> 1] : known.getShort(at));
    const lat = this.lattice;
    lat.reset(sentence.length + 3);
    const char = (p: number) => sentence.slice(cpStart[p], cpStart[p + 1]);

    // Classes of the characters, and where a run of one class that starts at each position ends.
    const classes: (CharClass | null | undefined)[] = new Array(n);
    for (let p = 0; p < n; p++) classes[p] = unknown.lookup(char(p));
    const runEnd = new Int32Array(n);
    for (let p = n - 1; p >= 0; p--) {
      const next = classes[p + 1];
      runEnd[p] = p + 1 < n && next && classes[p] && next.class_name === classes[p]!.class_name ? runEnd[p + 1] : p + 1;
    }

    const walk = this.walk(enc, n);
    for (let pos = 0; pos < n; pos++) {
      // Dictionary words starting here, shortest first.
      for (let h = walk.first[pos]; h < walk.first[pos + 1]; h++) {
        const word = walk.word[h];
        const endCp = cpAtByte[walk.end[h]];
        if (endCp < 0) throw new Error('lattice: a dictionary word ends inside a character');
        const keyLength = cpStart[endCp] - cpStart[pos];
        if (word < 0 || word + 1 >= targets.offsets.length) continue;
        for (let k = targets.offsets[word]; k < targets.offsets[word + 1]; k++) {
          const id = targets.ids[k];
          lat.append(id, short(id + 4), short(id), short(id + 2), pos + 1, keyLength, 1);
        }
      }
      const found = walk.terminals[pos];
      // Unknown words: where no dictionary word starts, or the class always invokes them.
      const head = classes[pos];
      if (found === 0 || (head && head.is_always_invoke === 1)) {
        if (!head) continue;
        const end = head.is_grouping === 1 ? runEnd[pos] : pos + 1;
        const length = this.parts.groupLengthInUnits && end - pos > 1 ? cpStart[end] - cpStart[pos] : end - pos;
        const unkIds = unknown.targets[head.class_id];
        if (!unkIds) continue;
        for (const id of unkIds) lat.append(id, unknown.dictionary.getShort(id + 4), unknown.dictionary.getShort(id), unknown.dictionary.getShort(id + 2), pos + 1, length, 0);
      }
    }
  }

  /**
   * The dictionary words starting at each code point, found as the original finds them (every
   * terminal along the trie path from there, shortest first), but walked for all positions one
   * byte at a time: the trie's arrays are too big for the cache, and the reads of different
   * positions do not depend on one another, so the processor overlaps them instead of waiting
   * for each. Per position: the terminals met, and its words (word id, end byte) at
   * first[pos] .. first[pos + 1].
   */
  private walk(enc: Encoded, n: number): TrieWalk {
    const { bytes, byteStart } = enc;
    const { base, check } = this;
    const w = this.trieWalk.reset(n);
    const { node, at, active, terminals } = w;
    let count = 0;
    for (let pos = 0; pos < n; pos++) {
      node[pos] = 0;
      at[pos] = byteStart[pos];
      if (at[pos] < bytes.length) active[count++] = pos;
    }
    while (count > 0) {
      let kept = 0;
      for (let j = 0; j < count; j++) {
        const pos = active[j];
        const b = at[pos], parent = node[pos];
        const c = base[parent] + bytes[b];
        if (!(c >= 0 && c < check.length && check[c] === parent)) continue;
        node[pos] = c;
        const leaf = base[c];
        if (leaf >= 0 && leaf < check.length && check[leaf] === c) {
          terminals[pos]++;
          const v = base[leaf];
          if (v <= 0) w.hit(pos, b + 1, -v - 1); // a terminal that is not a leaf (v > 0) carries no word id
        }
        at[pos] = b + 1;
        if (b + 1 < bytes.length) active[kept++] = pos;
      }
      count = kept;
    }
    return w.byPosition();
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
  const t = tokenizer as unknown as KoreanInternals;
  if (!targets) {
    targets = packTargetMap(t.tokenInfoDictionary.targetMap);
    t.tokenInfoDictionary.targetMap = {};
  }
  const original = t.tokenizeForSentence;
  const unknown = t.unknownDictionary;
  const search = new InPlaceSearch<KoreanToken>({
    base: t.viterbiBuilder.trie.bc.getBaseBuffer(),
    check: t.viterbiBuilder.trie.bc.getCheckBuffer(),
    costs: t.viterbiSearcher.connectionCosts.buffer,
    backward: t.viterbiSearcher.connectionCosts.backwardDimension,
    targets,
    known: t.tokenInfoDictionary,
    unknown: { dictionary: unknown.dictionary, getFeatures: (id) => unknown.getFeatures(id), targets: unknown.targetMap, lookup: (ch) => unknown.lookup(ch) },
    formatter: t.formatter,
    original: (sentence, tokens) => original.call(t, sentence, tokens),
    splitFeatures: (line) => (line ? line.split(',') : []),
    groupLengthInUnits: false,
  });
  t.tokenizeForSentence = (sentence, tokens) => search.tokenizeForSentence(sentence, tokens);
  return tokenizer;
}
