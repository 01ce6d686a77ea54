// The distributed batch on BullMQ + Redis (pipeline/queue/):
//   hanlink enqueue INPUT... --redis URL [--queue NAME] [--attempts N] [--backoff MS] [--replace]
//   hanlink worker --redis URL [--queue NAME] [--concurrency N] [--timeout MS] [--lock MS] [--ner-model DIR]
//   hanlink collect --redis URL [--queue NAME] --out FILE.jsonl [--wait MS]
// Any number of workers, on any machine that reaches Redis, with the same hanlink version and
// models as the enqueueing side (a worker refuses jobs enqueued with other ones). `collect` writes
// the lines `hanlink process` would write for the same input, in input order.
// Exit: 0; 1 (collect) when some article failed; 2 unusable arguments, Redis unreachable, a queue
// holding another batch, or a worker that cannot load the pipeline.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { readInputs } from '../ingest/index.js';
import { StartFailure } from '../run/pool.js';
import { DEFAULT_TIME_BUDGET_S } from '../run/runner.js';
import { checkReachable, DEFAULT_QUEUE } from '../queue/batch.js';
import { collect } from '../queue/collect.js';
import { BatchConflict, enqueue } from '../queue/enqueue.js';
import { startWorker } from '../queue/worker.js';

const positive = (what: string) => (value: string): number => {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError(`expected ${what} (a whole number above 0).`);
  return Number(value);
};

const fail = (command: string, message: string, code = 2): never => {
  process.stderr.write(`hanlink ${command}: ${message}\n`);
  throw new CommanderError(code, `hanlink.${command}`, message);
};

async function reach(command: string, url: string): Promise<void> {
  await checkReachable(url).catch((err: Error) => fail(command, err.message));
}

export function register(program: Command): void {
  program
    .command('enqueue')
    .description('put articles on a Redis queue (BullMQ), one job each, for `hanlink worker`s to process')
    .argument('<input...>', 'files or directories (read recursively)')
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://127.0.0.1:6379')
    .option('--queue <name>', 'queue name: one batch per queue', DEFAULT_QUEUE)
    .option('--attempts <n>', 'tries per article when its worker crashes or times out', positive('a number of tries'), 3)
    .option('--backoff <ms>', 'delay before the first retry, doubled at each further one', positive('milliseconds'), 1000)
    .option('--replace', 'empty the queue first (a new batch under the same name)')
    .option('--ner-model <dir>', 'the --ner-model the workers run with (checked against theirs)')
    .action(async (inputs: string[], opts: { redis: string; queue: string; attempts: number; backoff: number; replace?: boolean; nerModel?: string }) => {
      for (const p of inputs) if (!existsSync(p)) fail('enqueue', `input not found: ${p}`);
      await reach('enqueue', opts.redis);
      try {
        const s = await enqueue(readInputs(inputs), { redis: opts.redis, queue: opts.queue, attempts: opts.attempts, backoffMs: opts.backoff, replace: opts.replace, nerModelDir: opts.nerModel });
        process.stderr.write(`hanlink enqueue: ${s.total} articles on queue "${opts.queue}" (${s.total - s.existing} added, ${s.existing} already there)\n`);
      } catch (err) {
        if (err instanceof BatchConflict) fail('enqueue', err.message);
        throw err;
      }
    });

  program
    .command('worker')
    .description('process article jobs from a Redis queue until stopped (Ctrl-C or SIGTERM: finishes the jobs in hand)')
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://127.0.0.1:6379')
    .option('--queue <name>', 'queue name', DEFAULT_QUEUE)
    .option('--concurrency <n>', 'articles at once, each in its own thread', positive('a number of threads'), availableParallelism())
    .option('--timeout <ms>', 'a try that takes longer fails and is retried', positive('milliseconds'), DEFAULT_TIME_BUDGET_S * 1000)
    .option('--lock <ms>', 'job lock duration: a killed worker\'s jobs are taken over after at most twice this', positive('milliseconds'), 30_000)
    .option('--ner-model <dir>', 'folder of an ONNX token-classification model used beside the built-in one')
    .action(async (opts: { redis: string; queue: string; concurrency: number; timeout: number; lock: number; nerModel?: string }) => {
      await reach('worker', opts.redis);
      const log = (line: string) => process.stderr.write(`hanlink worker: ${line}\n`);
      const worker = await startWorker({
        redis: opts.redis, queue: opts.queue, concurrency: opts.concurrency, timeoutMs: opts.timeout, lockMs: opts.lock,
        resources: { nerModelDir: opts.nerModel }, log,
      }).catch((err: unknown) => (err instanceof StartFailure ? fail('worker', err.message) : Promise.reject(err)));
      log(`ready: ${opts.concurrency} thread(s) on queue "${opts.queue}"`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          log('stopping after the articles in hand');
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await worker.close();
    });

  program
    .command('collect')
    .description('wait for a queued batch to finish and write its lines in input order (atomically)')
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://127.0.0.1:6379')
    .requiredOption('--out <file>', 'output JSON Lines file')
    .option('--queue <name>', 'queue name', DEFAULT_QUEUE)
    .option('--wait <ms>', 'give up (exit 2) when the batch is not finished after this long; default: wait', positive('milliseconds'))
    .action(async (opts: { redis: string; out: string; queue: string; wait?: number }) => {
      await reach('collect', opts.redis);
      const s = await collect({ redis: opts.redis, queue: opts.queue, out: opts.out, waitMs: opts.wait }).catch((err: Error) => fail('collect', err.message));
      process.stderr.write(`hanlink collect: ${s.total} articles → ${opts.out}; ${s.errors} with an error, of which ${s.failed.length} failed in the workers\n`);
      for (const f of s.failed) process.stderr.write(`  failed: article ${f.seq} ${f.id} (${f.source}) after ${f.attempts} tries: ${f.reason}\n`);
      if (s.errors > 0) throw new CommanderError(1, 'hanlink.collect', 'some articles failed');
    });
}
