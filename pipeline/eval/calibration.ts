// How well confidences match how often they are right: a reliability table over equal-width
// confidence bins and its expected calibration error (ECE). The one binning that the gold eval,
// `hanlink eval links` and the NER trainer all report.

export interface CalibrationBin { lo: number; hi: number; n: number; confidence: number; accuracy: number }
export interface Calibration { n: number; ece: number; bins: CalibrationBin[] }

/** Expected calibration error over equal-width confidence bins: Σ |bin|/N · |accuracy − mean confidence|. */
export function calibration(points: readonly { confidence: number; correct: boolean }[], binCount = 10): Calibration {
  const bins = Array.from({ length: binCount }, (_, i) => ({ lo: i / binCount, hi: (i + 1) / binCount, n: 0, conf: 0, right: 0 }));
  for (const p of points) {
    // A confidence of exactly 1 belongs to the top bin.
    const b = bins[Math.min(binCount - 1, Math.max(0, Math.floor(p.confidence * binCount)))];
    b.n++;
    b.conf += p.confidence;
    if (p.correct) b.right++;
  }
  const n = points.length;
  const ece = n === 0 ? 0 : bins.reduce((s, b) => s + (b.n === 0 ? 0 : (b.n / n) * Math.abs(b.right / b.n - b.conf / b.n)), 0);
  return { n, ece, bins: bins.map((b) => ({ lo: b.lo, hi: b.hi, n: b.n, confidence: b.n ? b.conf / b.n : 0, accuracy: b.n ? b.right / b.n : 0 })) };
}
