// `hanlink process INPUT... --out FILE.jsonl [--db FILE.sqlite] [--workers N] [--force]
//  [--explain-removals] [--ner-model DIR]`: run the pipeline over articles (CONTRACT.md).
//
// Without INPUT it runs the seeds/ shipped with the package into out/results.jsonl.
// --workers N: worker threads, each loading the resources once (default: the number of cores);
//   0 or 1 runs in-process, since a single worker would only add message passing.
// --explain-removals: each line gets an extra last field "removed": [{reason, text}], what cleaning
//   dropped and why (an extension of schema 1; readers ignore fields they do not know).
// The store (--db, default data/hanlink.sqlite) keeps every result; an unchanged article (same
// content, code, models and options) is not recomputed unless --force, and a run that was killed
// resumes where it stopped. A failed result is never reused: it is computed again.
// Exit: 0 all processed, 1 some article failed (its line has "error"), 2 unusable arguments or the
// pipeline could not start, 130 interrupted (Ctrl-C; what finished is kept in the store).
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { outputSink, unknownOutputFormat } from '../export/index.js';
import { readInputs } from '../ingest/index.js';
import { packageRoot } from '../run/package.js';
import { formatSummary, progressReporter } from '../run/progress.js';
import { runBatch, type RunSummary } from '../run/runner.js';
import { StartFailure } from '../run/pool.js';
import { DEFAULT_DB, Store } from '../store/index.js';
import { versions } from '../store/versions.js';

const DEFAULT_OUT = 'out/results.jsonl';

interface ProcessOptions {
  out?: string;
  db: string;
  workers: number;
  force?: boolean;
  explainRemovals?: boolean;
  nerModel?: string;
}

export function register(program: Command): void {
  program
    .command('process')
    .description('run the pipeline over articles and write one JSON line per article, in input order')
    .argument('[input...]', 'files or directories (read recursively); default: the seeds/ articles')
    .option('--out <file>', `output JSON Lines file (default with no INPUT: ${DEFAULT_OUT})`)
    .option('--db <file>', 'SQLite store of articles, runs and results', DEFAULT_DB)
    .option('--workers <n>', 'worker threads; 0 or 1 runs in-process', parseWorkers, availableParallelism())
    .option('--force', 'recompute articles even when a stored result is still valid')
    .option('--explain-removals', 'add "removed" (what cleaning dropped, and why) to each line')
    .option('--ner-model <dir>', 'folder of an ONNX token-classification model used beside the built-in one')
    .action(async (inputs: string[], opts: ProcessOptions, cmd: Command) => {
      const code = await processCommand(inputs, opts, cmd);
      if (code !== 0) throw new CommanderError(code, 'hanlink.process', `exit ${code}`);
    });
}

function parseWorkers(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of worker threads (0 or more).');
  return Number(value);
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
  for (const p of paths) if (!existsSync(p)) usage(`input not found: ${p}`);
  if (opts.nerModel && !existsSync(opts.nerModel)) usage(`--ner-model folder not found: ${opts.nerModel}`);
  const out = opts.out ?? (inputs.length === 0 ? DEFAULT_OUT : usage('--out FILE.jsonl is required with INPUT'));
  const badFormat = unknownOutputFormat(out);
  if (badFormat) usage(badFormat);
  try {
    const { summary } = await runProcess({
      inputs: paths, out, db: opts.db, workers: opts.workers, force: !!opts.force,
      explainRemovals: !!opts.explainRemovals, nerModelDir: opts.nerModel, progress: true,
    });
    process.stderr.write(formatSummary(summary));
    if (summary.interrupted) return 130;
    return summary.failed > 0 ? 1 : 0;
  } catch (err) {
    // Resources that cannot load (a bad --ner-model, missing models) leave nothing to run.
    if (!(err instanceof StartFailure)) throw err;
    process.stderr.write(`hanlink process: ${err.message}\n`);
    return 2;
  }
}

export interface ProcessRun {
  inputs: string[];
  out: string;
  db: string;
  workers: number;
  force: boolean;
  explainRemovals: boolean;
  nerModelDir?: string;
  /** Show the progress bar (on a terminal only) and stop gracefully on Ctrl-C. */
  progress: boolean;
}

/** A whole `hanlink process` run on checked arguments: store run, output file, runner. Also used by bench/. */
export async function runProcess(p: ProcessRun): Promise<{ summary: RunSummary; runId: number }> {
  const store = Store.open(p.db);
  const runId = store.beginRun(versions(p.nerModelDir), { explainRemovals: p.explainRemovals });
  mkdirSync(dirname(p.out), { recursive: true });
  const fd = openSync(p.out, 'w');
  const sink = outputSink(p.out, (chunk) => writeSync(fd, chunk)); // JSON Lines, or the format --out's extension names
  const bar = p.progress ? progressReporter(process.stderr) : undefined;
  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130); // second Ctrl-C: stop now; committed results stay
    process.stderr.write('\nhanlink: stopping after the articles in flight (Ctrl-C again to stop now)\n');
    abort.abort();
  };
  if (p.progress) process.on('SIGINT', onSigint);
  try {
    const summary = await runBatch(readInputs(p.inputs), {
      workers: p.workers,
      resources: { nerModelDir: p.nerModelDir },
      article: { explainRemovals: p.explainRemovals },
      store: { store, runId, force: p.force },
      write: sink.line,
      onProgress: bar && ((progress) => bar.update(progress)),
      signal: abort.signal,
    });
    sink.end();
    bar?.stop();
    store.finishRun(runId, summary.interrupted ? 'interrupted' : 'done');
    return { summary, runId };
  } catch (err) {
    bar?.stop();
    store.finishRun(runId, 'aborted');
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
    closeSync(fd);
    store.close();
  }
}
