// A fixed pool of worker threads running tasks (see worker-protocol.ts). A worker that dies fails
// only the tasks in flight on it, with the reason, and is replaced. So does a task over the time
// budget (the worker is terminated: CPU-bound code cannot be interrupted otherwise) and a worker
// over its heap limit (resourceLimits), so that one pathological article costs only itself. A worker that cannot even start
// (its init failed, or it died before being ready) breaks the pool: every task fails with the
// reason, since replacing it would fail the same way.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './worker-protocol.js';

/** The worker running a task died (crash, out of memory, process.exit) before answering. */
export class WorkerCrash extends Error {
  override name = 'WorkerCrash';
}

/** A task ran past the pool's time budget; its worker was stopped. */
export class TaskTimeout extends Error {
  override name = 'TaskTimeout';
}

/** The pipeline cannot start (its workers, or the resources they load, fail at startup); nothing can run. */
export class StartFailure extends Error {
  override name = 'StartFailure';
}

export interface PoolOptions {
  size: number;
  /** The worker script: a .ts file (run through tsx, as under vitest or `node --import tsx`) or compiled .js. */
  script: URL;
  /**
   * What each worker's init receives (structured-cloned: shared memory stays shared), or a promise
   * of it: the workers start at once, loading their modules meanwhile. A rejection breaks the pool.
   */
  workerData?: unknown;
  /** Milliseconds a task may run, from the moment its worker starts it; none when absent. */
  timeBudgetMs?: number;
  /** Heap limit of each worker (old generation, MB); Node's default when absent. */
  maxMemoryMb?: number;
}

interface Pending<R> {
  resolve(result: R): void;
  reject(err: Error): void;
  timer?: NodeJS.Timeout;
}

interface Slot<R> {
  worker: Worker;
  ready: boolean;
  inFlight: Map<number, Pending<R>>;
  lastError?: Error;
  /** Stopped on purpose and already replaced: its exit means nothing more. */
  retired?: boolean;
}

export class WorkerPool<T, R> {
  private readonly slots: Slot<R>[] = [];
  private nextId = 0;
  private closed = false;
  private broken: StartFailure | undefined;
  private readyCount = 0;
  private readonly data: Promise<unknown>;
  private onReady!: { resolve(): void; reject(err: Error): void };
  /** Resolves once every first worker has initialized; rejects with the StartFailure if one cannot. */
  readonly ready: Promise<void>;
  /** Workers started to replace crashed ones. */
  restarts = 0;

  constructor(private readonly opts: PoolOptions) {
    if (opts.size < 1) throw new RangeError('a worker pool needs at least one worker');
    this.ready = new Promise((resolve, reject) => (this.onReady = { resolve, reject }));
    this.ready.catch(() => {}); // callers that never wait for it still see the failure through run()
    this.data = Promise.resolve(opts.workerData);
    this.data.catch((err: unknown) => this.fail(new StartFailure(err instanceof Error ? err.message : String(err))));
    for (let i = 0; i < opts.size; i++) this.slots.push(this.spawn());
  }

  run(task: T): Promise<R> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    const slot = this.slots.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a));
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      slot.inFlight.set(id, { resolve, reject });
      slot.worker.postMessage({ kind: 'task', id, task } satisfies ToWorker<T>);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot<R> {
    const resourceLimits = this.opts.maxMemoryMb ? { maxOldGenerationSizeMb: this.opts.maxMemoryMb } : undefined;
    const worker = this.opts.script.pathname.endsWith('.ts')
      ? // Node 20 does not apply `--import tsx` from a worker's execArgv: register tsx inside the thread first.
        new Worker(
          `import(${JSON.stringify(tsxApi())}).then(({ register }) => { register(); return import(${JSON.stringify(this.opts.script.href)}); })`,
          { eval: true, resourceLimits },
        )
      : new Worker(this.opts.script, { resourceLimits });
    const slot: Slot<R> = { worker, ready: false, inFlight: new Map() };
    void this.data.then((data) => worker.postMessage({ kind: 'init', data } satisfies ToWorker<T>), () => {});
    worker.on('message', (msg: FromWorker<R>) => {
      switch (msg.kind) {
        case 'ready':
          slot.ready = true;
          if (++this.readyCount === this.opts.size) this.onReady.resolve();
          break;
        case 'started': {
          const p = slot.inFlight.get(msg.id);
          const budget = this.opts.timeBudgetMs;
          if (p && budget !== undefined) p.timer = setTimeout(() => this.overBudget(slot, msg.id, budget), budget);
          break;
        }
        case 'done':
          settle(slot, msg.id)?.resolve(msg.result);
          break;
        case 'failed':
          settle(slot, msg.id)?.reject(new Error(msg.message));
          break;
        case 'init-failed':
          this.fail(new StartFailure(`worker could not start: ${msg.message}`));
          break;
      }
    });
    worker.on('error', (err) => {
      slot.lastError = err;
    });
    worker.on('exit', (code) => {
      if (this.closed || this.broken || slot.retired) return;
      const err = slot.lastError as NodeJS.ErrnoException | undefined;
      const reason =
        err?.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `out of memory (over the limit of ${this.opts.maxMemoryMb ?? 'default'} MB per worker)`
          : (err?.message ?? `exit code ${code}`);
      if (!slot.ready) {
        this.fail(new StartFailure(`worker could not start: ${reason}`));
        return;
      }
      for (const id of [...slot.inFlight.keys()]) settle(slot, id)?.reject(new WorkerCrash(`worker crashed: ${reason}`));
      this.slots[this.slots.indexOf(slot)] = this.spawn();
      this.restarts++;
    });
    return slot;
  }

  /** Fails the task with the reason, and replaces its worker at once (stopping takes a while: no task may land on it meanwhile). */
  private overBudget(slot: Slot<R>, id: number, budgetMs: number): void {
    settle(slot, id)?.reject(new TaskTimeout(`over the time budget of ${budgetMs / 1000} s: stopped`));
    for (const other of [...slot.inFlight.keys()]) settle(slot, other)?.reject(new WorkerCrash('worker stopped: a task beside it ran over the time budget'));
    slot.retired = true;
    this.slots[this.slots.indexOf(slot)] = this.spawn();
    this.restarts++;
    void slot.worker.terminate();
  }

  private fail(err: StartFailure): void {
    if (this.broken) return;
    this.broken = err;
    this.onReady.reject(err);
    for (const slot of this.slots) {
      for (const id of [...slot.inFlight.keys()]) settle(slot, id)?.reject(err);
      void slot.worker.terminate();
    }
  }
}

/**
 * tsx's ESM registration API, resolved from here (an eval'd worker resolves from the cwd). Through
 * its package.json, since import.meta.resolve is missing under vitest and the CommonJS entry fails.
 */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const entry = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> })
    .exports['./esm/api'].import.default;
  return pathToFileURL(join(dirname(manifest), entry)).href;
}

function settle<R>(slot: Slot<R>, id: number): Pending<R> | undefined {
  const p = slot.inFlight.get(id);
  slot.inFlight.delete(id);
  clearTimeout(p?.timer);
  return p;
}
