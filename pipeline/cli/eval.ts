// `hanlink eval`: scores the pipeline against the gold fixtures and gates on fixtures/baseline.json;
// `hanlink eval klue|dates|links ...` hand their arguments to the scorers other modules own.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { loadResources } from '../index.js';
import { packageRoot } from '../run/package.js';
import { DEFAULT_BASELINE, DEFAULT_TOLERANCE, readBaseline, regressions, restoreRun, storeRun, writeBaseline, type Baseline } from '../eval/baseline.js';
import { diffRuns, renderDiff } from '../eval/diff.js';
import { formatGold, goldToOutputLine, loadGold } from '../eval/gold.js';
import { compileGold, readGoldSource } from '../eval/gold-source.js';
import { predictGold } from '../eval/predict.js';
import { explainChanges, goldJudge, renderReport } from '../eval/report.js';
import { evaluate, flattenMetrics } from '../eval/score.js';

// Relative to the package root, so that `hanlink eval` works from any directory.
export const DEFAULT_GOLD = 'fixtures/gold';
export const DEFAULT_GOLD_SOURCES = 'fixtures/gold/src';
const fromRoot = (p: string) => join(packageRoot(), p);

/** Scorers owned by other modules; each exports `run(argv): Promise<number>`. */
const DELEGATES: Record<string, { module: string; usage: string }> = {
  klue: { module: '../eval/klue.js', usage: 'FILE.tsv: token-level and entity-level scores on KLUE-NER data' },
  dates: { module: '../eval/dates.js', usage: '[FILE]: temporal normalization suite' },
  links: { module: '../eval/links.js', usage: '[FILE]: entity linking suite' },
};

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

/** Runs another module's scorer; a module that is missing or has no run(argv) is reported (exit 2), not a crash. */
export async function runDelegate(name: string, argv: string[], delegates: Record<string, { module: string }> = DELEGATES): Promise<number> {
  const { module } = delegates[name];
  let mod: { run?: (argv: string[]) => Promise<number> };
  try {
    // A computed specifier: the module may not exist yet, and its absence must not break the CLI.
    mod = (await import(new URL(module, import.meta.url).href)) as typeof mod;
  } catch (err) {
    process.stderr.write(`hanlink eval ${name}: not available (${module.replace('../', 'pipeline/').replace(/\.js$/, '.ts')} could not be loaded: ${(err as Error).message})\n`);
    return 2;
  }
  if (typeof mod.run !== 'function') {
    process.stderr.write(`hanlink eval ${name}: ${module} exports no run(argv)\n`);
    return 2;
  }
  return mod.run(argv);
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
  for (const [name, { usage }] of Object.entries(DELEGATES)) {
    evalCmd
      .command(name)
      .description(usage)
      .argument('[args...]', 'passed on unchanged')
      .allowUnknownOption()
      .helpOption(false)
      .action(async (args: string[]) => {
        exitWith(await runDelegate(name, args), `eval.${name}`);
      });
  }
}
