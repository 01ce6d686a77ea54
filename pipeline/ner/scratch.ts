// Scratch memory for the NER stage's per-sentence work: a sentence takes several arrays of n or
// n × L numbers (features, scores, decoding), and allocating (and later freeing) them for every
// sentence cost more than filling them. One Scratch per thread, reused from sentence to sentence:
// what a call given one returns may point into it, and is valid until the next call given it;
// calls without one allocate their own.
import { FeatureHasher } from './feature-hash.js';

export class Scratch {
  private readonly floats = new Map<string, Float64Array>();
  private readonly ints = new Map<string, Int32Array>();
  private featureHasher: FeatureHasher | null = null;

  /** `size` zeros, as the array named `name`. */
  float(name: string, size: number): Float64Array {
    return zeroed(this.floats, name, size, (n) => new Float64Array(n));
  }

  int(name: string, size: number): Int32Array {
    return zeroed(this.ints, name, size, (n) => new Int32Array(n));
  }

  /** The feature hasher, reset for a sentence of `n` positions. */
  hasher(n: number): FeatureHasher {
    return (this.featureHasher ??= new FeatureHasher()).reset(n);
  }
}

function zeroed<T extends Float64Array | Int32Array>(pool: Map<string, T>, name: string, size: number, make: (n: number) => T): T {
  let a = pool.get(name);
  if (!a || a.length < size) {
    a = make(Math.max(size, 2 * (a?.length ?? 0), 256));
    pool.set(name, a);
  } else a.fill(0, 0, size);
  return a.subarray(0, size) as T;
}
