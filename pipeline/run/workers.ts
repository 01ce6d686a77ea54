// The default worker count: extra worker threads only pay off once the batch outweighs their
// start-up (each loads the resources again, and on a small machine they start side by side), so a
// small batch gets one worker (a thread, so that the time budget and the heap limit still apply). The input is read ahead up to SMALL_BATCH_CHARS to find out; what was
// read ahead is handed on first, so the input is still read once, in order.
import { availableParallelism } from 'node:os';
import type { InputItem } from '../ingest/index.js';

/**
 * Below this many characters of input a batch gets one worker. A worker handles some 20,000–50,000
 * chars/s, a second one costs its own start-up (about half a second, its modules, KB and
 * compromise) and, on 2 cores, adds little speed (one worker's V8 background threads, JIT and GC,
 * already use a good part of the second core): it saves time only past a few hundred thousand
 * characters.
 */
export const SMALL_BATCH_CHARS = 300_000;

/** Characters (or bytes, for files) an input item brings. */
function itemSize(item: InputItem): number {
  if (item.bytes) return item.bytes.length;
  const text = (item.record as { text?: unknown } | undefined)?.text;
  return typeof text === 'string' ? text.length : 0;
}

/** The worker count for a batch (1 when it is small, else one per core) and the batch to run. */
export async function chooseWorkers(items: AsyncIterable<InputItem>, cores = availableParallelism()): Promise<{ workers: number; items: AsyncIterable<InputItem> }> {
  const iterator = items[Symbol.asyncIterator]();
  const ahead: InputItem[] = [];
  let size = 0;
  let ended = false;
  while (size < SMALL_BATCH_CHARS) {
    const next = await iterator.next();
    if (next.done) { ended = true; break; }
    ahead.push(next.value);
    size += itemSize(next.value);
  }
  async function* replay(): AsyncGenerator<InputItem> {
    yield* ahead;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { workers: ended || cores <= 1 ? 1 : cores, items: replay() };
}
