// The fixture regression: the pipeline on the gold fixtures must score at or above the checked-in
// baseline; a failure prints what broke. The second part shows the gate catching a damaged run.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadResources } from '../../pipeline/index.js';
import { readBaseline, regressions, type Baseline } from '../../pipeline/eval/baseline.js';
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
    const regressed = regressions(readBaseline(BASELINE), flattenMetrics(evaluate(gold, pred)));
    expect(regressed, regressed.length ? explainRegressions(regressed, gold, pred) : '').toEqual([]);
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

  it('fails a damaged run and reports what was dropped, retyped and relinked', () => {
    const baseline: Baseline = { tolerance: 0.005, fixtures: GOLD, metrics: flattenMetrics(evaluate(gold, perfect)) };
    const { damaged, dropped } = damage(perfect);
    const regressed = regressions(baseline, flattenMetrics(evaluate(gold, damaged)));
    const names = regressed.map((r) => r.metric);
    expect(names).toEqual(expect.arrayContaining(['ner.strict.f1', 'ner.partial.f1', 'link.accuracy', 'link.kb.f1']));
    const message = explainRegressions(regressed, gold, damaged);
    expect(message).toContain(`- ${gold[0].entities[0].type} ${JSON.stringify(dropped[0])}`);
    expect(message).toMatch(/~ type ".+" @\d+-\d+: PS → OG|~ type ".+" @\d+-\d+: OG → LC/);
    expect(message).toContain('→ person:somebody-else');
  });
});
