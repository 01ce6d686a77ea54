// Probability calibration: isotonic regression (pool-adjacent-violators) from a raw score to the
// observed frequency of being right, and the expected calibration error (ECE) to report it.
import { calibration } from '../eval/calibration.js';

export interface Isotonic {
  /** Upper score bound of each block, ascending. */
  x: number[];
  /** Calibrated probability of each block: its smoothed hit rate, made non-decreasing. */
  y: number[];
}

/** Pool-adjacent-violators over the points sorted by score: blocks whose hit rates (hits / n) do not decrease. */
export function isotonicBlocks(points: readonly { score: number; correct: boolean }[]): { hi: number; hits: number; n: number }[] {
  const sorted = [...points].sort((a, b) => a.score - b.score);
  const blocks: { hi: number; hits: number; n: number }[] = [];
  for (const p of sorted) {
    blocks.push({ hi: p.score, hits: p.correct ? 1 : 0, n: 1 });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1], a = blocks[blocks.length - 2];
      if (a.hits / a.n < b.hits / b.n) break;
      blocks.pop();
      a.hi = b.hi; a.hits += b.hits; a.n += b.n;
    }
  }
  return blocks;
}

/**
 * Fits a step function over the isotonic blocks. Each block's value is smoothed, (hits + 0.5) / (n + 1),
 * so that no calibrated probability is exactly 0 or 1 on finite evidence.
 */
export function fitIsotonic(points: readonly { score: number; correct: boolean }[]): Isotonic {
  const blocks = isotonicBlocks(points);
  // Add-half smoothing keeps small blocks off 0 and 1 but can dip below a larger neighbour;
  // a running maximum restores the monotonicity the pooling established.
  let floor = 0;
  return { x: blocks.map((b) => b.hi), y: blocks.map((b) => (floor = Math.max(floor, (b.hits + 0.5) / (b.n + 1)))) };
}

export function applyIsotonic(cal: Isotonic, score: number): number {
  if (!cal.x.length) return Math.min(1 - 1e-6, Math.max(1e-6, score));
  let lo = 0, hi = cal.x.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cal.x[mid] < score) lo = mid + 1;
    else hi = mid;
  }
  return cal.y[lo];
}

/** Expected calibration error over `bins` equal-width confidence bins (the binning every eval reports). */
export function expectedCalibrationError(points: readonly { p: number; correct: boolean }[], bins = 10): number {
  return calibration(points.map(({ p, correct }) => ({ confidence: p, correct })), bins).ece;
}
