// The baseline gate: direction and tolerance of each metric, and the stored run round trip.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBaseline, regressions, restoreRun, storeRun, writeBaseline, type Baseline } from '../../pipeline/eval/baseline.js';
import { diffRuns } from '../../pipeline/eval/diff.js';
import { goldToOutputLine, loadGold } from '../../pipeline/eval/gold.js';

describe('regressions', () => {
  const baseline: Baseline = { tolerance: 0.01, fixtures: 'f', metrics: { 'ner.strict.f1': 0.8, 'calibration.entity.ece': 0.1, 'link.accuracy': 0.5 }, run: [] };
  it('allows a drop within the tolerance and flags one beyond it', () => {
    expect(regressions(baseline, { 'ner.strict.f1': 0.795, 'calibration.entity.ece': 0.1, 'link.accuracy': 0.5 })).toEqual([]);
    expect(regressions(baseline, { 'ner.strict.f1': 0.78, 'calibration.entity.ece': 0.1, 'link.accuracy': 0.9 }).map((r) => r.metric)).toEqual(['ner.strict.f1']);
  });
  it('treats calibration error as lower-is-better and a vanished metric as a regression', () => {
    const r = regressions(baseline, { 'ner.strict.f1': 0.9, 'calibration.entity.ece': 0.2 });
    expect(r).toEqual([
      { metric: 'calibration.entity.ece', baseline: 0.1, current: 0.2 },
      { metric: 'link.accuracy', baseline: 0.5, current: undefined },
    ]);
    expect(regressions(baseline, { 'ner.strict.f1': 0.8, 'calibration.entity.ece': 0.01, 'link.accuracy': 0.5 })).toEqual([]);
  });
});

describe('the baseline file', () => {
  const gold = loadGold(['fixtures/gold']);
  const lines = gold.map(goldToOutputLine);
  it('stores the run compactly and restores the same spans, types, links, dates and references', () => {
    expect(lines.some((l) => l.references.some((r) => r.links.length > 1))).toBe(true);
    expect(diffRuns(lines, restoreRun(storeRun(lines), gold)).articles).toEqual([]);
    const withoutRefs = storeRun(lines).map((l) => ({ ...l, references: [] }));
    expect(diffRuns(lines, restoreRun(withoutRefs, gold)).summary.referencesLost).toBeGreaterThan(0);
  });
  it('round-trips through the file with metrics rounded to four places', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hanlink-baseline-')), 'baseline.json');
    writeBaseline(path, { tolerance: 0.005, fixtures: 'fixtures/gold', metrics: { 'ner.strict.f1': 0.123456 }, run: storeRun(lines) });
    const back = readBaseline(path);
    expect(back.metrics).toEqual({ 'ner.strict.f1': 0.1235 });
    expect(back.run).toEqual(storeRun(lines));
  });
});
