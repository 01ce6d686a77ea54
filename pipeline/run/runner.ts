// The staged runner: input items stream through ingest + stages, in worker threads or in-process,
// and their lines are written in input order as soon as every earlier line is out (a reorder
// buffer). At most `window` items are between reading and writing, so memory stays bounded
// however big the batch. With a store, unchanged articles reuse their stored line and every
// result is committed as it finishes.
// Each article has a time budget and, in a worker, a heap limit: past either it fails with the
// reason and the batch goes on. In worker threads (workers ≥ 1) the worker is stopped at the
// budget; in-process (workers 0, no isolation) the budget is checked after each stage and the heap
// is the process's own, so a runaway article can still stall or end the run there.
import { setImmediate } from 'node:timers/promises';
import PQueue from 'p-queue';
import type { InputItem } from '../ingest/index.js';
import { loadResources, loadSharedResources, type ResourceOptions, type Resources, type SharedResources } from '../index.js';
import { canonicalJson, contentHash } from '../store/hashing.js';
import type { Store } from '../store/index.js';
import type { EntityType } from '../types.js';
import { BUDGET_STAGE, failedOutcome, processArticle, reusedOutcome, type ArticleOptions, type ArticleOutcome, type LineStats } from './article.js';
import type { ArticleWorkerData } from './article-worker.js';
import { StartFailure, TaskTimeout, WorkerPool } from './pool.js';

/** Seconds an article may take before it fails ("time budget"); generous for a news article of any real size. */
export const DEFAULT_TIME_BUDGET_S = 120;
/** Heap limit per worker thread (MB): the resources take about 300, a large article a few hundred more. */
export const DEFAULT_MAX_MEMORY_MB = 3072;

export interface RunnerOptions {
  /** Worker threads; 0 runs in this thread, without isolation (no heap limit, the time budget checked between stages). */
  workers: number;
  /** Seconds an article may run (default DEFAULT_TIME_BUDGET_S). */
  timeBudgetS?: number;
  /** Heap limit per worker thread in MB (default DEFAULT_MAX_MEMORY_MB). */
  maxMemoryMb?: number;
  /** The number of items the input holds, when known before reading it (progress and ETA). */
  total?: number | null;
  resources: ResourceOptions;
  article: ArticleOptions;
  /** Where finished results are committed and unchanged ones taken from. */
  store?: { store: Store; runId: number; force: boolean };
  /** Receives each output line, newline included, in input order. */
  write(line: string): void;
  onProgress?(progress: Progress): void;
  /** The resources start loading (when the first article needs computing), and have loaded. */
  onLoading?(workers: number): void;
  onLoaded?(ms: number): void;
  /** The worker entry, serving ArticleWorkerData tasks as article-worker does (tests swap in a faulty one). */
  workerScript?: URL;
  /** Aborting stops reading input and drops the articles not started; those running finish and are committed. */
  signal?: AbortSignal;
}

export interface Progress {
  written: number;
  read: number;
  /** The number of items, when counted before the run; else null until the input is all read. */
  total: number | null;
  /** True once the whole input has been read, so `read` is the total. */
  inputDone: boolean;
  failed: number;
}

/** The run's counts; entities, links, dates and chars are the sums of its lines' LineStats. */
export interface RunSummary extends LineStats {
  articles: number;
  processed: number;
  reused: number;
  failed: number;
  elapsedMs: number;
  /** Of which: loading the resources (in every worker) before the first article could start; 0 when nothing was computed. */
  startupMs: number;
  /** Milliseconds spent per stage ("ingest" included) over the articles computed in this run. */
  stageMs: Record<string, number>;
  interrupted: boolean;
  /** Ids of the articles that failed, in input order (the first MAX_LISTED). */
  failedIds: string[];
  /** Ids given to more than one article (the first MAX_LISTED), each once. */
  duplicateIds: string[];
  workers: number;
  workerRestarts: number;
  /** Peak resident memory of the process, worker threads included (KiB). */
  maxRssKiB: number;
}

