// The resources' shared parts (pipeline/resources.ts): the Korean dictionary and the NER table are
// read once into shared memory, and a worker thread that builds its resources over them gives the
// same tokens and output lines (entities, dates, links) as a thread that loaded everything itself.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputItem } from '../../pipeline/ingest/index.js';
import { loadResources, loadSharedResources, type Resources, type SharedResources } from '../../pipeline/index.js';
import { corpora } from '../../pipeline/run/package.js';
import { WorkerPool } from '../../pipeline/run/pool.js';
import { batch, txtItem } from './articles.js';
import { analyze } from './fixtures/shared-resources-worker.js';

let shared: SharedResources;
let own: Resources;
let pool: WorkerPool<InputItem, Awaited<ReturnType<typeof analyze>>>;
beforeAll(async () => {
  shared = await loadSharedResources();
  own = await loadResources(); // reads its own dictionary and model
  pool = new WorkerPool({ size: 1, script: new URL('./fixtures/shared-resources-worker.ts', import.meta.url), workerData: shared });
  await pool.ready;
}, 120_000);
afterAll(() => pool?.close());

/** Every typed array inside `value`, with its path. */
function typedArrays(value: unknown, path = ''): [string, ArrayBufferView][] {
  if (ArrayBuffer.isView(value)) return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => typedArrays(v, `${path}.${k}`));
}

describe('shared resources', () => {
  it('are typed arrays in shared memory (so workerData passes the memory, not a copy)', () => {
    const arrays = typedArrays(shared);
    expect(arrays.map(([p]) => p)).toEqual(expect.arrayContaining(['.korean.base', '.korean.tokenPos', '.korean.targets.ids', '.korean.costs', '.nerModel.table.index', '.nerModel.table.data']));
    for (const [p, arr] of arrays) expect(arr.buffer, p).toBeInstanceOf(SharedArrayBuffer);
  });

  it('give a worker thread the tokens and output lines of a thread that loaded its own resources', async () => {
    const items = batch(12);
    const file = corpora.klueRaw();
    if (existsSync(file)) {
      const sentences = readFileSync(file, 'utf8').split('\n').filter((s) => s.trim() !== '').slice(0, 600);
      for (let i = 0; i < sentences.length; i += 20) items.push(txtItem(`klue-${i}`, sentences.slice(i, i + 20).join('\n')));
    } else console.log(`KLUE part skipped: ${file} is absent`);
    for (const item of items) {
      const inWorker = await pool.run(item);
      expect(inWorker.line.error, item.id).toBeNull();
      expect(inWorker.tokens.length, item.id).toBeGreaterThan(0);
      expect(inWorker, item.id).toEqual(await analyze(item, own));
    }
  }, 300_000);
});
