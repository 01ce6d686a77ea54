// `hanlink worker`: takes article jobs from the queue until stopped. Articles run in `concurrency`
// worker threads that load the resources once (the runner's pool and article worker), so the event
// loop stays free to renew the job locks while articles are computed.
//
// What becomes of an article:
// - the pipeline ran (an article error per the contract included): the job completes with its line;
// - the thread crashed under it or it ran past the timeout: the try fails and BullMQ retries it with
//   exponential backoff, until its attempts are spent, then it is failed with the reason;
// - this whole process died (killed, out of memory): its lock expires, another worker's stalled
//   check puts the job back in the queue (once; a job that stalls again is failed as poison).
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { loadSharedResources, type ResourceOptions } from '../index.js';
import type { ArticleOutcome } from '../run/article.js';
import type { ArticleWorkerData } from '../run/article-worker.js';
import { WorkerPool } from '../run/pool.js';
import type { InputItem } from '../ingest/index.js';
import { versions } from '../store/versions.js';
import { connect, fromJob, type ArticleJob, type ArticleResult } from './batch.js';

export interface QueueWorkerOptions {
  redis: string;
  queue: string;
  concurrency: number;
  /** A try that takes longer fails (and is retried): its thread is stopped and replaced. */
  timeoutMs: number;
  /** How long a job lock lasts unrenewed: a dead worker's jobs go back to the queue after about this (up to twice). */
  lockMs: number;
  resources: ResourceOptions;
  /** The worker-thread entry (tests swap in a faulty one); default the runner's article worker. */
  workerScript?: URL;
  /** Recorded on each job it completes (`processedBy`); default BullMQ's. */
  name?: string;
  /** Hears what happens to jobs (one line each), e.g. to print it. */
  log?(line: string): void;
}

export interface QueueWorker {
  /** Stops taking jobs, lets those running finish, and ends the threads. */
  close(): Promise<void>;
}

export async function startWorker(opts: QueueWorkerOptions): Promise<QueueWorker> {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  // One article per thread at a time; a thread past the time budget is stopped and replaced by the pool.
  const pool = new WorkerPool<InputItem, ArticleOutcome>({
    size: opts.concurrency,
    script: opts.workerScript ?? new URL(`../run/article-worker${ext}`, import.meta.url),
    // The dictionary and NER table are read once here and shared by the threads (resources.ts).
    workerData: { resources: opts.resources, shared: await loadSharedResources(), article: { explainRemovals: false } } satisfies ArticleWorkerData,
    timeBudgetMs: opts.timeoutMs,
  });
  await pool.ready.catch(async (err: unknown) => {
    await pool.close();
    throw err;
  });
  const mine = versions(opts.resources.nerModelDir);
  const log = opts.log ?? (() => {});

  const processor = async (job: Job<ArticleJob, ArticleResult>): Promise<ArticleResult> => {
    const theirs = job.data.versions;
    if (theirs.code !== mine.code || theirs.model !== mine.model) {
      // Its line would differ from what `hanlink process` gives on the enqueueing side.
      throw new UnrecoverableError(`enqueued with code ${theirs.code} and models ${theirs.model}; this worker runs code ${mine.code} and models ${mine.model}`);
    }
    // A crash or a timeout rejects, and BullMQ retries the job.
    return { line: (await pool.run(fromJob(job.data))).line };
  };

  const connection = connect(opts.redis);
  const worker = new Worker<ArticleJob, ArticleResult>(opts.queue, processor, {
    connection,
    concurrency: opts.concurrency,
    lockDuration: opts.lockMs,
    stalledInterval: opts.lockMs,
    name: opts.name,
  });
  const name = (job: Job<ArticleJob> | undefined) => (job ? `article ${job.data.seq} (${job.data.item.id})` : 'a job');
  worker.on('failed', (job, err) => {
    const tries = job ? `try ${job.attemptsMade} of ${job.opts.attempts ?? 1}` : '';
    log(`${name(job)}: ${tries}: ${err.message}`);
  });
  worker.on('stalled', (id) => log(`job ${id}: its worker stopped renewing the lock; back in the queue`));
  worker.on('error', (err) => log(`queue error: ${err.message}`));
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      connection.disconnect();
      await pool.close();
    },
  };
}
