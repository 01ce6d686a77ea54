// The real-news labeled set (fixtures/news/): gold in step with its sources and the KB, spread over
// years and outlets, and the pipeline gated on its own baseline (separate from the seeds').
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadResources } from '../../pipeline/index.js';
import { readBaseline, regressions, restoreRun } from '../../pipeline/eval/baseline.js';
import { goldToOutputLine, loadGold } from '../../pipeline/eval/gold.js';
import { compileGold, readGoldSource } from '../../pipeline/eval/gold-source.js';
import { predictGold } from '../../pipeline/eval/predict.js';
import { explainRegressions } from '../../pipeline/eval/report.js';
import { evaluate, flattenMetrics } from '../../pipeline/eval/score.js';
import { defaultKbDir, readKnowledgeBase } from '../../pipeline/link/kb.js';

const NEWS = 'fixtures/news';
const SOURCES = join(NEWS, 'src');
const BASELINE = join(NEWS, 'baseline.json');
const gold = loadGold([join(NEWS, 'gold')]);

describe('real-news gold', () => {
  it('has at least 24 articles of different years 2017–2026 and different outlets', () => {
    expect(gold.length).toBeGreaterThanOrEqual(24);
    const years = new Set(gold.map((g) => g.published!.slice(0, 4)));
    for (let y = 2017; y <= 2026; y++) expect(years, String(y)).toContain(String(y));
    // The outlet is named in each source's header comment.
    const outlets = new Set(readdirSync(SOURCES).map((f) => /^# ([^,]+),/.exec(readFileSync(join(SOURCES, f), 'utf8'))?.[1]));
    expect(outlets.size).toBeGreaterThanOrEqual(10);
  });

  it('matches its sources and texts, and links only to KB ids or nil', () => {
    const kb = readKnowledgeBase(defaultKbDir());
    for (const file of readdirSync(SOURCES).filter((f) => f.endsWith('.yaml'))) {
      const src = readGoldSource(join(SOURCES, file));
      const g = gold.find((x) => x.id === src.id);
      expect(g, `${file}: no gold/${src.id}.json; run hanlink eval gold-compile ${SOURCES} --out ${NEWS}/gold`).toBeDefined();
      expect(compileGold(src, readFileSync(src.text_from, 'utf8')).gold, `${file} and its gold disagree`).toEqual(g);
    }
    const unknown = gold.flatMap((g) => g.entities.filter((e) => e.link && e.link !== 'nil' && !kb.get(e.link)).map((e) => `${g.id}: ${e.text} → ${e.link}`));
    expect(unknown).toEqual([]);
    // Every PS/OG/LC carries a decision; entities the KB lacks are part of the set.
    expect(gold.flatMap((g) => g.entities).filter((e) => ['PS', 'OG', 'LC'].includes(e.type) && e.link === null)).toEqual([]);
    expect(gold.flatMap((g) => g.entities).filter((e) => e.link === 'nil').length).toBeGreaterThan(20);
  });
});

describe('link accuracy per type', () => {
  it('counts each gold PS/OG/LC under its own type, found or not', () => {
    const g = gold.find((x) => x.id.startsWith('n01_'))!;
    const perfect = goldToOutputLine(g);
    const firstOg = perfect.entities.findIndex((e) => e.type === 'OG');
    const firstLc = perfect.entities.findIndex((e) => e.type === 'LC');
    // One organization linked wrongly, one place not found at all.
    const damaged = { ...perfect, entities: perfect.entities.map((e, i) => (i === firstOg ? { ...e, link: { ...e.link!, id: 'org:un' } } : e)).filter((_, i) => i !== firstLc) };
    const count = (t: string) => g.entities.filter((e) => e.type === t).length;
    const { byType } = evaluate([g], [damaged]).link;
    expect(byType.PS).toEqual({ gold: count('PS'), found: count('PS'), correct: count('PS'), accuracy: 1, endToEnd: 1 });
    expect(byType.OG).toMatchObject({ gold: count('OG'), found: count('OG'), correct: count('OG') - 1 });
    expect(byType.LC).toMatchObject({ gold: count('LC'), found: count('LC') - 1, correct: count('LC') - 1, accuracy: 1 });
  });
});

describe('real-news regression', () => {
  it('scores the pipeline at or above fixtures/news/baseline.json, link accuracy per type included', async () => {
    const { lines: pred } = await predictGold(gold, await loadResources());
    const metrics = flattenMetrics(evaluate(gold, pred));
    for (const t of ['PS', 'OG', 'LC']) expect(metrics[`link.${t}.accuracy`], t).toBeGreaterThan(0);
    const baseline = readBaseline(BASELINE);
    const regressed = regressions(baseline, metrics);
    expect(regressed, regressed.length ? explainRegressions(regressed, gold, pred, restoreRun(baseline.run, gold)) : '').toEqual([]);
  });
});
