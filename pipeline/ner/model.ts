// The trained character-level NER model: feature weights per BIO label (rows found by feature
// hash, feature-hash.ts), BIO transition scores, the temperature that turns scores into
// probabilities, and the calibration maps fitted on held-out sentences. Stored as a gzip'd binary
// file (little-endian): "HLNER2\0\0", the JSON header's byte length (u32) and the header, padding to
// 4 bytes, the row count (u32), then the rows' hash halves a and b (i32 each) and their weights
// (f32, row-major, one per label). The weights are float32 already in memory: the file is exact.
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { applyIsotonic, type Isotonic } from './calibrate.js';
import { L, LABELS, forwardBackward, marginal, pathSpans, spanProbability, viterbi, type ChainScores } from './decode.js';
import { inSharedMemory } from '../shared-memory.js';
import type { HashedFeatures } from './feature-hash.js';
import { WeightTable, type WeightTableArrays } from './weight-table.js';
import { Scratch } from './scratch.js';
import type { TypedSpan } from './klue-format.js';

export const MODEL_FORMAT = 'hanlink-ner-2';
const MAGIC = Buffer.from('HLNER2\0\0', 'latin1');

/** Fitted precision of each rule (pipeline/ner/rules.ts) on the training sentences: hits of n matches. */
export type RuleStats = Record<string, { hits: number; n: number }>;

export interface ModelHeader {
  format: typeof MODEL_FORMAT;
  labels: string[];
  transition: number[];
  start: number[];
  temperature: number;
  /** Exact span probability → probability that span and type are right. */
  spanCalibration: Isotonic;
  /** Mean character marginal of a gazetteer span → probability that it is an entity of the KB's type; null when training saw too few KB hits. */
  kbCalibration: Isotonic | null;
  /** Mean QT marginal of a quantity-rule match → probability that it is exactly a QT entity; null when training saw too few. */
  ruleCalibration?: Isotonic | null;
  rules: RuleStats;
  /** Spans below this calibrated confidence are not proposed: the cut that maximized KLUE's entity and character F1 on dev. */
  minConfidence?: number;
  meta: Record<string, unknown>;
}

/** A model as plain data (NerModel.shared, NerModel.over): what worker threads receive. */
export interface NerModelParts {
  header: ModelHeader;
  table: WeightTableArrays;
}

export interface TaggedSpan extends TypedSpan {
  /** Exact probability under the chain model (before calibration). */
  probability: number;
  /** Calibrated probability that span and type are right. */
  confidence: number;
}

export class NerModel {
  private readonly transition: Float64Array;
  private readonly start: Float64Array;
  /** tag()'s arrays, reused: a model is used by one thread, one sentence at a time. */
  private readonly scratch = new Scratch();

  constructor(
    readonly header: ModelHeader,
    private readonly table: WeightTable,
  ) {
    this.transition = Float64Array.from(header.transition);
    this.start = Float64Array.from(header.start);
  }

  get featureCount(): number {
    return this.table.size;
  }

  /**
   * The model of dense trained weights (feature f's weights at f * L), keeping the features with
   * a non-zero weight at 4 significant digits. `keys` are the features' hashes, distinct.
   */
  static fromDense(header: ModelHeader, keys: { a: ArrayLike<number>; b: ArrayLike<number> }, weights: ArrayLike<number>): NerModel {
    const kept: number[] = [];
    for (let f = 0; f < keys.a.length; f++) {
      for (let y = 0; y < L; y++) if (Number(weights[f * L + y].toPrecision(4)) !== 0) { kept.push(f); break; }
    }
    const a = Int32Array.from(kept, (f) => keys.a[f]), b = Int32Array.from(kept, (f) => keys.b[f]);
    const w = new Float32Array(kept.length * L);
    kept.forEach((f, r) => { for (let y = 0; y < L; y++) w[r * L + y] = Number(weights[f * L + y].toPrecision(4)); });
    return new NerModel(header, WeightTable.build({ a, b }, w, 'NER model'));
  }

