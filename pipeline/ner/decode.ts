// Decoding for the linear-chain BIO tagger: Viterbi for the best label sequence, forward–backward
// for probabilities. Scores are an emission matrix (n × L, row-major) and a transition matrix
// (L × L) with start scores; BIO validity (I-X only after B-X or I-X) is a hard constraint.
// Probabilities treat exp(score / T) as potentials of a linear-chain CRF, T a temperature fitted
// on held-out sentences (pipeline/ner/train), which turns perceptron scores into probabilities.
import { ENTITY_TYPES, spansFromTags, type TypedSpan } from './klue-format.js';
import { Scratch } from './scratch.js';

export const LABELS: readonly string[] = ['O', ...ENTITY_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
export const L = LABELS.length;
export const LABEL_INDEX = new Map(LABELS.map((l, i) => [l, i]));

/** allowed[p * L + y]: may label y follow label p? allowedStart[y]: may a sentence start with y? */
const allowed = new Uint8Array(L * L);
const allowedStart = new Uint8Array(L);
for (let y = 0; y < L; y++) {
  const isI = LABELS[y].startsWith('I-');
  allowedStart[y] = isI ? 0 : 1;
  for (let p = 0; p < L; p++) allowed[p * L + y] = !isI || LABELS[p].slice(2) === LABELS[y].slice(2) ? 1 : 0;
}
/** The allowed predecessors of each label, ascending: a range, first[y] .. last[y] (all labels, or B-X and I-X before an I-X). */
const predecessors = LABELS.map((_, y) => [...LABELS.keys()].filter((p) => allowed[p * L + y]));
const first = Int32Array.from(predecessors, (from) => from[0]);
const last = Int32Array.from(predecessors, (from) => from[from.length - 1]);
if (predecessors.some((from, y) => from.length !== last[y] - first[y] + 1)) throw new Error('NER labels: the predecessors of a label are not a range');

export interface ChainScores {
  n: number;
  /** n × L emission scores. */
  emission: Float64Array;
  /** L × L transition scores, [prev * L + next]. */
  transition: Float64Array;
  /** L start scores. */
  start: Float64Array;
}

export function viterbi({ n, emission, transition, start }: ChainScores, scratch = new Scratch()): number[] {
  if (n === 0) return [];
  const delta = scratch.float('delta', n * L);
  const back = scratch.int('back', n * L);
  for (let y = 0; y < L; y++) delta[y] = allowedStart[y] ? start[y] + emission[y] : -Infinity;
  for (let t = 1; t < n; t++) {
    for (let y = 0; y < L; y++) {
      let best = -Infinity, arg = 0;
      for (let p = first[y]; p <= last[y]; p++) {
        const s = delta[(t - 1) * L + p] + transition[p * L + y];
        if (s > best) { best = s; arg = p; }
      }
      delta[t * L + y] = best + emission[t * L + y];
      back[t * L + y] = arg;
    }
  }
  let best = -Infinity, y = 0;
  for (let k = 0; k < L; k++) if (delta[(n - 1) * L + k] > best) { best = delta[(n - 1) * L + k]; y = k; }
  const path = new Array<number>(n);
  for (let t = n - 1; t >= 0; t--) { path[t] = y; y = back[t * L + y]; }
  return path;
}

function logSumExp(xs: Float64Array | number[]): number {
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  if (m === -Infinity) return m;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

/** What forward–backward gives: log Z and, at any position, log α and log β (read on demand: most positions never need them). */
export interface Posterior {
  n: number;
  temperature: number;
  logZ: number;
  scores: ChainScores;
  logAlpha(t: number, y: number): number;
  logBeta(t: number, y: number): number;
}

/**
 * Forward–backward in scaled linear space (Rabiner's scaling): each position's potentials are
 * shifted by their maximum and the forward vector renormalized, so no log/exp is needed in the
 * inner loops; the log-space quantities are recovered at the end.
 */
export function forwardBackward(scores: ChainScores, temperature: number, scratch = new Scratch()): Posterior {
  return scaledForwardBackward(scores, temperature, scratch) ?? logForwardBackward(scores, temperature);
}

/** The fast path; null when a scaled vector underflows (extreme scores or temperatures). */
function scaledForwardBackward(scores: ChainScores, temperature: number, scratch: Scratch): Posterior | null {
  const { n, emission, transition, start } = scores;
  const inv = 1 / temperature;
  const M = new Float64Array(L * L);
  for (let k = 0; k < L * L; k++) M[k] = allowed[k] ? Math.exp(transition[k] * inv) : 0;
  const psi = scratch.float('psi', n * L);
  const shift = scratch.float('shift', n); // max emission at t, plus log of the scaling constant at t
  for (let t = 0; t < n; t++) {
    let m = -Infinity;
    for (let y = 0; y < L; y++) m = Math.max(m, emission[t * L + y] * inv);
    for (let y = 0; y < L; y++) psi[t * L + y] = Math.exp(emission[t * L + y] * inv - m);
    shift[t] = m;
  }
  const alpha = scratch.float('alpha', n * L);
  const beta = scratch.float('beta', n * L);
  const scale = scratch.float('scale', n);
  for (let t = 0; t < n; t++) {
    let c = 0;
    for (let y = 0; y < L; y++) {
      let a: number;
      if (t === 0) a = allowedStart[y] ? Math.exp(start[y] * inv) : 0;
      else {
        a = 0;
        for (let p = first[y], prev = (t - 1) * L; p <= last[y]; p++) a += alpha[prev + p] * M[p * L + y];
      }
      a *= psi[t * L + y];
      alpha[t * L + y] = a;
      c += a;
    }
    if (!(c > 0 && Number.isFinite(c))) return null;
    for (let y = 0; y < L; y++) alpha[t * L + y] /= c;
    scale[t] = c;
  }
  for (let y = 0; y < L; y++) if (n) beta[(n - 1) * L + y] = 1;
  for (let t = n - 2; t >= 0; t--) {
    for (let y = 0; y < L; y++) {
      // Over every label: a forbidden one's M is 0, which adds exactly nothing.
      let b = 0;
      for (let k = 0, row = y * L, next = (t + 1) * L; k < L; k++) b += M[row + k] * psi[next + k] * beta[next + k];
      if (!Number.isFinite(b)) return null;
      beta[t * L + y] = b / scale[t + 1];
    }
  }
  // log alpha_t = log alphaHat_t + Σ_{k≤t} (log c_k + m_k); log beta_t = log betaHat_t + Σ_{k>t} (log c_k + m_k).
  const prefix = scratch.float('prefix', n + 1);
  for (let t = 0; t < n; t++) prefix[t + 1] = prefix[t] + Math.log(scale[t]) + shift[t];
  const logZ = prefix[n];
  return {
    n, temperature, logZ, scores,
    logAlpha: (t, y) => Math.log(alpha[t * L + y]) + prefix[t + 1],
    logBeta: (t, y) => Math.log(beta[t * L + y]) + logZ - prefix[t + 1],
  };
}

/** The same in log space: slower, never underflows. */
function logForwardBackward(scores: ChainScores, temperature: number): Posterior {
  const { n, emission, transition, start } = scores;
  const inv = 1 / temperature;
  const logAlpha = new Float64Array(n * L);
  const logBeta = new Float64Array(n * L);
  const tmp = new Float64Array(L);
  for (let y = 0; y < L; y++) logAlpha[y] = allowedStart[y] ? (start[y] + emission[y]) * inv : -Infinity;
  for (let t = 1; t < n; t++) {
    for (let y = 0; y < L; y++) {
      for (let p = 0; p < L; p++) tmp[p] = allowed[p * L + y] ? logAlpha[(t - 1) * L + p] + transition[p * L + y] * inv : -Infinity;
      logAlpha[t * L + y] = logSumExp(tmp) + emission[t * L + y] * inv;
    }
  }
  for (let t = n - 2; t >= 0; t--) {
    for (let y = 0; y < L; y++) {
      for (let k = 0; k < L; k++) tmp[k] = allowed[y * L + k] ? (transition[y * L + k] + emission[(t + 1) * L + k]) * inv + logBeta[(t + 1) * L + k] : -Infinity;
      logBeta[t * L + y] = logSumExp(tmp);
    }
  }
  const logZ = n ? logSumExp(logAlpha.subarray((n - 1) * L, n * L)) : 0;
  return { n, temperature, logZ, scores, logAlpha: (t, y) => logAlpha[t * L + y], logBeta: (t, y) => logBeta[t * L + y] };
}

/** P(label at t is y). */
export function marginal(post: Posterior, t: number, y: number): number {
  return Math.exp(post.logAlpha(t, y) + post.logBeta(t, y) - post.logZ);
}

/**
 * P(the entity of `type` spans exactly [s, e)): B-type at s, I-type through e-1, and no I-type at e.
 * Exact under the chain model, so it is the probability that span and type are both right.
 */
export function spanProbability(post: Posterior, s: number, e: number, type: string): number {
  const { n, logZ, scores } = post;
  const inv = 1 / post.temperature;
  const b = LABEL_INDEX.get(`B-${type}`)!, i = LABEL_INDEX.get(`I-${type}`)!;
  let lp = post.logAlpha(s, b);
  let prev = b;
  for (let t = s + 1; t < e; t++) {
    lp += (scores.transition[prev * L + i] + scores.emission[t * L + i]) * inv;
    prev = i;
  }
  if (e < n) {
    const tmp = new Float64Array(L).fill(-Infinity);
    for (let k = 0; k < L; k++) if (k !== i && allowed[prev * L + k]) tmp[k] = (scores.transition[prev * L + k] + scores.emission[e * L + k]) * inv + post.logBeta(e, k);
    lp += logSumExp(tmp);
  }
  return Math.min(1, Math.exp(lp - logZ));
}

/** Log-probability of one whole label sequence (for fitting the temperature). */
export function sequenceLogProb(post: Posterior, labels: ArrayLike<number>): number {
  const { scores } = post;
  const inv = 1 / post.temperature;
  let s = (scores.start[labels[0]] + scores.emission[labels[0]]) * inv;
  for (let t = 1; t < labels.length; t++) s += (scores.transition[labels[t - 1] * L + labels[t]] + scores.emission[t * L + labels[t]]) * inv;
  return s - post.logZ;
}

/** Entity spans of a label-index path (strict IOB2). */
export function pathSpans(path: readonly number[]): TypedSpan[] {
  return spansFromTags(path.map((i) => LABELS[i]));
}
