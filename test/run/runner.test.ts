import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InputItem } from '../../pipeline/ingest/index.js';
import { runBatch, type RunnerOptions, type RunSummary } from '../../pipeline/run/runner.js';
import { Store } from '../../pipeline/store/index.js';
import { versions } from '../../pipeline/store/versions.js';
import { OutputLineSchema } from '../../pipeline/types.js';
import { batch, txtItem } from './articles.js';

const dir = mkdtempSync(join(tmpdir(), 'hanlink-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(items: Iterable<InputItem>, opts: Partial<RunnerOptions> = {}): Promise<{ out: string; summary: RunSummary }> {
  let out = '';
  const summary = await runBatch(items, {
    workers: 0,
    resources: {},
    article: { explainRemovals: false },
    write: (line) => (out += line),
    ...opts,
  });
  return { out, summary };
}

const ITEMS = batch(12);
const BROKEN = { id: 'broken', source: 'mem/broken.txt', kind: 'txt', error: 'cannot read mem/broken.txt' } as InputItem;

describe('runBatch', () => {
  it('writes one valid line per article, in input order, the same bytes in-process and with 2 workers; a broken article gets its error', async () => {
    const items = [...ITEMS.slice(0, 3), BROKEN, ...ITEMS.slice(3)];
    const inProcess = await run(items, { workers: 0 });
    const twoWorkers = await run(items, { workers: 2 });
    expect(twoWorkers.summary.workers).toBe(2);
    expect(twoWorkers.out).toBe(inProcess.out);
    const lines = inProcess.out.trimEnd().split('\n').map((l) => OutputLineSchema.parse(JSON.parse(l)));
    expect(lines.map((l) => l.id)).toEqual(items.map((i) => i.id));
    expect(lines[3].error).toEqual({ stage: 'ingest', message: expect.stringContaining('cannot read mem/broken.txt') });
    const good = lines.filter((l) => l.id !== 'broken');
    expect(good.every((l) => l.error === null)).toBe(true);
    expect(good.map((l) => l.text)).toEqual(ITEMS.map((i) => new TextDecoder().decode(i.bytes)));
    expect(inProcess.summary).toMatchObject({ articles: 13, processed: 13, reused: 0, failed: 1, interrupted: false });
    expect(inProcess.summary.chars).toBe(lines.reduce((n, l) => n + l.text.length, 0));
    // Every stage was timed, ingest included.
    expect(Object.keys(inProcess.summary.stageMs)).toEqual(['ingest', 'segment', 'tokenize', 'ner', 'dates', 'link']);
  });

  it('fails only the article whose worker died, with the reason, and goes on with a new worker', async () => {
    const crash = txtItem('crash-1', '이 기사는 작업 스레드를 멈춘다.\n');
    const items = [...ITEMS.slice(0, 2), crash, ...ITEMS.slice(2, 7)];
    const reference = (await run(ITEMS.slice(0, 7))).out.trimEnd().split('\n');
    const { out, summary } = await run(items, { workers: 2, workerScript: new URL('./fixtures/crashing-article-worker.ts', import.meta.url) });
    const lines = out.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(items.map((i) => i.id));
    expect(OutputLineSchema.parse(JSON.parse(lines[2]))).toMatchObject({ id: 'crash-1', text: '', error: { stage: 'worker', message: 'worker crashed: exit code 9' } });
    expect(lines.filter((_, n) => n !== 2)).toEqual(reference);
    expect(summary).toMatchObject({ articles: 8, failed: 1, workerRestarts: 1 });
  });

  it('adds the removals as a last field "removed" only with explainRemovals', async () => {
    const plain = JSON.parse((await run(ITEMS.slice(0, 2))).out.split('\n')[0]);
    const explained = JSON.parse((await run(ITEMS.slice(0, 2), { article: { explainRemovals: true } })).out.split('\n')[0]);
    expect('removed' in plain).toBe(false);
    expect(Object.keys(explained)).toEqual([...Object.keys(plain), 'removed']);
    expect(Array.isArray(explained.removed)).toBe(true);
  });

  describe('with a store', () => {
    const v = versions();
    const withStore = (store: Store, force = false) => {
      const runId = store.beginRun(v, { explainRemovals: false });
      return { runId, store: { store, runId, force } };
    };

    it('reuses unchanged articles, recomputes changed ones, and recomputes all with force', async () => {
      const store = Store.open(join(dir, 'skip.sqlite'));
      const first = withStore(store);
      const a = await run(ITEMS, { store: first.store });
      expect(store.run(first.runId)).toMatchObject({ articles: 12, processed: 12, reused: 0, failed: 0 });

      const changed = ITEMS.map((item, n) => (n === 5 ? txtItem(item.id, '바뀐 기사 본문입니다.\n') : item));
      const second = withStore(store);
      const b = await run(changed, { store: second.store });
      expect(store.run(second.runId)).toMatchObject({ articles: 12, processed: 1, reused: 11 });
      expect(b.summary).toMatchObject({ processed: 1, reused: 11 });
      const aLines = a.out.split('\n');
      const bLines = b.out.split('\n');
      expect(bLines.filter((l, n) => l !== aLines[n]).map((l) => JSON.parse(l).id)).toEqual(['a005']);

      const forced = withStore(store, true);
      const c = await run(changed, { store: forced.store });
      expect(store.run(forced.runId)).toMatchObject({ articles: 12, processed: 12, reused: 0 });
      expect(c.out).toBe(b.out);
      expect(store.lines(forced.runId).map((l) => l + '\n').join('')).toBe(c.out);

      // Nothing to compute: the workers are never started.
      const unchanged = withStore(store);
      const d = await run(changed, { store: unchanged.store, workers: 2 });
      expect(d.summary).toMatchObject({ processed: 0, reused: 12, startupMs: 0, workerRestarts: 0 });
      expect(d.out).toBe(c.out);
      store.close();
    });

    it('resumes an interrupted run: what finished is reused, only the rest is computed', async () => {
      const store = Store.open(join(dir, 'resume.sqlite'));
      const whole = (await run(ITEMS)).out;

      const abort = new AbortController();
      const first = withStore(store);
      const cut = await run(ITEMS, {
        store: first.store,
        signal: abort.signal,
        onProgress: (p) => p.written >= 4 && abort.abort(),
      });
      expect(cut.summary.interrupted).toBe(true);
      const done = store.run(first.runId)!.processed;
      expect(done).toBeGreaterThanOrEqual(4);
      expect(done).toBeLessThan(12);
      expect(whole.startsWith(cut.out)).toBe(true);

      const second = withStore(store);
      const resumed = await run(ITEMS, { store: second.store });
      expect(store.run(second.runId)).toMatchObject({ articles: 12, reused: done, processed: 12 - done });
      expect(resumed.out).toBe(whole);
      store.close();
    });

    it('does not reuse a failed result', async () => {
      const store = Store.open(join(dir, 'failed.sqlite'));
      await run([BROKEN], { store: withStore(store).store });
      const again = withStore(store);
      await run([BROKEN], { store: again.store });
      expect(store.run(again.runId)).toMatchObject({ processed: 1, reused: 0, failed: 1 });
      expect(store.failures(again.runId)).toEqual([{ seq: 0, articleId: 'broken', stage: 'ingest', message: expect.stringContaining('cannot read') }]);
      store.close();
    });
  });
});
