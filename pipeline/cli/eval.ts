// `hanlink eval`: scores the pipeline against the gold fixtures and gates on fixtures/baseline.json;
// `hanlink eval klue|dates|links ...` run the scorers of pipeline/eval/ with their checked options.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError, InvalidArgumentError, type Command } from 'commander';
import { loadResources } from '../index.js';
import { packageRoot } from '../run/package.js';
import { DEFAULT_BASELINE, DEFAULT_TOLERANCE, readBaseline, regressions, restoreRun, storeRun, writeBaseline, type Baseline } from '../eval/baseline.js';
import { diffRuns, renderDiff } from '../eval/diff.js';
import { formatGold, goldToOutputLine, loadGold } from '../eval/gold.js';
import { compileGold, readGoldSource } from '../eval/gold-source.js';
import { predictGold } from '../eval/predict.js';
import { explainChanges, goldJudge, renderReport } from '../eval/report.js';
import { evaluate, flattenMetrics } from '../eval/score.js';
import * as dates from '../eval/dates.js';
import * as klue from '../eval/klue.js';
import * as links from '../eval/links.js';

// Relative to the package root, so that `hanlink eval` works from any directory.
export const DEFAULT_GOLD = 'fixtures/gold';
export const DEFAULT_GOLD_SOURCES = 'fixtures/gold/src';
const fromRoot = (p: string) => join(packageRoot(), p);

export interface GoldEvalOptions {
  json?: boolean;
  baseline: string;
  updateBaseline?: boolean;
  nerModel?: string;
  diff?: boolean;
}

/** Scores the pipeline on gold; the exit status is 1 when a metric falls below the baseline. */
export async function runGoldEval(fixtures: string[], opts: GoldEvalOptions): Promise<number> {
  const paths = fixtures.length > 0 ? fixtures : [fromRoot(DEFAULT_GOLD)];
  const gold = loadGold(paths);
  if (gold.length === 0) throw new Error(`no gold articles in ${paths.join(', ')}`);
  const res = await loadResources({ nerModelDir: opts.nerModel });
  const { lines: pred, afterStage } = await predictGold(gold, res);
  const report = evaluate(gold, pred, afterStage);
  const metrics = flattenMetrics(report);

  if (opts.updateBaseline) {
    const tolerance = existsSync(opts.baseline) ? readBaseline(opts.baseline).tolerance : DEFAULT_TOLERANCE;
    writeBaseline(opts.baseline, { tolerance, fixtures: fixtures.length > 0 ? fixtures.join(' ') : DEFAULT_GOLD, metrics, run: storeRun(pred) });
  }
  const baseline: Baseline | null = existsSync(opts.baseline) ? readBaseline(opts.baseline) : null;
  const regressed = baseline ? regressions(baseline, metrics) : [];
  const color = process.stdout.isTTY === true;

  if (opts.json) process.stdout.write(`${JSON.stringify({ metrics, report, regressions: regressed, baseline: baseline ? opts.baseline : null })}\n`);
  else {
    process.stdout.write(renderReport(report, regressed, color));
    if (!baseline) process.stdout.write(`no baseline at ${opts.baseline}: write one with --update-baseline\n`);
    if (regressed.length > 0 && baseline) process.stdout.write(`\n${explainChanges(gold, pred, restoreRun(baseline.run, gold), color)}`);
    if (opts.diff) process.stdout.write(`\n${renderDiff(diffRuns(gold.map(goldToOutputLine), pred), { color, labels: ['gold', 'run'], judge: goldJudge(gold) })}`);
  }
  return regressed.length > 0 ? 1 : 0;
}

/** Re-anchors the gold sources on their cleaned texts and writes fixtures/gold/<id>.json. */
export function compileGoldSources(sources: string[], outDir: string, root = packageRoot()): void {
  // A folder stands for its .yaml files (fixtures/news/src), as the default folder does.
  const yamlIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(dir, f));
  const files = (sources.length > 0 ? sources : [join(root, DEFAULT_GOLD_SOURCES)]).flatMap((s) => (statSync(s).isDirectory() ? yamlIn(s) : [s]));
  for (const file of files) {
    const src = readGoldSource(file);
    const { gold, warnings } = compileGold(src, readFileSync(join(root, src.text_from), 'utf8'));
    const out = join(outDir, `${gold.id}.json`);
    writeFileSync(out, formatGold(gold));
    process.stdout.write(`${out}: ${gold.entities.length} entities, ${gold.dates.length} dates\n`);
    for (const w of warnings) process.stdout.write(`  note: ${w}\n`);
  }
}