interface Executor {
  exec(item: InputItem): Promise<ArticleOutcome>;
  close(): Promise<void>;
  restarts(): number;
}

export async function runBatch(items: AsyncIterable<InputItem> | Iterable<InputItem>, opts: RunnerOptions): Promise<RunSummary> {
  const start = performance.now();
  const summary: RunSummary = {
    articles: 0, processed: 0, reused: 0, failed: 0, entities: {}, links: 0, dates: 0, chars: 0,
    elapsedMs: 0, startupMs: 0, stageMs: {}, interrupted: false, failedIds: [], duplicateIds: [], workers: opts.workers, workerRestarts: 0, maxRssKiB: 0,
  };
  const seenIds = new Set<string>();
  const duplicates = new Set<string>();
  // Resources load when the first article needs computing: a re-run of unchanged input loads nothing.
  let started: Promise<Executor> | undefined;
  const startup = () =>
    (started ??= (async () => {
      const t = performance.now();
      opts.onLoading?.(opts.workers);
      const ex = await executor(opts);
      summary.startupMs = performance.now() - t;
      opts.onLoaded?.(summary.startupMs);
      return ex;
    })());
  // One article per worker at a time: a worker that dies then takes down only the article that
  // killed it (the message round trip it waits for is negligible next to an article).
  const queue = new PQueue({ concurrency: Math.max(1, opts.workers) });
  const window = Math.max(32, queue.concurrency * 8);
  const buffer = new Map<number, ArticleOutcome>();
  let read = 0;
  let inputDone = false;
  let fatal: unknown;
  let wake: (() => void) | undefined;

  const total = opts.total ?? null;
  const progress = () =>
    opts.onProgress?.({ written: summary.articles, read, total: inputDone ? read : total, inputDone, failed: summary.failed });

  /** Reads the input into the queue; false when it stopped early (aborted, or a fatal error). */
  const feed = async (): Promise<boolean> => {
    for await (const item of items) {
      while (read - summary.articles >= window && fatal === undefined && !opts.signal?.aborted) {
        await new Promise<void>((r) => (wake = r));
      }
      if (opts.signal?.aborted || fatal !== undefined) return false;
      const seq = read++;
      if (seenIds.has(item.id)) {
        if (!duplicates.has(item.id) && duplicates.size < MAX_LISTED) summary.duplicateIds.push(item.id);
        duplicates.add(item.id);
      } else seenIds.add(item.id);
      const hash = contentHash(item);
      const stored = opts.store && !opts.store.force ? opts.store.store.reusableLine(opts.store.runId, hash) : undefined;
      if (stored !== undefined) {
        deliver(seq, item, hash, reusedOutcome(stored), true);
        continue;
      }
      void queue.add(async () => {
        if (fatal !== undefined) return;
        try {
          const { exec } = await startup();
          deliver(seq, item, hash, await exec(item), false);
        } catch (err) {
          fatal ??= err;
          queue.clear();
          wake?.();
        }
      });
    }
    return true;
  };

  const deliver = (seq: number, item: InputItem, hash: string, outcome: ArticleOutcome, reused: boolean) => {
    const s = opts.store;
    if (s) {
      const raw = item.bytes ?? (item.record === undefined ? null : canonicalJson(item.record));
      s.store.recordResult(s.runId, {
        seq, line: outcome.line, reused, error: outcome.error,
        article: { hash, id: item.id, source: item.source, kind: item.kind, raw, cleaned: outcome.text, published: outcome.published },
      });
    }
    if (reused) summary.reused++;
    else summary.processed++;
    buffer.set(seq, outcome);
    for (let next = buffer.get(summary.articles); next; next = buffer.get(summary.articles)) {
      buffer.delete(summary.articles);
      opts.write(next.line + '\n');
      if (next.error && summary.failedIds.length < MAX_LISTED) summary.failedIds.push(JSON.parse(next.line).id);
      tally(summary, next);
      summary.articles++;
    }
    progress();
    wake?.();
  };

  // Aborting drops the articles not started yet; those running finish and are committed.
  const onAbort = () => {
    queue.clear();
    wake?.();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    inputDone = await feed();
    progress();
    await queue.onIdle();
    if (fatal !== undefined) throw fatal;
    summary.interrupted = !inputDone || summary.articles < read;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    const ex = await started?.catch(() => undefined);
    summary.workerRestarts = ex?.restarts() ?? 0;
    await ex?.close();
  }
  summary.elapsedMs = performance.now() - start;
  summary.maxRssKiB = process.resourceUsage().maxRSS;
  return summary;
}

