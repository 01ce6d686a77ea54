// NER features as 64-bit hashes of their names, computed while walking the text: the state after
// a fixed prefix ("c-1c0=") is computed once, then the UTF-16 units of the varying parts are folded
// in, so no string is built and no fresh string is looked up per feature. hashName(name) gives the
// same hash from a whole name (model conversion, tests). A hash is two 32-bit halves, each a
// bijective multiply–xorshift step per unit; the model's table checks both halves, and the model
// and trainer refuse two names with one hash (pipeline/ner/model.ts), so a collision can only make
// an unseen feature count as a known one, with probability ~ rows / 2^64 per lookup.

/** The hash state after some prefix of a name. */
export interface HashState {
  readonly a: number;
  readonly b: number;
}

const SEED: HashState = { a: 0x811c9dc5, b: 0x27d4eb2f };

function stepA(h: number, unit: number): number {
  h = Math.imul(h ^ unit, 0x85ebca6b);
  return h ^ (h >>> 13);
}

function stepB(h: number, unit: number): number {
  h = Math.imul(h ^ unit, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The state after `text`, continuing from `from`. */
export function hashState(text: string, from: HashState = SEED): HashState {
  let { a, b } = from;
  for (let k = 0; k < text.length; k++) {
    a = stepA(a, text.charCodeAt(k));
    b = stepB(b, text.charCodeAt(k));
  }
  return { a, b };
}

/** The hash of a whole feature name. */
export const hashName = (name: string): HashState => hashState(name);

/**
 * Features of a sentence, position by position: the hashes of position t are
 * (a[k], b[k]) for k in offsets[t] .. offsets[t+1], in the order the features were emitted
 * (the order in which the model adds their weights).
 */
export interface HashedFeatures {
  n: number;
  offsets: Int32Array;
  a: Int32Array;
  b: Int32Array;
}

/**
 * Builds HashedFeatures: reset(n), then begin(prefix), fold units and strings in, emit();
 * endPosition() after each position. A hasher is reused from sentence to sentence (its arrays
 * only grow), so what finish() returns points into them and is valid until the next reset().
 */
export class FeatureHasher {
  private a = 0;
  private b = 0;
  private ha = new Int32Array(1024);
  private hb = new Int32Array(1024);
  private count = 0;
  private offsets = new Int32Array(64);
  private n = 0;
  private t = 0;

  reset(n: number): this {
    if (this.offsets.length < n + 1) this.offsets = new Int32Array(2 * (n + 1));
    this.offsets[0] = 0;
    this.n = n;
    this.t = 0;
    this.count = 0;
    return this;
  }

  begin(prefix: HashState): this {
    this.a = prefix.a;
    this.b = prefix.b;
    return this;
  }

  unit(u: number): this {
    this.a = stepA(this.a, u);
    this.b = stepB(this.b, u);
    return this;
  }

  str(s: string): this {
    for (let k = 0; k < s.length; k++) this.unit(s.charCodeAt(k));
    return this;
  }

  /** Units text[start .. end). */
  slice(text: string, start: number, end: number): this {
    for (let k = start; k < end; k++) this.unit(text.charCodeAt(k));
    return this;
  }

  emit(): void {
    this.push(this.a, this.b);
  }

  /** A feature whose whole name is a prefix state. */
  emitState(h: HashState): void {
    this.push(h.a, h.b);
  }

  /** Ends the current position: what was emitted since the last call belongs to it. */
  endPosition(): void {
    this.offsets[++this.t] = this.count;
  }

  finish(): HashedFeatures {
    if (this.t !== this.n) throw new Error(`feature hasher: ${this.t} positions ended, expected ${this.n}`);
    return { n: this.n, offsets: this.offsets.subarray(0, this.n + 1), a: this.ha.subarray(0, this.count), b: this.hb.subarray(0, this.count) };
  }

  private push(a: number, b: number): void {
    if (this.count === this.ha.length) {
      const grow = (old: Int32Array) => { const x = new Int32Array(old.length * 2); x.set(old); return x; };
      this.ha = grow(this.ha);
      this.hb = grow(this.hb);
    }
    this.ha[this.count] = a;
    this.hb[this.count] = b;
    this.count++;
  }
}

/** Bucket of a hash in a power-of-two table (a final mix so both halves spread). */
export function bucket(a: number, b: number, mask: number): number {
  let h = Math.imul(a ^ (b >>> 15), 0x2c1b3c6d) ^ b;
  h ^= h >>> 16;
  return h & mask;
}

/** Units per slot: a, b, row + 1 (0: empty) and one unused, so that a slot never straddles a cache line. */
const SLOT = 4;

/** Open-addressing table from feature hash to row (0, 1, 2, ... in insertion order): the trainer's feature ids. */
export class FeatureTable {
  private constructor(
    private slots: Int32Array,
    private count: number,
  ) {}

  static withCapacity(expected: number): FeatureTable {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    return new FeatureTable(new Int32Array(cap * SLOT), 0);
  }

  get size(): number {
    return this.count;
  }

  /** The row of a hash, or -1. */
  get(a: number, b: number): number {
    const slots = this.slots;
    const wrap = slots.length - 1; // slots.length is a power of two
    for (let i = bucket(a, b, slots.length / SLOT - 1) * SLOT; ; i = (i + SLOT) & wrap) {
      const r = slots[i + 2];
      if (r === 0) return -1;
      if (slots[i] === a && slots[i + 1] === b) return r - 1;
    }
  }

  /** The row of a hash, added (as the next row) when absent. */
  add(a: number, b: number): number {
    const r = this.get(a, b);
    if (r >= 0) return r;
    if ((this.count + 1) * 2 * SLOT > this.slots.length) this.grow();
    this.insertAt(a, b, this.count);
    return this.count++;
  }

  /** The hashes by row: keys.a[r], keys.b[r]. */
  keys(): { a: Int32Array; b: Int32Array } {
    const a = new Int32Array(this.count), b = new Int32Array(this.count);
    for (let i = 0; i < this.slots.length; i += SLOT) {
      const r = this.slots[i + 2] - 1;
      if (r >= 0) { a[r] = this.slots[i]; b[r] = this.slots[i + 1]; }
    }
    return { a, b };
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let i = 0; i < old.length; i += SLOT) if (old[i + 2] > 0) this.insertAt(old[i], old[i + 1], old[i + 2] - 1);
  }

  /** Puts a hash known to be absent into its first free slot. */
  private insertAt(a: number, b: number, row: number): void {
    const wrap = this.slots.length - 1;
    let i = bucket(a, b, this.slots.length / SLOT - 1) * SLOT;
    while (this.slots[i + 2] !== 0) i = (i + SLOT) & wrap;
    this.slots[i] = a;
    this.slots[i + 1] = b;
    this.slots[i + 2] = row + 1;
  }
}
