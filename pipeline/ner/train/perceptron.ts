// Structured averaged perceptron for the linear-chain BIO tagger (Collins 2002): decode with the
// current weights (Viterbi, BIO-constrained), and where the best path differs from the gold one,
// add the gold path's features and subtract the predicted one's. The averaged weights (the
// "lazy" form: w − u/c) are what generalizes.
import { L, viterbi, type ChainScores } from '../decode.js';

/** A training sentence as feature ids: the ids of position t are ids[offsets[t] .. offsets[t+1]). */
export interface EncodedSentence {
  n: number;
  offsets: Int32Array;
  ids: Int32Array;
  gold: Int32Array;
}

export interface Weights {
  emission: Float64Array;
  transition: Float64Array;
  start: Float64Array;
}

export function chainScores(w: Weights, s: EncodedSentence): ChainScores {
  const emission = new Float64Array(s.n * L);
  for (let t = 0; t < s.n; t++) {
    for (let k = s.offsets[t]; k < s.offsets[t + 1]; k++) {
      const base = s.ids[k] * L;
      for (let y = 0; y < L; y++) emission[t * L + y] += w.emission[base + y];
    }
  }
  return { n: s.n, emission, transition: w.transition, start: w.start };
}

export class AveragedPerceptron {
  private readonly w: Weights;
  private readonly u: Weights;
  private c = 1;

  constructor(readonly featureCount: number) {
    const make = (): Weights => ({ emission: new Float64Array(featureCount * L), transition: new Float64Array(L * L), start: new Float64Array(L) });
    this.w = make();
    this.u = make();
  }

  /** One perceptron step on a sentence; returns whether the prediction was wrong. */
  learn(s: EncodedSentence): boolean {
    const pred = viterbi(chainScores(this.w, s));
    let wrong = false;
    for (let t = 0; t < s.n; t++) {
      const g = s.gold[t], p = pred[t];
      if (g !== p) {
        wrong = true;
        for (let k = s.offsets[t]; k < s.offsets[t + 1]; k++) {
          this.add('emission', s.ids[k] * L + g, 1);
          this.add('emission', s.ids[k] * L + p, -1);
        }
      }
      const gp = t ? s.gold[t - 1] : -1, pp = t ? pred[t - 1] : -1;
      if (g !== p || gp !== pp) {
        if (t === 0) { this.add('start', g, 1); this.add('start', p, -1); }
        else { this.add('transition', gp * L + g, 1); this.add('transition', pp * L + p, -1); }
      }
    }
    this.c++;
    return wrong;
  }

  private add(part: keyof Weights, i: number, d: number): void {
    this.w[part][i] += d;
    this.u[part][i] += this.c * d;
  }

  averaged(): Weights {
    const avg = (w: Float64Array, u: Float64Array) => w.map((x, i) => x - u[i] / this.c);
    return { emission: avg(this.w.emission, this.u.emission), transition: avg(this.w.transition, this.u.transition), start: avg(this.w.start, this.u.start) };
  }
}

/** A small deterministic PRNG (mulberry32) for the shuffling between epochs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
