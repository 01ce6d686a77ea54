// The checked-in score floor (fixtures/baseline.json): `hanlink eval` and the regression test fail
// when a metric drops more than the tolerance below it (or, for calibration error, rises above it).
// It also keeps the spans of the run that set it, so that a failure can show what changed since.
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { DateKindSchema, EntityTypeSchema, ReferenceSchema, type OutputLine } from '../types.js';
import type { GoldArticle } from './gold.js';
import { lowerIsBetter } from './score.js';

export const DEFAULT_BASELINE = 'fixtures/baseline.json';
export const DEFAULT_TOLERANCE = 0.005;

const offset = z.number().int().nonnegative();
/**
 * One article of the baseline run: entities as [start, end, type, link id | null], dates as
 * [start, end, kind, value], references as [start, end, kind, link ids].
 */
export const StoredLineSchema = z.object({
  id: z.string(),
  entities: z.array(z.tuple([offset, offset, EntityTypeSchema, z.string().nullable()])),
  dates: z.array(z.tuple([offset, offset, DateKindSchema, z.string()])),
  references: z.array(z.tuple([offset, offset, ReferenceSchema.shape.kind, z.array(z.string())])).default([]),
});
export type StoredLine = z.infer<typeof StoredLineSchema>;

export const BaselineSchema = z.object({
  /** How far a metric may move the wrong way before it counts as a regression. */
  tolerance: z.number().min(0).max(1),
  /** The gold files the metrics were measured on (for the reader; the gate compares by name). */
  fixtures: z.string(),
  metrics: z.record(z.string(), z.number()),
  run: z.array(StoredLineSchema).default([]),
});
export type Baseline = z.infer<typeof BaselineSchema>;

export function readBaseline(path: string): Baseline {
  const parsed = BaselineSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: not a baseline: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Metrics rounded to 4 places; the run one span per line, so that a baseline update diffs readably. */
export function formatBaseline(b: Baseline): string {
  const metrics = Object.entries(b.metrics).map(([k, v]) => `    ${JSON.stringify(k)}: ${Math.round(v * 10000) / 10000}`);
  const list = (items: unknown[]) => (items.length === 0 ? '[]' : `[\n${items.map((x) => `      ${JSON.stringify(x)}`).join(',\n')}\n    ]`);
  const run = b.run.map((l) => `  {\n    "id": ${JSON.stringify(l.id)},\n    "entities": ${list(l.entities)},\n    "dates": ${list(l.dates)},\n    "references": ${list(l.references)}\n  }`);
  return `{\n  "tolerance": ${b.tolerance},\n  "fixtures": ${JSON.stringify(b.fixtures)},\n  "metrics": {\n${metrics.join(',\n')}\n  },\n  "run": [\n${run.join(',\n')}\n  ]\n}\n`;
}

export function writeBaseline(path: string, baseline: Baseline): void {
  writeFileSync(path, formatBaseline(baseline));
}

export function storeRun(lines: readonly OutputLine[]): StoredLine[] {
  return lines.map((l) => ({
    id: l.id,
    entities: l.entities.map((e) => [e.start, e.end, e.type, e.link?.id ?? null] as StoredLine['entities'][number]),
    dates: l.dates.map((d) => [d.start, d.end, d.kind, d.value] as StoredLine['dates'][number]),
    references: l.references.map((r) => [r.start, r.end, r.kind, r.links.map((x) => x.id)] as StoredLine['references'][number]),
  }));
}

/** The stored run as output lines over the gold texts (articles without gold are left out). */
export function restoreRun(stored: readonly StoredLine[], gold: readonly GoldArticle[]): OutputLine[] {
  const byId = new Map(gold.map((g) => [g.id, g]));
  return stored.flatMap((l) => {
    const g = byId.get(l.id);
    if (!g) return [];
    return [{
      schema: 1 as const, id: g.id, source: g.source, published: g.published, published_from: g.published ? 'input' as const : 'none' as const, title: null, text: g.text,
      entities: l.entities.map(([start, end, type, link]) => ({
        start, end, text: g.text.slice(start, end), type, subtype: null, confidence: 1,
        link: link === null ? null : { id: link, name: g.text.slice(start, end), name_en: '', confidence: 1, candidates: [] },
      })),
      dates: l.dates.map(([start, end, kind, value]) => ({ start, end, text: g.text.slice(start, end), kind, value, confidence: 1 })),
      references: l.references.map(([start, end, kind, ids]) => ({
        start, end, text: g.text.slice(start, end), kind,
        links: ids.map((id) => ({ id, name: g.text.slice(start, end), name_en: '', confidence: 1, candidates: [] })),
      })),
      warnings: [], error: null,
    }];
  });
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
