// `hanlink enqueue`: the input items become one job each, in input order, on a BullMQ queue.
import { Queue } from 'bullmq';
import type { InputItem } from '../ingest/index.js';
import { contentHash } from '../store/hashing.js';
import { versions } from '../store/versions.js';
import { connect, jobId, metaKey, readMeta, toJob, writeMeta, type ArticleJob } from './batch.js';

export interface EnqueueOptions {
  redis: string;
  queue: string;
  /** Tries per article before it is failed: a crash or a timeout of the worker is retried. */
  attempts: number;
  /** First retry delay; doubled at each further try. */
  backoffMs: number;
  /** Empty the queue first (its jobs, results and failures), for a new batch under the same name. */
  replace?: boolean;
  nerModelDir?: string;
}

export interface EnqueueSummary {
  total: number;
  /** Jobs already in the queue from an earlier enqueue of the same input (kept as they are). */
  existing: number;
}

/** A queue that already holds another batch: the articles would mix. */
export class BatchConflict extends Error {
  override name = 'BatchConflict';
}

// Jobs are added in chunks: one round trip per chunk, and only a chunk of items in memory.
const CHUNK = 200;

export async function enqueue(items: AsyncIterable<InputItem> | Iterable<InputItem>, opts: EnqueueOptions): Promise<EnqueueSummary> {
  const connection = connect(opts.redis);
  const queue = new Queue<ArticleJob>(opts.queue, { connection });
  try {
    if (opts.replace) {
      await queue.obliterate({ force: true });
      await connection.del(metaKey(queue));
    }
    const v = versions(opts.nerModelDir);
    let total = 0;
    let existing = 0;
    let chunk: ArticleJob[] = [];
    const flush = async () => {
      const found = await Promise.all(chunk.map((j) => queue.getJob(jobId(j.seq))));
      const fresh = chunk.filter((j, i) => {
        const old = found[i];
        if (!old) return true;
        if (old.data.hash !== j.hash) {
          throw new BatchConflict(`queue "${opts.queue}" already holds another article at position ${j.seq} (${old.data.item.id}, not ${j.item.id}): use another --queue or --replace`);
        }
        existing++;
        return false;
      });
      await queue.addBulk(fresh.map((data) => ({
        name: 'article',
        data,
        opts: { jobId: jobId(data.seq), attempts: opts.attempts, backoff: { type: 'exponential', delay: opts.backoffMs }, removeOnComplete: false, removeOnFail: false },
      })));
      chunk = [];
    };
    for await (const item of items) {
      chunk.push(toJob(total++, contentHash(item), v, item));
      if (chunk.length === CHUNK) await flush();
    }
    await flush();
    const before = await readMeta(connection, queue);
    if (before && before.total > total) {
      throw new BatchConflict(`queue "${opts.queue}" holds a batch of ${before.total} articles, this input has ${total}: use another --queue or --replace`);
    }
    // Written last: collect waits for it, so it never mistakes a batch still being enqueued for a whole one.
    await writeMeta(connection, queue, { total, versions: v });
    return { total, existing };
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
