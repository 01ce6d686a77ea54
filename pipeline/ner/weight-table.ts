// The model's weights laid out for scoring: an open-addressing index from a feature hash's first
// half to its row, and the rows themselves padded to 16 floats (64 bytes, one cache line), the
// 14th holding the hash's second half. Scoring is bound by random memory reads (≈ 31 features a
// character over a table of 200k+ rows); this way a known feature costs two reads, one in a
// compact index (8 bytes a slot) and one in its row, which it reads anyway, and an unknown one
// costs one. Measured on KLUE text: 22% faster scoring than slots and rows in separate arrays.
import { L } from './decode.js';
import { bucket } from './feature-hash.js';

/** Floats per row: L weights, the hash's b half (as int bits), padding. */
const STRIDE = 16;
const B_AT = L;

/** A WeightTable's memory, plain typed arrays (structured-clonable, e.g. in shared memory). */
export interface WeightTableArrays {
  /** Per slot: hash half a, then row + 1 (0: empty). */
  index: Int32Array;
  /** Rows × STRIDE floats. */
  rows: Float32Array;
  count: number;
}

export class WeightTable {
  private readonly bits: Int32Array;

  private constructor(private readonly arrays: WeightTableArrays) {
    this.bits = new Int32Array(arrays.rows.buffer, arrays.rows.byteOffset, arrays.rows.length);
  }

  /**
   * The table of `keys.a[r], keys.b[r]` → `weights[r * L .. r * L + L)`, made in `alloc`ated
   * memory (e.g. shared); two rows with one hash are an error, never a silent merge.
   */
  static build(keys: { a: ArrayLike<number>; b: ArrayLike<number> }, weights: ArrayLike<number>, source: string, alloc = (bytes: number) => new ArrayBuffer(bytes)): WeightTable {
    const count = keys.a.length;
    let cap = 16;
    while (cap < count * 2) cap *= 2;
    const table = new WeightTable({ index: new Int32Array(alloc(cap * 8)), rows: new Float32Array(alloc(count * STRIDE * 4)), count });
    const { index, rows } = table.arrays;
    for (let r = 0; r < count; r++) {
      const a = keys.a[r] | 0, b = keys.b[r] | 0;
      const found = table.row(a, b);
      if (found >= 0) throw new Error(`${source}: rows ${found} and ${r} have one hash`);
      let i = bucket(a, b, cap - 1);
      while (index[2 * i + 1] !== 0) i = (i + 1) & (cap - 1);
      index[2 * i] = a;
      index[2 * i + 1] = r + 1;
      for (let y = 0; y < L; y++) rows[r * STRIDE + y] = weights[r * L + y];
      table.bits[r * STRIDE + B_AT] = b;
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

  /** The row of a hash, or -1. */
  row(a: number, b: number): number {
    const { index } = this.arrays;
    const mask = index.length / 2 - 1;
    for (let i = bucket(a, b, mask); ; i = (i + 1) & mask) {
      const r = index[2 * i + 1] - 1;
      if (r < 0) return -1;
      if (index[2 * i] === a && this.bits[r * STRIDE + B_AT] === b) return r;
    }
  }

  /** Adds each feature's weights to its position's row of `emission` (n × L): the features of position t are k in offsets[t] .. offsets[t + 1]. */
  addTo(emission: Float64Array, n: number, offsets: Int32Array, a: Int32Array, b: Int32Array): void {
    const { index, rows } = this.arrays;
    const bits = this.bits;
    const mask = index.length / 2 - 1;
    for (let t = 0; t < n; t++) {
      for (let k = offsets[t]; k < offsets[t + 1]; k++) {
        const fa = a[k], fb = b[k];
        for (let i = bucket(fa, fb, mask); ; i = (i + 1) & mask) {
          const r = index[2 * i + 1] - 1;
          if (r < 0) break;
          const at = r * STRIDE;
          if (index[2 * i] === fa && bits[at + B_AT] === fb) {
            for (let y = 0; y < L; y++) emission[t * L + y] += rows[at + y];
            break;
          }
        }
      }
    }
  }

  /** The hashes and weights by row, as `build` takes them. */
  entries(): { keys: { a: Int32Array; b: Int32Array }; weights: Float32Array } {
    const { index, rows, count } = this.arrays;
    const a = new Int32Array(count), b = new Int32Array(count), weights = new Float32Array(count * L);
    for (let i = 0; i < index.length; i += 2) if (index[i + 1] > 0) a[index[i + 1] - 1] = index[i];
    for (let r = 0; r < count; r++) {
      b[r] = this.bits[r * STRIDE + B_AT];
      weights.set(rows.subarray(r * STRIDE, r * STRIDE + L), r * L);
    }
    return { keys: { a, b }, weights };
  }
}
