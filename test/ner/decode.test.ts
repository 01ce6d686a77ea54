// Viterbi and forward–backward against brute-force enumeration of every valid label path.
import { describe, expect, it } from 'vitest';
import { L, LABELS, forwardBackward, marginal, pathSpans, sequenceLogProb, spanProbability, viterbi, type ChainScores } from '../../pipeline/ner/decode.js';
import { seededRandom } from '../../pipeline/ner/train/perceptron.js';
import { applyIsotonic, expectedCalibrationError, fitIsotonic } from '../../pipeline/ner/calibrate.js';

function randomChain(n: number, seed: number): ChainScores {
  const r = seededRandom(seed);
  const rnd = (k: number) => Float64Array.from({ length: k }, () => 4 * r() - 2);
  return { n, emission: rnd(n * L), transition: rnd(L * L), start: rnd(L) };
}

const valid = (path: number[]) => path.every((y, t) => !LABELS[y].startsWith('I-') || (t > 0 && LABELS[path[t - 1]].slice(2) === LABELS[y].slice(2)));
function allPaths(n: number): number[][] {
  let paths: number[][] = [[]];
  for (let t = 0; t < n; t++) paths = paths.flatMap((p) => Array.from({ length: L }, (_, y) => [...p, y]));
  return paths.filter(valid);
}
const score = (c: ChainScores, p: number[]) => p.reduce((s, y, t) => s + c.emission[t * L + y] + (t ? c.transition[p[t - 1] * L + y] : c.start[y]), 0);

describe('chain decoding', () => {
  const chain = randomChain(3, 7);
  const T = 1.7;
  const paths = allPaths(3);
  const weights = paths.map((p) => Math.exp(score(chain, p) / T));
  const Z = weights.reduce((a, b) => a + b, 0);

  it('Viterbi finds the best valid path', () => {
    const best = paths.reduce((a, b) => (score(chain, b) > score(chain, a) ? b : a));
    expect(viterbi(chain)).toEqual(best);
  });

  it('forward–backward gives exact marginals and path probabilities', () => {
    const post = forwardBackward(chain, T);
    expect(post.logZ).toBeCloseTo(Math.log(Z), 8);
    for (let t = 0; t < 3; t++) {
      for (let y = 0; y < L; y++) {
        const brute = paths.reduce((s, p, k) => s + (p[t] === y ? weights[k] : 0), 0) / Z;
        expect(marginal(post, t, y)).toBeCloseTo(brute, 8);
      }
    }
    expect(sequenceLogProb(post, paths[5])).toBeCloseTo(Math.log(weights[5] / Z), 8);
  });

  it('falls back to log space where scaled potentials underflow', () => {
    // At T = 0.001 every exp() in the scaled recursion underflows; the log-space result stays exact.
    const cold = forwardBackward(chain, 0.001);
    const best = paths.reduce((a, b) => (score(chain, b) > score(chain, a) ? b : a));
    expect(cold.logZ).toBeCloseTo(score(chain, best) / 0.001, 3);
    expect(Math.exp(sequenceLogProb(cold, best))).toBeCloseTo(1, 6);
  });

  it('gives the exact probability of an entity span', () => {
    const post = forwardBackward(chain, T);
    for (const [s, e, type] of [[0, 2, 'PS'], [1, 2, 'QT'], [1, 3, 'OG'], [0, 3, 'DT']] as const) {
      const brute = paths.reduce((acc, p, k) => acc + (pathSpans(p).some((x) => x.start === s && x.end === e && x.type === type) ? weights[k] : 0), 0) / Z;
      expect(spanProbability(post, s, e, type)).toBeCloseTo(brute, 8);
    }
  });
});

describe('calibration', () => {
  it('fits a non-decreasing map that is never exactly 0 or 1', () => {
    const cal = fitIsotonic([
      { score: 0.1, correct: false }, { score: 0.2, correct: true }, { score: 0.3, correct: false },
      { score: 0.8, correct: true }, { score: 0.9, correct: true },
    ]);
    // blocks: {0.1}: 0/1, {0.2, 0.3}: 1/2, {0.8, 0.9}: 2/2 → smoothed (h + .5) / (n + 1)
    expect(cal.y).toEqual([0.25, 0.5, 2.5 / 3]);
    expect(applyIsotonic(cal, 0.05)).toBe(0.25);
    expect(applyIsotonic(cal, 0.25)).toBe(0.5);
    expect(applyIsotonic(cal, 0.99)).toBe(2.5 / 3);
  });

  it('computes the expected calibration error by bins', () => {
    // bin [0.9, 1): two at 0.95, one right → |0.95 − 0.5| · 2/4; bin [0.1, 0.2): two at 0.1, none right → 0.1 · 2/4
    const pts = [{ p: 0.95, correct: true }, { p: 0.95, correct: false }, { p: 0.1, correct: false }, { p: 0.1, correct: false }];
    expect(expectedCalibrationError(pts)).toBeCloseTo(0.45 / 2 + 0.1 / 2, 10);
  });
});
