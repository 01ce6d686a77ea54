import { afterEach, describe, expect, it } from 'vitest';
import { StartFailure, TaskTimeout, WorkerCrash, WorkerPool } from '../../pipeline/run/pool.js';
import type { EchoTask } from './fixtures/echo-worker.js';

const script = new URL('./fixtures/echo-worker.ts', import.meta.url);
type Result = { doubled: number; threadId: number };

let pool: WorkerPool<EchoTask, Result> | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('WorkerPool', () => {
  it('spreads tasks over its workers and returns each result to its task', async () => {
    pool = new WorkerPool<EchoTask, Result>({ size: 2, script });
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => pool!.run({ n, delayMs: 5 })));
    expect(results.map((r) => r.doubled)).toEqual(Array.from({ length: 10 }, (_, n) => n * 2));
    expect(new Set(results.map((r) => r.threadId)).size).toBe(2);
  });

  it('fails only the tasks in flight on a worker that dies, and replaces the worker', async () => {
    pool = new WorkerPool<EchoTask, Result>({ size: 2, script });
    // The pool gives each task to the least busy worker: these two land on different workers.
    const crashing = pool.run({ n: 1, crash: true, delayMs: 20 });
    const beside = pool.run({ n: 2, delayMs: 150 });
    await expect(crashing).rejects.toThrow(WorkerCrash);
    await expect(crashing).rejects.toThrow('worker crashed: exit code 7');
    await expect(beside).resolves.toMatchObject({ doubled: 4 });
    const after = await Promise.all([3, 4, 5, 6].map((n) => pool!.run({ n })));
    expect(after.map((r) => r.doubled)).toEqual([6, 8, 10, 12]);
    expect(pool.restarts).toBe(1);
  });

  it('reports a task that throws as that task failing, and keeps the worker', async () => {
    pool = new WorkerPool<EchoTask, Result>({ size: 1, script });
    await expect(pool.run({ n: 9, throws: true })).rejects.toThrow('cannot handle 9');
    await expect(pool.run({ n: 10 })).resolves.toMatchObject({ doubled: 20 });
    expect(pool.restarts).toBe(0);
  });

  it('stops a task past the time budget (even one that never yields), fails only it, and goes on with a new worker', async () => {
    pool = new WorkerPool<EchoTask, Result>({ size: 1, script, timeBudgetMs: 300 });
    await expect(pool.run({ n: 1, spinMs: 60_000 })).rejects.toThrow(TaskTimeout);
    await expect(pool.run({ n: 2, spinMs: 50 })).resolves.toMatchObject({ doubled: 4 });
    expect(pool.restarts).toBe(1);
  });

  it('records a worker over its heap limit as out of memory, also with a single worker, and goes on', async () => {
    pool = new WorkerPool<EchoTask, Result>({ size: 1, script, maxMemoryMb: 64 });
    await expect(pool.run({ n: 1, hog: true })).rejects.toThrow('worker crashed: out of memory (over the limit of 64 MB per worker)');
    await expect(pool.run({ n: 2 })).resolves.toMatchObject({ doubled: 4 });
    expect(pool.restarts).toBe(1);
  });

  it('fails every task, without restarting forever, when workers cannot start', async () => {
    pool = new WorkerPool<EchoTask, Result>({ size: 2, script, workerData: { failInit: true } });
    await expect(pool.run({ n: 1 })).rejects.toThrow(StartFailure);
    await expect(pool.run({ n: 2 })).rejects.toThrow('worker could not start: resources missing');
    expect(pool.restarts).toBe(0);
  });

  it('starts its workers before their init data is ready, and hands it to them (to a replacement too) when it is', async () => {
    let give!: (data: unknown) => void;
    pool = new WorkerPool<EchoTask, Result>({ size: 1, script, workerData: new Promise((resolve) => (give = resolve)) });
    const first = pool.run({ n: 1 });
    let settled = false;
    void first.finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false); // the worker waits for its init data before any task
    give({});
    await expect(first).resolves.toMatchObject({ doubled: 2 });
    await expect(pool.run({ n: 2, crash: true })).rejects.toThrow(WorkerCrash);
    await expect(pool.run({ n: 3 })).resolves.toMatchObject({ doubled: 6 });
  });

  it('fails every task with the reason when its init data cannot be made', async () => {
    pool = new WorkerPool<EchoTask, Result>({ size: 2, script, workerData: Promise.reject(new Error('resources could not load: no dictionary')) });
    await expect(pool.ready).rejects.toThrow(StartFailure);
    await expect(pool.run({ n: 1 })).rejects.toThrow('resources could not load: no dictionary');
    expect(pool.restarts).toBe(0);
  });
});
