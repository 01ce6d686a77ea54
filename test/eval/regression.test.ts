// The fixture regression: the pipeline on the gold fixtures must score at or above the checked-in
// baseline; a failure prints what broke. The second part shows the gate catching a damaged run.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadResources } from '../../pipeline/index.js';
import { readBaseline, regressions, restoreRun, storeRun, type Baseline } from '../../pipeline/eval/baseline.js';
import { goldToOutputLine, loadGold, type GoldArticle } from '../../pipeline/eval/gold.js';
import { predictGold } from '../../pipeline/eval/predict.js';
import { explainRegressions } from '../../pipeline/eval/report.js';
import { evaluate, flattenMetrics } from '../../pipeline/eval/score.js';
import type { EntityType, OutputLine } from '../../pipeline/types.js';

const GOLD = 'fixtures/gold';
const BASELINE = 'fixtures/baseline.json';

describe('gold fixture regression', () => {
  it('scores the pipeline on every gold article at or above fixtures/baseline.json', async () => {
    const gold = loadGold([GOLD]);
    expect(gold.length).toBeGreaterThan(0);
    expect(existsSync(BASELINE), `${BASELINE} is missing: write it with hanlink eval --update-baseline`).toBe(true);
    const { lines: pred } = await predictGold(gold, await loadResources());
    const baseline = readBaseline(BASELINE);
    const regressed = regressions(baseline, flattenMetrics(evaluate(gold, pred)));
    expect(regressed, regressed.length ? explainRegressions(regressed, gold, pred, restoreRun(baseline.run, gold)) : '').toEqual([]);
  });
});

const RETYPE: Record<EntityType, EntityType> = { PS: 'OG', OG: 'LC', LC: 'OG', DT: 'TI', TI: 'DT', QT: 'DT' };

/** Every 7th entity dropped, the next one retyped, the next linked entity sent to a wrong id. */
function damage(lines: OutputLine[]): { damaged: OutputLine[]; dropped: string[] } {
  const dropped: string[] = [];
  const damaged = lines.map((l) => ({
    ...l,
    entities: l.entities.flatMap((e, i) => {
      if (i % 7 === 0) { dropped.push(e.text); return []; }
      if (i % 7 === 1) return [{ ...e, type: RETYPE[e.type] }];
      if (i % 7 === 2 && e.link && e.link.id !== 'nil') return [{ ...e, link: { ...e.link, id: 'person:somebody-else' } }];
      return [e];
    }),
  }));
  return { damaged, dropped };
}

describe('the regression gate', () => {
  const gold: GoldArticle[] = loadGold([GOLD]);
  const perfect = gold.map(goldToOutputLine);

  it('gives gold itself perfect scores', () => {
    const m = flattenMetrics(evaluate(gold, perfect));
    for (const [name, value] of Object.entries(m)) expect(value, name).toBe(name.startsWith('calibration.') ? 0 : 1);
  });

  it('fails a damaged run and shows what was dropped, retyped and relinked since the baseline run', () => {
    const baseline: Baseline = { tolerance: 0.005, fixtures: GOLD, metrics: flattenMetrics(evaluate(gold, perfect)), run: storeRun(perfect) };
    const { damaged, dropped } = damage(perfect);
    const regressed = regressions(baseline, flattenMetrics(evaluate(gold, damaged)));
    expect(regressed.map((r) => r.metric)).toEqual(expect.arrayContaining(['ner.strict.f1', 'ner.partial.f1', 'link.accuracy', 'link.kb.f1']));
    const message = explainRegressions(regressed, gold, damaged, restoreRun(baseline.run, gold));
    const first = gold[0].entities[0];
    expect(dropped[0]).toBe(first.text);
    expect(message).toContain(`- ${first.type} ${JSON.stringify(first.text)} @${first.start}-${first.end}`);
    expect(message).toMatch(/\(only in baseline\) {2}\[was right\]/);
    expect(message).toMatch(/~ type ".+" @\d+-\d+: (PS → OG|OG → LC|LC → OG|DT → TI|QT → DT) {2}\[wrong\]/);
    expect(message).toMatch(/→ person:somebody-else {2}\[wrong link\]/);
    expect(message).not.toMatch(/ {2}\[right\]$/m); // damage never fixes anything
  });
});
