// The staged runner: input items stream through ingest + stages, in worker threads or in-process,
// and their lines are written in input order as soon as every earlier line is out (a reorder
// buffer). At most `window` items are between reading and writing, so memory stays bounded
// however big the batch. With a store, unchanged articles reuse their stored line and every
// result is committed as it finishes.
import { setImmediate } from 'node:timers/promises';
import PQueue from 'p-queue';
import type { InputItem } from '../ingest/index.js';
import { loadResources, type ResourceOptions, type Resources } from '../index.js';
import { contentHash } from '../store/hashing.js';
import type { Store } from '../store/index.js';
import type { EntityType } from '../types.js';
import { failedOutcome, processArticle, reusedOutcome, type ArticleOptions, type ArticleOutcome, type LineStats } from './article.js';
import type { ArticleWorkerData } from './article-worker.js';
import { StartFailure, WorkerPool } from './pool.js';

export interface RunnerOptions {
  /** Worker threads; 0 or 1 runs in this thread (one worker would only add message passing). */
  workers: number;
  resources: ResourceOptions;
  article: ArticleOptions;
  /** Where finished results are committed and unchanged ones taken from. */
  store?: { store: Store; runId: number; force: boolean };
  /** Receives each output line, newline included, in input order. */
  write(line: string): void;
  onProgress?(progress: Progress): void;
  /** The worker entry, serving ArticleWorkerData tasks as article-worker does (tests swap in a faulty one). */
  workerScript?: URL;
  /** Aborting stops reading input and drops the articles not started; those running finish and are committed. */
  signal?: AbortSignal;
}

export interface Progress {
  written: number;
  read: number;
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
    elapsedMs: 0, startupMs: 0, stageMs: {}, interrupted: false, workers: opts.workers > 1 ? opts.workers : 0, workerRestarts: 0, maxRssKiB: 0,
  };
  // Resources load when the first article needs computing: a re-run of unchanged input loads nothing.
  let started: Promise<Executor> | undefined;
  const startup = () =>
    (started ??= (async () => {
      const t = performance.now();
      const ex = await executor(opts);
      summary.startupMs = performance.now() - t;
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

  const progress = () => opts.onProgress?.({ written: summary.articles, read, inputDone, failed: summary.failed });

  /** Reads the input into the queue; false when it stopped early (aborted, or a fatal error). */
  const feed = async (): Promise<boolean> => {
    for await (const item of items) {
      while (read - summary.articles >= window && fatal === undefined && !opts.signal?.aborted) {
        await new Promise<void>((r) => (wake = r));
      }
      if (opts.signal?.aborted || fatal !== undefined) return false;
      const seq = read++;
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
      const raw = item.bytes ?? (item.record === undefined ? null : JSON.stringify(item.record));
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

/** Runs articles in worker threads, or in this thread when there is at most one worker. */
async function executor(opts: RunnerOptions): Promise<Executor> {
  if (opts.workers <= 1) {
    const res = await loadOnce(opts.resources);
    return {
      exec: async (item) => {
        // The stages are CPU-bound and their promises resolve at once: without a turn of the event
        // loop per article, Ctrl-C (a signal handler) and timers would wait for the whole batch.
        await setImmediate();
        return processArticle(item, res, opts.article).catch((err: unknown) =>
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
    workerData: { resources: opts.resources, article: opts.article } satisfies ArticleWorkerData,
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
        return failedOutcome(item, { stage: 'worker', message: err instanceof Error ? err.message : String(err) }, opts.article);
      }),
    close: () => pool.close(),
    restarts: () => pool.restarts,
  };
}

// Resources never change once loaded: a process that runs several batches in its own thread (tests,
// bench) loads them once per option set.
const loaded = new Map<string, Promise<Resources>>();

function loadOnce(options: ResourceOptions): Promise<Resources> {
  const key = JSON.stringify(options);
  let res = loaded.get(key);
  if (!res) {
    res = loadResources(options).catch((err: unknown) => {
      loaded.delete(key);
      throw new StartFailure(`resources could not load: ${err instanceof Error ? err.message : String(err)}`);
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
