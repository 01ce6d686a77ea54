// The distributed batch on a real Redis: two workers share a batch, a poison article ends in the
// failed list with its reason, and collect gives the bytes `hanlink process` gives.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../pipeline/ingest/index.js';
import { connect } from '../../pipeline/queue/batch.js';
import { collect } from '../../pipeline/queue/collect.js';
import { enqueue } from '../../pipeline/queue/enqueue.js';
import { startWorker, type QueueWorkerOptions } from '../../pipeline/queue/worker.js';
import { runBatch } from '../../pipeline/run/runner.js';
import { articleText } from '../run/articles.js';
import { hasRedis, startRedis, type RedisServer } from './redis.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'hanlink-queue-'));
let redis: RedisServer;

/** The seeds plus a JSONL file of short articles, one of them empty (an article error, not a crash). */
function inputs(extra: { id: string; text: string }[] = []): string[] {
  const records = [
    ...Array.from({ length: 6 }, (_, n) => ({ id: `q${n}`, text: articleText(n + 1), published: '2024-03-0' + (n + 1) })),
    { id: 'empty', text: '   ' },
    ...extra,
  ];
  const file = join(tmp, `articles-${extra.length}.jsonl`);
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return [join(root, 'seeds'), file];
}

async function processed(paths: string[]): Promise<string> {
  let out = '';
  await runBatch(readInputs(paths), { workers: 0, resources: {}, article: { explainRemovals: false }, write: (l) => (out += l) });
  return out;
}

const workerOpts = (queue: string, name: string): QueueWorkerOptions => ({
  redis: redis.url, queue, name, concurrency: 1, timeoutMs: 120_000, lockMs: 30_000, resources: {},
});

beforeAll(async () => {
  if (hasRedis) redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!hasRedis)('distributed batch (BullMQ on redis-server)', { timeout: 600_000 }, () => {
  it('two workers share the batch; collect writes the bytes `process` writes, in input order', async () => {
    const paths = inputs();
    const queued = await enqueue(readInputs(paths), { redis: redis.url, queue: 'equal', attempts: 3, backoffMs: 100 });
    expect(queued).toEqual({ total: 12, existing: 0 });
    // Enqueueing the same input again adds nothing: each article is one job, by its index.
    expect(await enqueue(readInputs(paths), { redis: redis.url, queue: 'equal', attempts: 3, backoffMs: 100 })).toEqual({ total: 12, existing: 12 });

    const workers = await Promise.all([startWorker(workerOpts('equal', 'w1')), startWorker(workerOpts('equal', 'w2'))]);
    const out = join(tmp, 'equal.jsonl');
    const summary = await collect({ redis: redis.url, queue: 'equal', out, pollMs: 100 });
    await Promise.all(workers.map((w) => w.close()));

    expect(summary).toEqual({ total: 12, errors: 1, failed: [] });
    expect(readFileSync(out, 'utf8')).toBe(await processed(paths));
    // Both workers took jobs; the empty article completed on its first try (its error is its result).
    const connection = connect(redis.url);
    const queue = new Queue('equal', { connection });
    const jobs = await queue.getJobs(['completed']);
    expect(new Set(jobs.map((j) => j.processedBy))).toEqual(new Set(['w1', 'w2']));
    expect(jobs.find((j) => j.data.item.id === 'empty')?.attemptsMade).toBe(1);
    await queue.close();
    connection.disconnect();
  });

  it('retries an article that crashes its worker, then lists it as failed with the reason; the others are complete', async () => {
    const paths = inputs([{ id: 'crash-me', text: '국방부는 21일 회담을 열었다.' }]);
    await enqueue(readInputs(paths), { redis: redis.url, queue: 'poison', attempts: 2, backoffMs: 50 });
    const crashing = new URL('../run/fixtures/crashing-article-worker.ts', import.meta.url);
    const log: string[] = [];
    const worker = await startWorker({ ...workerOpts('poison', 'w'), workerScript: crashing, log: (l) => log.push(l) });
    const out = join(tmp, 'poison.jsonl');
    const summary = await collect({ redis: redis.url, queue: 'poison', out, pollMs: 100 });
    await worker.close();

    expect(summary.failed).toEqual([{ seq: 12, id: 'crash-me', source: paths[1], reason: 'worker crashed: exit code 9', attempts: 2 }]);
    expect(summary.errors).toBe(2);
    expect(log.filter((l) => l.includes('crash-me'))).toHaveLength(2);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[12]).error).toEqual({ stage: 'worker', message: 'worker crashed: exit code 9' });
    // Every other line is what `process` gives (where the article does not kill its thread).
    expect(lines.slice(0, 12)).toEqual((await processed(paths)).split('\n').slice(0, 12));
  });

  it('retries an article past the time budget, then fails it with the reason', async () => {
    const file = join(tmp, 'slow.jsonl');
    writeFileSync(file, JSON.stringify({ id: 'slow', text: articleText(0), published: '2024-03-01' }) + '\n');
    await enqueue(readInputs([file]), { redis: redis.url, queue: 'timeout', attempts: 2, backoffMs: 50 });
    const worker = await startWorker({ ...workerOpts('timeout', 'w'), timeoutMs: 1 });
    const summary = await collect({ redis: redis.url, queue: 'timeout', out: join(tmp, 'timeout.jsonl'), pollMs: 100 });
    await worker.close();
    expect(summary.failed).toEqual([{ seq: 0, id: 'slow', source: file, reason: 'over the time budget of 0.001 s: stopped', attempts: 2 }]);
  });

  it('refuses a different input on a queue holding a batch, unless --replace', async () => {
    const [seeds] = inputs();
    await enqueue(readInputs([seeds]), { redis: redis.url, queue: 'conflict', attempts: 1, backoffMs: 10 });
    const other = join(tmp, 'other.jsonl');
    writeFileSync(other, JSON.stringify({ id: 'x', text: '다른 기사.' }) + '\n');
    await expect(enqueue(readInputs([other]), { redis: redis.url, queue: 'conflict', attempts: 1, backoffMs: 10 })).rejects.toThrow(/already holds another article at position 0/);
    expect(await enqueue(readInputs([other]), { redis: redis.url, queue: 'conflict', attempts: 1, backoffMs: 10, replace: true })).toEqual({ total: 1, existing: 0 });
  });
});
