// The checked-in score floor (fixtures/baseline.json): `hanlink eval` and the regression test fail
// when a metric drops more than the tolerance below it (or, for calibration error, rises above it).
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { lowerIsBetter } from './score.js';

export const DEFAULT_BASELINE = 'fixtures/baseline.json';
export const DEFAULT_TOLERANCE = 0.005;

export const BaselineSchema = z.object({
  /** How far a metric may move the wrong way before it counts as a regression. */
  tolerance: z.number().min(0).max(1),
  /** The gold files the metrics were measured on (for the reader; the gate compares by name). */
  fixtures: z.string(),
  metrics: z.record(z.string(), z.number()),
});
export type Baseline = z.infer<typeof BaselineSchema>;

export function readBaseline(path: string): Baseline {
  const parsed = BaselineSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: not a baseline: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function writeBaseline(path: string, baseline: Baseline): void {
  const rounded = Object.fromEntries(Object.entries(baseline.metrics).map(([k, v]) => [k, Math.round(v * 10000) / 10000]));
  writeFileSync(path, `${JSON.stringify({ ...baseline, metrics: rounded }, null, 2)}\n`);
}

export interface Regression { metric: string; baseline: number; current: number | undefined }

/** The metrics that fell below the baseline by more than its tolerance; a metric that vanished counts. */
export function regressions(baseline: Baseline, current: Record<string, number>): Regression[] {
  const out: Regression[] = [];
  for (const [metric, floor] of Object.entries(baseline.metrics)) {
    const value = current[metric];
    const worse = value === undefined || (lowerIsBetter(metric) ? value > floor + baseline.tolerance : value < floor - baseline.tolerance);
    if (worse) out.push({ metric, baseline: floor, current: value });
  }
  return out;
}
