// The per-article time budget through the real pipeline: an article that takes too long fails with
// the reason (stage "budget") while the batch goes on, with one worker thread and in-process.
import { describe, expect, it } from 'vitest';
import type { InputItem } from '../../pipeline/ingest/index.js';
import { runBatch, type RunnerOptions } from '../../pipeline/run/runner.js';
import { OutputLineSchema } from '../../pipeline/types.js';
import { articleText, txtItem } from '../run/articles.js';

/** `paragraphs` numbered news paragraphs (about 150 characters each). */
const big = (paragraphs: number) => txtItem('big', Array.from({ length: paragraphs }, (_, i) => `(${i + 1}) ${articleText((i % 8) + 1)}`).join('\n'));
const around = (item: InputItem): InputItem[] => [txtItem('s1', articleText(1)), item, txtItem('s2', articleText(2))];

// The budgets leave a cold worker's first small article (JIT, a loaded machine) ample time, and
// the big articles take far longer than them even on a fast machine with every stage linear (the
// worker's, 1.5M characters, over 7 s even at 200k characters a second; the input cap is 5 MB).
async function run(opts: Partial<RunnerOptions>, items: InputItem[]) {
  let out = '';
  const summary = await runBatch(items, { workers: 0, resources: {}, article: { explainRemovals: false }, write: (l) => (out += l), ...opts });
  return { lines: out.trimEnd().split('\n').map((l) => OutputLineSchema.parse(JSON.parse(l))), summary };
}

describe('--time-budget', () => {
  it('stops an article over the budget in its worker thread, records why, and goes on (one worker)', async () => {
    const { lines, summary } = await run({ workers: 1, timeBudgetS: 5 }, around(big(10000)));
    expect(lines.map((l) => [l.id, l.error?.stage ?? null])).toEqual([['s1', null], ['big', 'budget'], ['s2', null]]);
    expect(lines[1].error!.message).toBe('over the time budget of 5 s: stopped');
    expect(summary).toMatchObject({ failed: 1, failedIds: ['big'], workerRestarts: 1 });
  }, 300_000);

  it('in-process, fails the article after the stage that ran past the budget, and goes on', async () => {
    await run({ workers: 0 }, around(txtItem('warm', articleText(3)))); // warm up: the first articles in a thread are much slower
    // In-process stages block this thread until they end: the big article (about 300k characters,
    // several seconds even on a fast machine) stays well past the 1 s budget without taking minutes.
    const { lines } = await run({ workers: 0, timeBudgetS: 1 }, around(big(2000)));
    expect(lines.map((l) => [l.id, l.error?.stage ?? null])).toEqual([['s1', null], ['big', 'budget'], ['s2', null]]);
    expect(lines[1].error!.message).toMatch(/^over the time budget \((segment|tokenize|ner|dates|link) ended [\d.]+ s past it\)$/);
  }, 300_000);
});