/** Runs articles in worker threads, or in this thread with workers 0. */
async function executor(opts: RunnerOptions): Promise<Executor> {
  const budgetMs = (opts.timeBudgetS ?? DEFAULT_TIME_BUDGET_S) * 1000;
  if (opts.workers < 1) {
    const res = await loadOnce(opts.resources);
    return {
      exec: async (item) => {
        // The stages are CPU-bound and their promises resolve at once: without a turn of the event
        // loop per article, Ctrl-C (a signal handler) and timers would wait for the whole batch.
        await setImmediate();
        return processArticle(item, res, opts.article, budgetMs).catch((err: unknown) =>
          failedOutcome(item, { stage: 'pipeline', message: err instanceof Error ? err.message : String(err) }, opts.article),
        );
      },
      close: async () => {},
      restarts: () => 0,
    };
  }
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const pool = new WorkerPool<InputItem, ArticleOutcome>({
    size: opts.workers,
    script: opts.workerScript ?? new URL(`./article-worker${ext}`, import.meta.url),
    // The workers start (load their modules and the KB) while this thread reads the shared parts.
    workerData: sharedOnce().then((shared) => ({ resources: opts.resources, shared, article: opts.article }) satisfies ArticleWorkerData),
    timeBudgetMs: budgetMs,
    maxMemoryMb: opts.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB,
  });
  await pool.ready.catch(async (err: unknown) => {
    await pool.close();
    throw err;
  });
  return {
    // A crashed worker (or a task it could not answer) fails that article only; a pool that cannot start fails the run.
    exec: (item) =>
      pool.run(item).catch((err: unknown) => {
        if (err instanceof StartFailure) throw err;
        const stage = err instanceof TaskTimeout ? BUDGET_STAGE : 'worker';
        return failedOutcome(item, { stage, message: err instanceof Error ? err.message : String(err) }, opts.article);
      }),
    close: () => pool.close(),
    restarts: () => pool.restarts,
  };
}

/** How many failed and duplicate ids the summary keeps. */
const MAX_LISTED = 100;

// Resources never change once loaded: a process that runs several batches (tests, bench) reads the
// shared parts once, and loads the resources of its own thread once per option set.
let shared: Promise<SharedResources> | undefined;
const loaded = new Map<string, Promise<Resources>>();

function sharedOnce(): Promise<SharedResources> {
  shared ??= loadSharedResources().catch((err: unknown) => {
    shared = undefined;
    throw new StartFailure(`resources could not load: ${err instanceof Error ? err.message : String(err)}`);
  });
  return shared;
}

function loadOnce(options: ResourceOptions): Promise<Resources> {
  const key = JSON.stringify(options);
  let res = loaded.get(key);
  if (!res) {
    res = sharedOnce().then((parts) => loadResources(options, parts)).catch((err: unknown) => {
      loaded.delete(key);
      throw err instanceof StartFailure ? err : new StartFailure(`resources could not load: ${err instanceof Error ? err.message : String(err)}`);
    });
    loaded.set(key, res);
  }
  return res;
}

function tally(summary: RunSummary, o: ArticleOutcome): void {
  if (o.error) summary.failed++;
  for (const [type, n] of Object.entries(o.stats.entities) as [EntityType, number][]) {
    summary.entities[type] = (summary.entities[type] ?? 0) + n;
  }
  summary.links += o.stats.links;
  summary.dates += o.stats.dates;
  summary.chars += o.stats.chars;
  for (const [stage, ms] of Object.entries(o.timings)) summary.stageMs[stage] = (summary.stageMs[stage] ?? 0) + ms;
}