/** A non-zero status reaches main() as a CommanderError (pipeline/cli/main.ts). */
export function exitWith(code: number, command: string): void {
  if (code !== 0) throw new CommanderError(code, `hanlink.${command}`, `exit ${code}`);
}

export function register(program: Command): void {
  const evalCmd = program.command('eval').description('score hanlink against gold fixtures (default: the gold command on fixtures/gold/)');
  evalCmd
    .command('gold', { isDefault: true })
    .description('run the pipeline on gold fixtures and print P/R/F1, link accuracy, date values and calibration; exit 1 below the baseline')
    .argument('[fixtures...]', `gold .json files or folders (default: ${DEFAULT_GOLD})`)
    .option('--json', 'print the metrics and the full report as JSON')
    .option('--baseline <file>', `the score floor (default: ${DEFAULT_BASELINE})`)
    .option('--update-baseline', 'write the current scores as the new baseline')
    .option('--diff', 'also print what the run got wrong, article by article (gold vs run)')
    .option('--ner-model <dir>', 'an ONNX token-classification model used beside the built-in one')
    .action(async (fixtures: string[], opts: Partial<GoldEvalOptions>) => {
      exitWith(await runGoldEval(fixtures, { ...opts, baseline: opts.baseline ?? fromRoot(DEFAULT_BASELINE) }), 'eval');
    });
  evalCmd
    .command('gold-compile')
    .description(`anchor gold sources (${DEFAULT_GOLD_SOURCES}/*.yaml) on their cleaned texts and write ${DEFAULT_GOLD}/<id>.json`)
    .argument('[sources...]', 'gold source .yaml files or folders of them (fixtures/news/src)')
    .option('--out <dir>', `where the gold .json files go (default: ${DEFAULT_GOLD})`)
    .action((sources: string[], opts: { out?: string }) => {
      compileGoldSources(sources, opts.out ?? fromRoot(DEFAULT_GOLD));
    });
  evalCmd
    .command('klue')
    .description('KLUE-NER entity-level and character-level macro F1 (seqeval strict) of the pipeline on a KLUE-NER file')
    .argument('<file>', 'a KLUE-NER .tsv file (klue-ner-v1.1_*.tsv)')
    .option('--json', 'print the scores as JSON')
    .option('--ner-model <dir>', 'an ONNX token-classification model used beside the built-in one')
    .option('--limit <n>', 'score only the first N sentences (after --part)', wholeNumber)
    .option('--part <K/M>', 'only the sentences whose index i has i % M == K (9/10: the NER model\'s test split)', part)
    .action(async (file: string, opts: { json?: boolean; nerModel?: string; limit?: number; part?: [number, number] }) => {
      exitWith(await klue.run({ file, json: opts.json, nerModelDir: opts.nerModel, limit: opts.limit, part: opts.part }), 'eval.klue');
    });
  evalCmd
    .command('dates')
    .description('the temporal-expression suite: span and value accuracy by kind')
    .argument('[file]', 'the cases (default: fixtures/dates/expressions.tsv)')
    .option('--json', 'print the summary and the failures as JSON')
    .option('--klue <file>', 'also score DT/TI span agreement with a KLUE-NER .tsv file')
    .action(async (file: string | undefined, opts: { json?: boolean; klue?: string }) => {
      exitWith(await dates.run({ file, json: opts.json, klue: opts.klue }), 'eval.dates');
    });
  evalCmd
    .command('links')
    .description('the linking suite: accuracy, NIL precision/recall, ECE and a reliability table (fitting: `hanlink fit links-calibration`)')
    .argument('[files...]', 'gold files (default: fixtures/links/test.txt)')
    .option('--json', 'print the report as JSON')
    .action(async (files: string[], opts: { json?: boolean }) => {
      exitWith(await links.run({ files, json: opts.json }), 'eval.links');
    });
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

function part(value: string): [number, number] {
  const m = /^(\d+)\/([1-9]\d*)$/.exec(value);
  if (!m || Number(m[1]) >= Number(m[2])) throw new InvalidArgumentError('expected K/M with 0 <= K < M, e.g. 9/10.');
  return [Number(m[1]), Number(m[2])];
}
