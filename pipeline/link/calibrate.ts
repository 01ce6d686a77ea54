// Turning ranking margins into probabilities: Platt scaling (a logistic curve fitted by Newton's
// method with Platt's smoothed targets), deterministic; the linker ships Platt parameters fitted
// on the calibration part of fixtures/links/ (models/kb/calibration.json). Beside them the file
// holds a small logistic model of P(a person span the linker finds is right | its evidence).
// How well either worked is measured by pipeline/eval/calibration.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../run/package.js';

export interface Sample { x: number; y: 0 | 1 }

export interface Platt { method: 'platt'; a: number; b: number }

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function applyPlatt(p: Platt, x: number): number {
  return sigmoid(p.a * x + p.b);
}

/** Platt (1999) with Lin et al.'s Newton iteration: maximizes the likelihood of smoothed targets. */
export function fitPlatt(samples: readonly Sample[]): Platt {
  const pos = samples.filter((s) => s.y === 1).length;
  const neg = samples.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const t = samples.map((s) => (s.y ? hi : lo));
  let a = 0;
  let b = Math.log((neg + 1) / (pos + 1)) * -1;
  const nll = (a: number, b: number) => samples.reduce((acc, s, i) => {
    const z = a * s.x + b;
    // -[t log p + (1-t) log(1-p)], stable form
    return acc + (z >= 0 ? (1 - t[i]) * z + Math.log1p(Math.exp(-z)) : -t[i] * z + Math.log1p(Math.exp(z)));
  }, 0);
  let f = nll(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let h11 = 1e-12, h22 = 1e-12, h21 = 0, g1 = 0, g2 = 0;
    samples.forEach((s, i) => {
      const p = sigmoid(a * s.x + b);
      const d2 = p * (1 - p);
      h11 += s.x * s.x * d2; h22 += d2; h21 += s.x * d2;
      const d1 = p - t[i];
      g1 += s.x * d1; g2 += d1;
    });
    if (Math.abs(g1) < 1e-6 && Math.abs(g2) < 1e-6) break;
    const det = h11 * h22 - h21 * h21;
    const da = -(h22 * g1 - h21 * g2) / det;
    const db = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * da + g2 * db;
    let step = 1;
    while (step >= 1e-10) {
      const na = a + step * da, nb = b + step * db;
      const nf = nll(na, nb);
      if (nf < f + 1e-4 * step * gd) { a = na; b = nb; f = nf; break; }
      step /= 2;
    }
    if (step < 1e-10) break;
  }
  return { method: 'platt', a, b };
}

/** Logistic regression over named features: P(y = 1 | x) = sigmoid(bias + w·x). */
export interface Logistic { method: 'logistic'; features: string[]; bias: number; weights: number[] }

export function applyLogistic(m: Logistic, x: readonly number[]): number {
  return sigmoid(m.weights.reduce((z, w, i) => z + w * x[i], m.bias));
}

/**
 * Maximum likelihood with an L2 penalty on the weights (not the bias), by Newton's method: with a
 * few hundred samples and a dozen features the penalty keeps rare features from going to ±∞.
 */
export function fitLogistic(features: readonly string[], samples: readonly { x: readonly number[]; y: 0 | 1 }[], l2 = 1): Logistic {
  const d = features.length + 1; // bias first
  const row = (x: readonly number[]) => [1, ...x];
  let w = new Array<number>(d).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const s of samples) {
      const x = row(s.x);
      const p = sigmoid(x.reduce((z, v, i) => z + v * w[i], 0));
      for (let i = 0; i < d; i++) {
        g[i] += (p - s.y) * x[i];
        for (let j = 0; j < d; j++) h[i][j] += p * (1 - p) * x[i] * x[j];
      }
    }
    for (let i = 1; i < d; i++) { g[i] += l2 * w[i]; h[i][i] += l2; }
    h[0][0] += 1e-9;
    const step = solve(h, g);
    w = w.map((v, i) => v - step[i]);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { method: 'logistic', features: [...features], bias: w[0], weights: w.slice(1) };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite here). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) x[r] = (m[r][n] - m[r].slice(r + 1, n).reduce((acc, v, k) => acc + v * x[r + 1 + k], 0)) / m[r][r];
  return x;
}

const SpanModelFile = z.object({ method: z.literal('logistic'), features: z.array(z.string()), bias: z.number(), weights: z.array(z.number()), fitted_on: z.string(), n: z.number() });
const CalibrationFile = z.object({
  method: z.literal('platt'), a: z.number(), b: z.number(), fitted_on: z.string(), n: z.number(),
  /** P(person span right | evidence), for the person spans the linker adds or retypes. */
  span: SpanModelFile.optional(),
});
export type CalibrationFile = z.infer<typeof CalibrationFile>;

export function calibrationPath(): string {
  return join(packageRoot(), 'models', 'kb', 'calibration.json');
}

let loaded: Platt | null = null;
let spanModel: Logistic | null | undefined;

function readCalibrationFile(): CalibrationFile | null {
  try {
    return CalibrationFile.parse(JSON.parse(readFileSync(calibrationPath(), 'utf8')));
  } catch {
    return null;
  }
}

/** The shipped calibration; an identity-like curve until one has been fitted. */
export function loadCalibration(): Platt {
  if (!loaded) {
    const c = readCalibrationFile();
    loaded = c ? { method: 'platt', a: c.a, b: c.b } : { method: 'platt', a: 1, b: 0 };
  }
  return loaded;
}

/** The shipped span model, or null before one has been fitted (`hanlink fit links-calibration`). */
export function loadSpanModel(): Logistic | null {
  if (spanModel === undefined) {
    const s = readCalibrationFile()?.span;
    spanModel = s ? { method: 'logistic', features: s.features, bias: s.bias, weights: s.weights } : null;
  }
  return spanModel;
}

/** For `hanlink fit links-calibration`: use new parameters in this process right away. */
export function setCalibration(p: Platt, span?: Logistic | null): void {
  loaded = p;
  if (span !== undefined) spanModel = span;
}
