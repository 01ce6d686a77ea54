// The evaluation report as a readable table, grouped by the stage each score measures, and the
// explanation of a failed gate: what changed since the baseline run, judged against gold.
import { styleText } from 'node:util';
import type { OutputLine } from '../types.js';
import type { Regression } from './baseline.js';
import { diffRuns, renderDiff, type Judge } from './diff.js';
import { goldToOutputLine, type GoldArticle } from './gold.js';
import type { PRF } from './metrics.js';
import { ENTITY_TYPES, LINKED_TYPES, lowerIsBetter, type EvalReport } from './score.js';

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
const prfCells = (s: PRF) => `${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}   tp ${s.tp} fp ${s.fp} fn ${s.fn}`;

export function renderReport(r: EvalReport, regressed: readonly Regression[], color: boolean): string {
  const paint = (style: Parameters<typeof styleText>[0], s: string) => (color ? styleText(style, s) : s);
  const out: string[] = [];
  out.push(paint('bold', `hanlink eval: ${r.articles} gold articles`));
  if (r.missing.length) out.push(paint('red', `  missing from the run: ${r.missing.join(', ')}`));
  for (const f of r.failed) out.push(paint('red', `  failed: ${f.id} at ${f.stage}: ${f.message}`));

  out.push('', paint('bold', 'ner: entities                P     R     F1'));
  out.push(`  all, strict          ${prfCells(r.ner.strict)}`);
  out.push(`  all, partial overlap ${prfCells(r.ner.partial)}`);
  for (const t of ENTITY_TYPES) {
    const s = r.ner.byType[t];
    if (s.strict.tp + s.strict.fn + s.strict.fp === 0) continue;
    out.push(`  ${t}, strict           ${prfCells(s.strict)}`);
    out.push(`  ${t}, partial          ${prfCells(s.partial)}`);
  }

  if (r.stages.length > 0) {
    const types = ENTITY_TYPES.filter((t) => r.ner.byType[t].strict.tp + r.ner.byType[t].strict.fn > 0);
    out.push('', paint('bold', 'entities after each stage (strict P/R/F1, partial F1, strict F1 per type)'));
    out.push(`  ${'stage'.padEnd(9)}     P     R    F1  part.   ${types.map((t) => t.padStart(5)).join(' ')}`);
    for (const { stage, ner } of r.stages)
      out.push(`  ${stage.padEnd(9)} ${pct(ner.strict.precision)} ${pct(ner.strict.recall)} ${pct(ner.strict.f1)}  ${pct(ner.partial.f1)}   ${types.map((t) => pct(ner.byType[t].strict.f1)).join(' ')}`);
  }

  out.push('', paint('bold', 'dates: temporal values        P     R     F1'));
  out.push(`  span                 ${prfCells(r.dates.span)}`);
  out.push(`  span + value         ${prfCells(r.dates.value)}`);
  out.push(`  value accuracy on matched spans ${pct(r.dates.valueAccuracy)}`);

  const l = r.link;
  out.push('', paint('bold', 'link: entity linking'));
  out.push(`  accuracy on found spans  ${pct(l.accuracy)}   (${l.correct} of ${l.found}; ${l.gold} gold mentions with a link decision)`);
  out.push(`  end-to-end accuracy      ${pct(l.endToEnd)}`);
  for (const t of LINKED_TYPES) {
    const a = l.byType[t];
    if (a.gold > 0) out.push(`    ${t}: on found spans ${pct(a.accuracy)} (${a.correct} of ${a.found}), end to end ${pct(a.endToEnd)} (of ${a.gold})`);
  }
  out.push(`  KB links (span+id)   ${prfCells(l.kb)}`);
  out.push(`  NIL                  ${prfCells(l.nil)}`);
  if (r.references.articles > 0) out.push(`  references (span+id) ${prfCells(r.references)}   (title and group phrases, ${r.references.articles} articles)`);

  out.push('', paint('bold', 'calibration: expected calibration error (10 bins; lower is better)'));
  out.push(`  entity confidence  ECE ${r.calibration.entity.ece.toFixed(3)}  over ${r.calibration.entity.n} predictions`);
  out.push(`  link confidence    ECE ${r.calibration.link.ece.toFixed(3)}  over ${r.calibration.link.n} links on gold spans`);

  out.push('');
  if (regressed.length === 0) out.push(paint('green', 'baseline: no metric worse than the baseline allows'));
  else {
    out.push(paint('red', `baseline: ${regressed.length} metric(s) worse than the baseline allows`));
    for (const g of regressed) out.push(paint('red', `  ${g.metric}: ${g.current === undefined ? 'missing' : g.current.toFixed(4)} (baseline ${g.baseline.toFixed(4)})`));
  }
  return `${out.join('\n')}\n`;
}

/** Judges a run's entities and dates against gold: span and type (or span) first, then link (or value). */
export function goldJudge(gold: readonly GoldArticle[]): Judge {
  const byId = new Map(gold.map((g) => [g.id, g]));
  return {
    entity: (id, e) => {
      const g = byId.get(id)?.entities.find((x) => x.start === e.start && x.end === e.end && x.type === e.type);
      return !g ? 'wrong' : g.link === null || g.link === e.link ? 'right' : 'wrong link';
    },
    date: (id, d) => {
      const g = byId.get(id)?.dates.find((x) => x.start === d.start && x.end === d.end);
      return !g ? 'wrong' : g.value === d.value ? 'right' : 'wrong value';
    },
    reference: (id, r) => {
      const g = byId.get(id)?.references?.find((x) => x.start === r.start && x.end === r.end);
      return !g ? 'wrong' : g.links.includes(r.link) ? 'right' : 'wrong link';
    },
  };
}

/**
 * What changed since the baseline run, each change tagged right or wrong against gold; without a
 * stored baseline run, everything the run gets wrong.
 */
export function explainChanges(gold: readonly GoldArticle[], pred: readonly OutputLine[], baselineRun: readonly OutputLine[] = [], color = false): string {
  if (baselineRun.length > 0) {
    const diff = renderDiff(diffRuns(baselineRun, pred), { color, labels: ['baseline', 'run'], judge: goldJudge(gold) });
    return `what changed since the baseline run (- lost, + gained, ~ changed; [right], [wrong], [wrong link] against gold):\n${diff}`;
  }
  const diff = renderDiff(diffRuns(gold.map(goldToOutputLine), pred), { color, labels: ['gold', 'run'] });
  return `what the run gets wrong (- missed, + invented, ~ changed; gold vs run):\n${diff}`;
}

/** Why the gate failed: the regressed metrics, then the changes that explain them. */
export function explainRegressions(regressed: readonly Regression[], gold: readonly GoldArticle[], pred: readonly OutputLine[], baselineRun: readonly OutputLine[] = []): string {
  const metrics = regressed.map((g) => `  ${g.metric}: ${g.current === undefined ? 'missing' : g.current.toFixed(4)} ${lowerIsBetter(g.metric) ? '>' : '<'} baseline ${g.baseline.toFixed(4)}`);
  return `${regressed.length} metric(s) are worse than the baseline allows:\n${metrics.join('\n')}\n\n${explainChanges(gold, pred, baselineRun)}`;
}
