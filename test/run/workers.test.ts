// The default worker count: one worker for a small batch, one per core for a large one, and the
// batch handed on whole and in order either way.
import { describe, expect, it } from 'vitest';
import type { InputItem } from '../../pipeline/ingest/index.js';
import { chooseWorkers, SMALL_BATCH_CHARS } from '../../pipeline/run/workers.js';

async function* batch(count: number, chars: number): AsyncGenerator<InputItem> {
  for (let i = 0; i < count; i++) yield { id: `a${i}`, source: 'batch.jsonl', kind: 'jsonl', record: { id: `a${i}`, text: '가'.repeat(chars) }, line: i + 1 };
}

async function ids(items: AsyncIterable<InputItem>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of items) out.push(item.id);
  return out;
}

describe('chooseWorkers', () => {
  it('gives a small batch one worker', async () => {
    const chosen = await chooseWorkers(batch(5, 2000), 4);
    expect(chosen.workers).toBe(1);
    expect(await ids(chosen.items)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
  });

  it('gives a large batch one worker per core, reading ahead only what it needs', async () => {
    const count = Math.ceil((3 * SMALL_BATCH_CHARS) / 5000);
    const chosen = await chooseWorkers(batch(count, 5000), 4);
    expect(chosen.workers).toBe(4);
    expect(await ids(chosen.items)).toEqual(Array.from({ length: count }, (_, i) => `a${i}`));
  });

  it('stays at one worker on one core', async () => {
    expect((await chooseWorkers(batch(200, 5000), 1)).workers).toBe(1);
  });
});
