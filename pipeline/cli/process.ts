// `hanlink process INPUT... --out FILE.jsonl [--db FILE.sqlite] [--workers N] [--force]
//  [--explain-removals] [--ner-model DIR] [--dates-prefer past|future|auto] [--time-budget SECONDS]
//  [--max-memory MB]`: run the pipeline over articles (CONTRACT.md).
//
// Without INPUT it runs the seeds/ shipped with the package into out/results.jsonl. INPUT `-` reads
// JSON Lines from standard input; `--out -` writes to standard output.
// --workers N: worker threads, each loading the resources once, at most MAX_WORKERS; 0 runs
//   in-process, without isolation (see runner.ts). Default: one worker for a small batch, else one
//   per core (pipeline/run/workers.ts).
// --time-budget, --max-memory: what one article may take (seconds; heap MB per worker) before it
//   fails with the reason while the batch goes on.
// --explain-removals: each line gets an extra last field "removed": [{reason, text}], what cleaning
//   dropped and why (an extension of schema 1; readers ignore fields they do not know).
// The store (--db, default data/hanlink.sqlite) keeps every result; an unchanged article (same
// content, code, models and options) is not recomputed unless --force, and a run that was killed
// resumes where it stopped. A failed result is never reused: it is computed again.
// The output file is replaced only when the run completes (run/output.ts); paths that would
// overwrite an input or the store are refused.
// Exit: 0 all processed, 1 some article failed (its line has "error"), 2 unusable arguments or the
// pipeline could not start, 130 interrupted (Ctrl-C) and 143 terminated (SIGTERM): what finished is
// kept in the store and the output file is left as it was; 141 when the reader of `--out -` went away.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { DatesPrefer } from '../dates/index.js';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { outputSink, unknownOutputFormat } from '../export/index.js';
import { readInputs } from '../ingest/index.js';
import { countInputs, STDIN } from '../ingest/read.js';
import { openOutput, OutputRefused, refuseCollisions } from '../run/output.js';
import { packageRoot } from '../run/package.js';
import { formatSummary, progressReporter } from '../run/progress.js';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIME_BUDGET_S, runBatch, type RunSummary } from '../run/runner.js';
import { StartFailure } from '../run/pool.js';
import { chooseWorkers } from '../run/workers.js';
import { DEFAULT_DB, Store } from '../store/index.js';
import { versions } from '../store/versions.js';

const DEFAULT_OUT = 'out/results.jsonl';

/** More threads than this only cost memory (each loads the resources) and start-up time. */
export const MAX_WORKERS = Math.min(64, 2 * availableParallelism());

/** Exit statuses of a run stopped before its end: 128 + the signal's number, as a shell reports it. */
const STOPPED = { SIGINT: 130, SIGTERM: 143, EPIPE: 141 } as const;

interface ProcessOptions {
  out?: string;
  db: string;
  workers?: number;
  timeBudget: number;
  maxMemory: number;
  force?: boolean;
  explainRemovals?: boolean;
  nerModel?: string;
  datesPrefer: DatesPrefer;
}

export function register(program: Command): void {
  program
    .command('process')
    .description('run the pipeline over articles and write one JSON line per article, in input order')
    .argument('[input...]', 'files or directories (read recursively); default: the seeds/ articles')
    .option('--out <file>', `output JSON Lines file (default with no INPUT: ${DEFAULT_OUT})`)
    .option('--db <file>', 'SQLite store of articles, runs and results', DEFAULT_DB)
    .option('--workers <n>', `worker threads (at most ${MAX_WORKERS}); 0 runs in-process, without isolation (default: 1 for a small batch, else one per core)`, parseWorkers)
    .option('--time-budget <seconds>', 'time one article may take before it fails', parsePositive('seconds'), DEFAULT_TIME_BUDGET_S)
    .option('--max-memory <mb>', 'heap limit of each worker thread, in MB', parsePositive('megabytes'), DEFAULT_MAX_MEMORY_MB)
    .option('--force', 'recompute articles even when a stored result is still valid')
    .option('--explain-removals', 'add "removed" (what cleaning dropped, and why) to each line')
    .option('--ner-model <dir>', 'folder of an ONNX token-classification model used beside the built-in one')
    .addOption(new Option('--dates-prefer <mode>', 'which occurrence a bare weekday, date or time means (docs/dates.md)').choices(['past', 'future', 'auto']).default('auto'))
    .action(async (inputs: string[], opts: ProcessOptions, cmd: Command) => {
      const code = await processCommand(inputs, opts, cmd);
      if (code !== 0) throw new CommanderError(code, 'hanlink.process', `exit ${code}`);
    });
}

function parseWorkers(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of worker threads (0 or more).');
  return Number(value);
}

function parsePositive(unit: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0)) throw new InvalidArgumentError(`expected a positive number of ${unit}.`);
    return n;
  };
}

/** The packaged seeds/, named relative to the cwd when under it, so that sources read "seeds/...". */
function seedsDir(): string {
  const seeds = join(packageRoot(), 'seeds');
  const rel = relative(process.cwd(), seeds);
  return rel.startsWith('..') || isAbsolute(rel) ? seeds : rel;
}