  /** A model from its parts: rows in order, hashes distinct (a collision is an error, never a silent merge). */
  static fromRows(header: ModelHeader, keys: { a: Int32Array; b: Int32Array }, weights: Float32Array, source = 'NER model'): NerModel {
    if (header.format !== MODEL_FORMAT || header.labels.join() !== LABELS.join()) throw new Error(`${source}: not a ${MODEL_FORMAT} model with labels ${LABELS.join(' ')}`);
    if (weights.length !== keys.a.length * L) throw new Error(`${source}: ${keys.a.length} rows but ${weights.length} weights`);
    return new NerModel(header, WeightTable.build(keys, weights, source));
  }

  /** The model over `parts`' arrays, not copied (they are only read). */
  static over(parts: NerModelParts): NerModel {
    return new NerModel(parts.header, WeightTable.over(parts.table));
  }

  /** The model's table copied into shared memory, for worker threads to use as one (NerModel.over). */
  shared(): NerModelParts {
    const t = this.table.memory;
    return { header: this.header, table: { index: inSharedMemory(t.index), data: inSharedMemory(t.data), count: t.count } };
  }

  static load(path: string): NerModel {
    const bytes = gunzipSync(readFileSync(path));
    if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error(`${path}: not a ${MODEL_FORMAT} model file`);
    let at = MAGIC.length;
    const headerBytes = bytes.readUInt32LE(at);
    at += 4;
    const header = JSON.parse(bytes.toString('utf8', at, at + headerBytes)) as ModelHeader;
    at = Math.ceil((at + headerBytes) / 4) * 4;
    const rows = bytes.readUInt32LE(at);
    at += 4;
    // Copies into fresh (aligned) arrays; the file is little-endian, as are the machines Node runs on here.
    const a = new Int32Array(rows), b = new Int32Array(rows), weights = new Float32Array(rows * L);
    for (const arr of [a, b, weights]) {
      new Uint8Array(arr.buffer).set(bytes.subarray(at, at + arr.byteLength));
      at += arr.byteLength;
    }
    if (at !== bytes.length) throw new Error(`${path}: ${bytes.length - at} bytes after the weights`);
    return NerModel.fromRows(header, { a, b }, weights, path);
  }

  save(path: string): void {
    const header = Buffer.from(JSON.stringify(this.header), 'utf8');
    const { keys: { a, b }, weights } = this.table.entries();
    const pad = Buffer.alloc((4 - ((MAGIC.length + 4 + header.length) % 4)) % 4);
    const u32 = (x: number) => { const buf = Buffer.alloc(4); buf.writeUInt32LE(x); return buf; };
    const bytes = (arr: Int32Array | Float32Array) => Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
    writeFileSync(path, gzipSync(Buffer.concat([MAGIC, u32(header.length), header, pad, u32(a.length), bytes(a), bytes(b), bytes(weights)]), { level: 9 }));
  }

  scores(feats: HashedFeatures, scratch = new Scratch()): ChainScores {
    const { n, offsets, a, b } = feats;
    const emission = scratch.float('emission', n * L);
    this.table.addTo(emission, n, offsets, a, b, scratch);
    return { n, emission, transition: this.transition, start: this.start };
  }

  /**
   * Best spans with their probabilities (those above `minConfidence` unless `all`), plus a function
   * giving the mean type marginal of any span (for gazetteer spans), valid until the next tag().
   */
  tag(feats: HashedFeatures, opts: { all?: boolean } = {}): { spans: TaggedSpan[]; typeMarginal: (start: number, end: number, type: string) => number } {
    const sc = this.scores(feats, this.scratch);
    if (!sc.n) return { spans: [], typeMarginal: () => 0 };
    const post = forwardBackward(sc, this.header.temperature, this.scratch);
    const cut = opts.all ? 0 : this.header.minConfidence ?? 0;
    const spans = pathSpans(viterbi(sc, this.scratch))
      .map((s) => {
        const probability = spanProbability(post, s.start, s.end, s.type);
        return { ...s, probability, confidence: applyIsotonic(this.header.spanCalibration, probability) };
      })
      .filter((s) => s.confidence >= cut);
    const typeMarginal = (start: number, end: number, type: string) => {
      const b = LABELS.indexOf(`B-${type}`);
      let s = 0;
      for (let t = start; t < end; t++) s += marginal(post, t, b) + marginal(post, t, b + 1);
      return end > start ? s / (end - start) : 0;
    };
    return { spans, typeMarginal };
  }
}
