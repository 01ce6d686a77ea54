// hanlink as a library: `import { createPipeline } from 'hanlink'`. The resources load once; each
// article goes through the same entry as `hanlink process` (ingest of a JSONL record, then the
// stages), so a result is the contract's output line, byte for byte what the CLI writes for it.
import type { InputItem } from './ingest/index.js';
import { loadResources, loadSharedResources, processItem, type Resources } from './index.js';
import { failedOutcome, type ArticleOutcome } from './run/article.js';
import type { ArticleWorkerData } from './run/article-worker.js';
import { StartFailure, WorkerPool } from './run/pool.js';
import type { OutputLine } from './types.js';

export type { DateMention, Link, OutputEntity, OutputLine, Reference } from './types.js';

/** What is known of an article beside its text; the fields of a JSONL input line (CONTRACT.md). */
export interface ArticleMeta {
  /** "YYYY-MM-DD" or a full ISO date-time with offset; relative expressions are anchored to it. */
  published?: string | null;
  /** The output line's id; default: the article's 1-based position in this pipeline's calls. */
  id?: string;
  title?: string | null;
  url?: string | null;
  /** The output line's `source`; default "api". */
  source?: string;
}

export interface ArticleInput extends ArticleMeta {
  text: string;
}

export interface PipelineOptions {
  /** Folder of an ONNX token-classification model used beside the built-in one (needs @huggingface/transformers). */
  nerModelDir?: string;
  /** Worker threads for `pipe`, each loading the resources once; 0 or 1 (default) computes in this thread. */
  workers?: number;
}

export interface PipeOptions {
  /** Articles in flight at once (default: twice the workers, at least 1); results still come in input order. */
  concurrency?: number;
}

export interface Pipeline {
  /** One article → its output line. An article the pipeline cannot handle gets a line with `error`, never a rejection. */
  process(text: string, meta?: ArticleMeta): Promise<OutputLine>;
  /** A stream of articles → their output lines, in input order, with at most `concurrency` in flight. */
  pipe(articles: AsyncIterable<ArticleInput> | Iterable<ArticleInput>, opts?: PipeOptions): AsyncIterable<OutputLine>;
  /** Ends the worker threads, if any; the pipeline cannot be used after. */
  close(): Promise<void>;
}

/** Loads the dictionaries, the knowledge base and the NER model (a few seconds), once. */
export async function createPipeline(opts: PipelineOptions = {}): Promise<Pipeline> {
  const workers = opts.workers ?? 0;
  let n = 0;
  const item = (input: ArticleInput): InputItem => {
    const { source, ...record } = input;
    const id = record.id ?? String(++n);
    return { id, source: source ?? 'api', kind: 'jsonl', record: { ...record, id } };
  };
  let run: (item: InputItem) => Promise<OutputLine>;
  let close = async () => {};
  if (workers > 1) {
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const pool = new WorkerPool<InputItem, ArticleOutcome>({
      size: workers,
      script: new URL(`./run/article-worker${ext}`, import.meta.url),
      // The dictionary and NER table are read once here and shared by the threads (resources.ts).
      workerData: { resources: { nerModelDir: opts.nerModelDir }, shared: await loadSharedResources(), article: { explainRemovals: false } } satisfies ArticleWorkerData,
    });
    await pool.ready.catch(async (err: unknown) => {
      await pool.close();
      throw err;
    });
    // As in `hanlink process`: a thread dying under an article fails that article only.
    run = async (it) => {
      const outcome = await pool.run(it).catch((err: unknown) => {
        if (err instanceof StartFailure) throw err;
        return failedOutcome(it, { stage: 'worker', message: err instanceof Error ? err.message : String(err) }, { explainRemovals: false });
      });
      return JSON.parse(outcome.line) as OutputLine;
    };
    close = () => pool.close();
  } else {
    const res: Resources = await loadResources({ nerModelDir: opts.nerModelDir });
    run = (it) => processItem(it, res);
  }
  let closed = false;
  const guarded = (it: InputItem) => (closed ? Promise.reject(new Error('hanlink: the pipeline is closed')) : run(it));

  return {
    process: (text, meta = {}) => guarded(item({ ...meta, text })),
    async *pipe(articles, pipeOpts = {}) {
      const window = Math.max(1, pipeOpts.concurrency ?? 2 * Math.max(1, workers));
      const inFlight: Promise<OutputLine>[] = [];
      for await (const article of articles) {
        const p = guarded(item(article));
        p.catch(() => {}); // awaited in turn below; not an unhandled rejection meanwhile
        inFlight.push(p);
        if (inFlight.length >= window) yield await inFlight.shift()!;
      }
      while (inFlight.length > 0) yield await inFlight.shift()!;
    },
    async close() {
      closed = true;
      await close();
    },
  };
}
