// The model's weights laid out for scoring: an open-addressing index from a feature hash's first
// half to its row, and the rows packed one after another, each holding the hash's second half, a
// bit mask of the labels with a non-zero weight and those weights (a row has 2.7 of 13 on
// average). Scoring is bound by random memory reads (≈ 31 features a character over 200k+ rows,
// while the tokenizer's dictionary competes for the cache): a known feature costs two reads, one
// in the compact index (8 bytes a slot) and one in its row (19 bytes on average), an unknown one
// costs one, and the whole table takes 8 MB instead of the 17 MB of dense rows. Skipping zero
// weights leaves every sum exactly as it was (x + 0 === x).
import { L } from './decode.js';
import { bucket } from './feature-hash.js';
import type { Scratch } from './scratch.js';

/** A WeightTable's memory, plain typed arrays (structured-clonable, e.g. in shared memory). */
export interface WeightTableArrays {
  /** Per slot: hash half a, then the row's offset in `data` + 1 (0: empty). */
  index: Int32Array;
  /** Rows: hash half b, label mask, then one float32 (as its bits) per label in the mask, ascending. */
  data: Int32Array;
  count: number;
}

export class WeightTable {
  private readonly weights: Float32Array;

  private constructor(private readonly arrays: WeightTableArrays) {
    this.weights = new Float32Array(arrays.data.buffer, arrays.data.byteOffset, arrays.data.length);
  }

  /**
   * The table of `keys.a[r], keys.b[r]` → `weights[r * L .. r * L + L)`, made in `alloc`ated
   * memory (e.g. shared); two rows with one hash are an error, never a silent merge.
   */
  static build(keys: { a: ArrayLike<number>; b: ArrayLike<number> }, weights: ArrayLike<number>, source: string, alloc = (bytes: number) => new ArrayBuffer(bytes)): WeightTable {
    const count = keys.a.length;
    let cap = 16;
    while (cap < count * 2) cap *= 2;
    let units = 0;
    for (let k = 0; k < count * L; k++) if (weights[k] !== 0) units++;
    const table = new WeightTable({ index: new Int32Array(alloc(cap * 8)), data: new Int32Array(alloc((2 * count + units) * 4)), count });
    const { index, data } = table.arrays;
    let at = 0;
    for (let r = 0; r < count; r++) {
      const a = keys.a[r] | 0, b = keys.b[r] | 0;
      if (table.offset(a, b) >= 0) throw new Error(`${source}: two rows have the hash of row ${r}`);
      let i = bucket(a, b, cap - 1);
      while (index[2 * i + 1] !== 0) i = (i + 1) & (cap - 1);
      index[2 * i] = a;
      index[2 * i + 1] = at + 1;
      data[at] = b;
      let mask = 0, w = at + 2;
      for (let y = 0; y < L; y++) {
        if (weights[r * L + y] === 0) continue;
        mask |= 1 << y;
        table.weights[w++] = weights[r * L + y];
      }
      data[at + 1] = mask;
      at = w;
    }
    return table;
  }

  /** A table over these arrays, not copied (they are only read). */
  static over(arrays: WeightTableArrays): WeightTable {
    return new WeightTable(arrays);
  }

  get memory(): WeightTableArrays {
    return this.arrays;
  }

  get size(): number {
    return this.arrays.count;
  }

  /** Where a hash's row starts in `data`, or -1. */
  private offset(a: number, b: number): number {
    const { index, data } = this.arrays;
    const mask = index.length / 2 - 1;
    for (let i = bucket(a, b, mask); ; i = (i + 1) & mask) {
      const at = index[2 * i + 1] - 1;
      if (at < 0) return -1;
      if (index[2 * i] === a && data[at] === b) return at;
    }
  }

  /**
   * Adds each feature's weights to its position's row of `emission` (n × L): the features of
   * position t are k in offsets[t] .. offsets[t + 1]. In passes over all features rather than one
   * feature at a time: first the slots (arithmetic), then the index reads, then the rows' hash
   * halves, then the weights (beside them). Each
   * pass is a short loop whose memory reads do not wait for one another, so the processor keeps
   * many of them in flight; the table is too big to stay in cache while the tokenizer's dictionary
   * runs between sentences, and one read at a time waited for memory each time.
   */
  addTo(emission: Float64Array, n: number, offsets: Int32Array, a: Int32Array, b: Int32Array, scratch: Scratch): void {
    const { index, data } = this.arrays;
    const weights = this.weights;
    const mask = index.length / 2 - 1;
    const m = offsets[n];
    const found = scratch.int('rows', m);
    for (let k = 0; k < m; k++) found[k] = bucket(a[k], b[k], mask);
    for (let k = 0; k < m; k++) {
      const fa = a[k];
      let i = found[k], at = index[2 * i + 1] - 1;
      while (at >= 0 && index[2 * i] !== fa) {
        i = (i + 1) & mask;
        at = index[2 * i + 1] - 1;
      }
      found[k] = at;
    }
    for (let k = 0; k < m; k++) {
      const at = found[k];
      // The first slot with this a half may be another feature's: then look the whole hash up.
      if (at >= 0 && data[at] !== b[k]) found[k] = this.offset(a[k], b[k]);
    }
    for (let t = 0; t < n; t++) {
      for (let k = offsets[t]; k < offsets[t + 1]; k++) {
        const at = found[k];
        if (at < 0) continue;
        let w = at + 2;
        for (let labels = data[at + 1]; labels !== 0; labels &= labels - 1) emission[t * L + 31 - Math.clz32(labels & -labels)] += weights[w++];
      }
    }
  }

  /** The hashes and weights by row, as `build` takes them. */
  entries(): { keys: { a: Int32Array; b: Int32Array }; weights: Float32Array } {
    const { index, data, count } = this.arrays;
    const a = new Int32Array(count), b = new Int32Array(count), weights = new Float32Array(count * L);
    const rows: [offset: number, a: number][] = [];
    for (let i = 0; i < index.length; i += 2) if (index[i + 1] > 0) rows.push([index[i + 1] - 1, index[i]]);
    // Rows were packed in row order, so their offsets sorted give the rows in order.
    rows.sort((x, y) => x[0] - y[0]).forEach(([at, ha], r) => {
      a[r] = ha;
      b[r] = data[at];
      let w = at + 2;
      for (let y = 0; y < L; y++) if (data[at + 1] & (1 << y)) weights[r * L + y] = this.weights[w++];
    });
    return { keys: { a, b }, weights };
  }
}
