// `hanlink collect`: once every job of the batch has completed or failed, writes their lines in
// input order to the output file, atomically (a temporary file renamed over it). A failed job still
// gets its line, with `error` {stage: "worker"} and the reason, as `hanlink process` writes an
// article whose worker died.
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { writeAtomically } from '../export/atomic-file.js';
import { failedOutcome } from '../run/article.js';
import type { ArticleError } from '../types.js';
import { connect, fromJob, jobId, readMeta, type ArticleJob, type ArticleResult } from './batch.js';

export interface CollectOptions {
  redis: string;
  queue: string;
  out: string;
  /** Give up (an Error) when the batch is not finished after this long; default: wait. */
  waitMs?: number;
  pollMs?: number;
  onProgress?(done: number, total: number): void;
}

export interface FailedArticle {
  seq: number;
  id: string;
  source: string;
  reason: string;
  attempts: number;
}

export interface CollectSummary {
  total: number;
  /** Articles whose line carries an error (an article error per the contract, or a failed job). */
  errors: number;
  /** The failed jobs (poison articles), with their reasons. */
  failed: FailedArticle[];
}

const CHUNK = 200;

export async function collect(opts: CollectOptions): Promise<CollectSummary> {
  const connection = connect(opts.redis);
  const queue = new Queue<ArticleJob, ArticleResult>(opts.queue, { connection });
  try {
    const deadline = opts.waitMs === undefined ? Infinity : Date.now() + opts.waitMs;
    const total = await finished(connection, queue, deadline, opts);
    const summary: CollectSummary = { total, errors: 0, failed: [] };
    await writeAtomically(opts.out, async (write) => {
      for (let from = 0; from < total; from += CHUNK) {
        const ids = Array.from({ length: Math.min(CHUNK, total - from) }, (_, i) => jobId(from + i));
        const jobs = await Promise.all(ids.map((id) => queue.getJob(id)));
        let text = '';
        for (const [i, job] of jobs.entries()) {
          if (!job) throw new Error(`job ${ids[i]} is missing from queue "${opts.queue}" (removed by hand?)`);
          let line = job.returnvalue?.line;
          if (line === undefined) {
            const reason = job.failedReason || 'failed';
            summary.failed.push({ seq: job.data.seq, id: job.data.item.id, source: job.data.item.source, reason, attempts: job.attemptsMade });
            const error: ArticleError = { stage: 'worker', message: reason };
            line = failedOutcome(fromJob(job.data), error, { explainRemovals: false }).line;
          }
          if ((JSON.parse(line) as { error: unknown }).error) summary.errors++;
          text += line + '\n';
        }
        write(text);
      }
    });
    return summary;
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** Waits until the batch is enqueued and each of its jobs has completed or failed; its size. */
async function finished(redis: Redis, queue: Queue, deadline: number, opts: CollectOptions): Promise<number> {
  const poll = opts.pollMs ?? 500;
  for (;;) {
    const meta = await readMeta(redis, queue);
    if (meta) {
      const counts = await queue.getJobCounts('completed', 'failed');
      const done = counts.completed + counts.failed;
      opts.onProgress?.(done, meta.total);
      if (done >= meta.total) return meta.total;
    }
    if (Date.now() >= deadline) {
      throw new Error(meta ? `the batch on queue "${opts.queue}" is not finished (workers running?)` : `queue "${opts.queue}" holds no batch (run hanlink enqueue first)`);
    }
    await sleep(poll);
  }
}
