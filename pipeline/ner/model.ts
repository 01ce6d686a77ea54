// The trained character-level NER model: sparse feature weights per BIO label, BIO transition
// scores, the temperature that turns scores into probabilities, and the calibration maps fitted
// on held-out sentences. Stored as gzip'd text: a JSON header line, then one line per feature,
// "feature\tlabel:weight,label:weight" (only non-zero weights, 4 significant digits).
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { applyIsotonic, type Isotonic } from './calibrate.js';
import { L, LABELS, forwardBackward, marginals, pathSpans, spanProbability, viterbi, type ChainScores } from './decode.js';
import type { TypedSpan } from './klue-format.js';

export const MODEL_FORMAT = 'hanlink-ner-1';

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

export interface TaggedSpan extends TypedSpan {
  /** Exact probability under the chain model (before calibration). */
  probability: number;
  /** Calibrated probability that span and type are right. */
  confidence: number;
}

export class NerModel {
  private readonly transition: Float64Array;
  private readonly start: Float64Array;

  constructor(
    readonly header: ModelHeader,
    private readonly rows: Map<string, number>,
    private readonly weights: Float32Array,
  ) {
    this.transition = Float64Array.from(header.transition);
    this.start = Float64Array.from(header.start);
  }

  get featureCount(): number {
    return this.rows.size;
  }

  static fromDense(header: ModelHeader, names: readonly string[], weights: ArrayLike<number>): NerModel {
    const rows = new Map<string, number>();
    const kept: number[] = [];
    names.forEach((name, f) => {
      for (let y = 0; y < L; y++) if (Number(weights[f * L + y].toPrecision(4)) !== 0) { rows.set(name, kept.length); kept.push(f); break; }
    });
    const w = new Float32Array(kept.length * L);
    kept.forEach((f, r) => { for (let y = 0; y < L; y++) w[r * L + y] = Number(weights[f * L + y].toPrecision(4)); });
    return new NerModel(header, rows, w);
  }

  static load(path: string): NerModel {
    const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
    const header = JSON.parse(lines[0]) as ModelHeader;
    if (header.format !== MODEL_FORMAT || header.labels.join() !== LABELS.join()) throw new Error(`${path}: not a ${MODEL_FORMAT} model with labels ${LABELS.join(' ')}`);
    const rows = new Map<string, number>();
    const weights = new Float32Array((lines.length - 1) * L);
    for (let k = 1; k < lines.length; k++) {
      const line = lines[k];
      if (!line) continue;
      const tab = line.lastIndexOf('\t');
      const r = rows.size;
      rows.set(line.slice(0, tab), r);
      for (const pair of line.slice(tab + 1).split(',')) {
        const colon = pair.indexOf(':');
        weights[r * L + Number(pair.slice(0, colon))] = Number(pair.slice(colon + 1));
      }
    }
    return new NerModel(header, rows, weights.slice(0, rows.size * L));
  }

  save(path: string): void {
    const out = [JSON.stringify(this.header)];
    for (const [name, r] of this.rows) {
      const pairs: string[] = [];
      for (let y = 0; y < L; y++) if (this.weights[r * L + y] !== 0) pairs.push(`${y}:${this.weights[r * L + y]}`);
      out.push(`${name}\t${pairs.join(',')}`);
    }
    writeFileSync(path, gzipSync(out.join('\n'), { level: 9 }));
  }

  scores(feats: readonly (readonly string[])[]): ChainScores {
    const n = feats.length;
    const emission = new Float64Array(n * L);
    for (let t = 0; t < n; t++) {
      for (const name of feats[t]) {
        const r = this.rows.get(name);
        if (r === undefined) continue;
        for (let y = 0; y < L; y++) emission[t * L + y] += this.weights[r * L + y];
      }
    }
    return { n, emission, transition: this.transition, start: this.start };
  }

  /** Best spans with their probabilities (those above `minConfidence` unless `all`), plus a function giving the mean type marginal of any span (for gazetteer spans). */
  tag(feats: readonly (readonly string[])[], opts: { all?: boolean } = {}): { spans: TaggedSpan[]; typeMarginal: (start: number, end: number, type: string) => number } {
    const sc = this.scores(feats);
    if (!sc.n) return { spans: [], typeMarginal: () => 0 };
    const post = forwardBackward(sc, this.header.temperature);
    const cut = opts.all ? 0 : this.header.minConfidence ?? 0;
    const spans = pathSpans(viterbi(sc))
      .map((s) => {
        const probability = spanProbability(post, s.start, s.end, s.type);
        return { ...s, probability, confidence: applyIsotonic(this.header.spanCalibration, probability) };
      })
      .filter((s) => s.confidence >= cut);
    let marg: Float64Array | null = null;
    const typeMarginal = (start: number, end: number, type: string) => {
      marg ??= marginals(post);
      const b = LABELS.indexOf(`B-${type}`);
      let s = 0;
      for (let t = start; t < end; t++) s += marg[t * L + b] + marg[t * L + b + 1];
      return end > start ? s / (end - start) : 0;
    };
    return { spans, typeMarginal };
  }
}