async function processCommand(inputs: string[], opts: ProcessOptions, cmd: Command): Promise<number> {
  const usage = (message: string): never => cmd.error(`hanlink process: ${message}`, { exitCode: 2, code: 'hanlink.usage' });
  const paths = inputs.length > 0 ? inputs : [seedsDir()];
  for (const p of paths) {
    if (p === STDIN) continue;
    if (!existsSync(p)) usage(`input not found: ${p}`);
    const info = statSync(p);
    if (!info.isFile() && !info.isDirectory()) usage(`input is not a regular file or a folder: ${p} (a FIFO or device is not read; pipe it into "-" instead)`);
  }
  if (paths.filter((p) => p === STDIN).length > 1) usage('standard input ("-") can be given once');
  if (opts.nerModel && !existsSync(opts.nerModel)) usage(`--ner-model folder not found: ${opts.nerModel}`);
  const out = opts.out ?? (inputs.length === 0 ? DEFAULT_OUT : usage('--out FILE.jsonl is required with INPUT'));
  let workers = opts.workers;
  if (workers !== undefined && workers > MAX_WORKERS) {
    process.stderr.write(`hanlink process: --workers ${workers} capped to ${MAX_WORKERS} (2 per core, at most 64)\n`);
    workers = MAX_WORKERS;
  }
  try {
    const { summary, runId, stopped } = await runProcess({
      inputs: paths, out, db: opts.db, workers, force: !!opts.force, timeBudgetS: opts.timeBudget, maxMemoryMb: opts.maxMemory,
      explainRemovals: !!opts.explainRemovals, nerModelDir: opts.nerModel, datesPrefer: opts.datesPrefer, progress: true,
    });
    if (stopped === 'EPIPE') return STOPPED.EPIPE; // the reader has all it wanted: nothing to say
    process.stderr.write(formatSummary(summary, { out, runId }));
    if (stopped) return STOPPED[stopped];
    if (summary.interrupted) return STOPPED.SIGINT;
    return summary.failed > 0 ? 1 : 0;
  } catch (err) {
    // Paths that would lose data, and resources that cannot load (a bad --ner-model, missing
    // models), leave nothing to run.
    if (!(err instanceof StartFailure) && !(err instanceof OutputRefused)) throw err;
    process.stderr.write(`hanlink process: ${err.message}\n`);
    return 2;
  }
}

export interface ProcessRun {
  inputs: string[];
  /** A file, or "-" for standard output. */
  out: string;
  db: string;
  /** Worker threads; undefined: chosen from the batch size (chooseWorkers). */
  workers?: number;
  force: boolean;
  explainRemovals: boolean;
  nerModelDir?: string;
  datesPrefer?: DatesPrefer;
  timeBudgetS?: number;
  maxMemoryMb?: number;
  /** Show the progress (bar on a terminal only) and stop gracefully on Ctrl-C and SIGTERM. */
  progress: boolean;
}

/** What ended a run early: a signal, or the reader of standard output going away. */
export type Stop = 'SIGINT' | 'SIGTERM' | 'EPIPE';

/**
 * A whole `hanlink process` run on checked arguments: store run, output, runner. Also used by bench/.
 * Throws OutputRefused, before anything is written, for paths that would lose data.
 */
export async function runProcess(p: ProcessRun): Promise<{ summary: RunSummary; runId: number; stopped?: Stop }> {
  refuseCollisions({ inputs: p.inputs, out: p.out, db: p.db });
  const abort = new AbortController();
  let stopped: Stop | undefined;
  const stop = (why: Stop) => {
    stopped ??= why;
    abort.abort();
  };
  const output = openOutput(p.out, () => stop('EPIPE'));
  const badFormat = unknownOutputFormat(p.out);
  if (badFormat) {
    output.discard();
    throw new OutputRefused(badFormat);
  }
  const sink = outputSink(p.out, (chunk) => void output.write(chunk)); // JSON Lines, or the format --out's extension names
  let store: Store | undefined;
  let runId = 0;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    if (abort.signal.aborted) {
      // Second signal: stop now. What was committed stays; the output target is left as it was.
      output.discard();
      if (runId) store?.finishRun(runId, 'interrupted');
      process.exit(STOPPED[signal]);
    }
    process.stderr.write(`\nhanlink: ${signal}: stopping after the articles in flight (again to stop now)\n`);
    stop(signal);
  };
  const onSigint = () => onSignal('SIGINT');
  const onSigterm = () => onSignal('SIGTERM');
  try {
    store = Store.open(p.db);
    runId = store.beginRun(versions(p.nerModelDir), { explainRemovals: p.explainRemovals, datesPrefer: p.datesPrefer ?? 'auto' });
    if (p.progress) {
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', onSigterm);
    }
    const bar = p.progress ? progressReporter(process.stderr) : undefined;
    // Counting reads the inputs once more: only worth it where a bar shows the total.
    const total = bar && process.stderr.isTTY ? await countInputs(p.inputs) : null;
    let summary: RunSummary;
    try {
      const batch = p.workers === undefined ? await chooseWorkers(readInputs(p.inputs)) : { workers: p.workers, items: readInputs(p.inputs) };
      summary = await runBatch(batch.items, {
        workers: batch.workers,
        timeBudgetS: p.timeBudgetS,
        maxMemoryMb: p.maxMemoryMb,
        total,
        resources: { nerModelDir: p.nerModelDir, datesPrefer: p.datesPrefer },
        article: { explainRemovals: p.explainRemovals },
        store: { store, runId, force: p.force },
        write: sink.line,
        onProgress: bar && ((progress) => bar.update(progress)),
        onLoading: bar && ((workers) => bar.loading(workers)),
        onLoaded: bar && ((ms) => bar.loaded(ms)),
        signal: abort.signal,
      });
    } finally {
      bar?.stop();
    }
    if (summary.interrupted) output.discard();
    else {
      sink.end();
      output.commit();
    }
    store.finishRun(runId, summary.interrupted ? 'interrupted' : 'done');
    return { summary, runId, stopped };
  } catch (err) {
    output.discard();
    if (runId) store?.finishRun(runId, 'aborted');
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    store?.close();
  }
}
