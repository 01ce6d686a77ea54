// The messages between the pool (pool.ts) and a worker thread, and the worker side of them:
// a worker initializes once (e.g. loads resources), then handles tasks one at a time. Its init data
// comes as the first message rather than in workerData, so that the thread can start (load its
// modules) while the main thread is still preparing that data.
import { parentPort } from 'node:worker_threads';

export type ToWorker<T> = { kind: 'init'; data: unknown } | { kind: 'task'; id: number; task: T };

export type FromWorker<R> =
  | { kind: 'ready' }
  | { kind: 'started'; id: number }
  | { kind: 'done'; id: number; result: R }
  | { kind: 'failed'; id: number; message: string }
  | { kind: 'init-failed'; message: string };

/** Runs in a worker thread: `init(data)` once the init message comes, then `handle(state, task)` per task, in order. */
export function serveTasks<S, T, R>(init: (data: unknown) => Promise<S>, handle: (state: S, task: T) => Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs only inside a worker thread');
  const post = (msg: FromWorker<R>) => port.postMessage(msg);
  let received!: (data: unknown) => void;
  let chain: Promise<S> = new Promise<unknown>((resolve) => (received = resolve)).then(init).then(
    (state) => {
      post({ kind: 'ready' });
      return state;
    },
    (err: unknown) => {
      post({ kind: 'init-failed', message: err instanceof Error ? err.message : String(err) });
      process.exit(1); // ends this thread only
    },
  );
  port.on('message', (msg: ToWorker<T>) => {
    if (msg.kind === 'init') return received(msg.data);
    chain = chain.then(async (state) => {
      try {
        post({ kind: 'started', id: msg.id }); // the pool's time budget counts from here
        post({ kind: 'done', id: msg.id, result: await handle(state, msg.task) });
      } catch (err) {
        post({ kind: 'failed', id: msg.id, message: err instanceof Error ? err.message : String(err) });
      }
      return state;
    });
  });
}
