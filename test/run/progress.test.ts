import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatSummary, progressReporter } from '../../pipeline/run/progress.js';
import type { RunSummary } from '../../pipeline/run/runner.js';

const SUMMARY: RunSummary = {
  articles: 40, processed: 30, reused: 10, failed: 2, entities: { PS: 12, DT: 5, OG: 7 }, links: 15, dates: 5, chars: 20_000,
  elapsedMs: 4000, startupMs: 1500, stageMs: { ingest: 10, ner: 90 }, interrupted: false, failedIds: ['a', 'b'], duplicateIds: [], workers: 2, workerRestarts: 1, maxRssKiB: 1 << 20,
};

describe('formatSummary', () => {
  it('reports articles, failures, entities by type, links, dates, elapsed time and rates', () => {
    expect(formatSummary(SUMMARY)).toBe(
      'hanlink: 40 articles (30 computed, 10 reused), 2 failed\n' +
        '  entities: DT 5, OG 7, PS 12; links 15; dates 5\n' +
        '  4.00 s (startup 1.50 s), 10.0 articles/s, 5000 chars/s, 2 workers, 1 worker restarts\n' +
        '  failed: "a", "b"\n',
    );
  });

  it('names the output, the run id, the duplicate ids, and at most ten ids before "and N more"', () => {
    const ids = Array.from({ length: 12 }, (_, n) => `d${n}`);
    const text = formatSummary({ ...SUMMARY, failed: 0, failedIds: [], duplicateIds: ids }, { out: 'out/r.jsonl', runId: 7 });
    expect(text).toContain('  warning: ids given to more than one article: "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9" and 2 more\n');
    expect(text).toContain('  output: out/r.jsonl; run 7 in the store\n');
    expect(formatSummary({ ...SUMMARY, interrupted: true }, { out: 'out/r.jsonl', runId: 8 })).toContain(
      'output: not written (interrupted): out/r.jsonl is left as it was; run again to resume; run 8 in the store',
    );
  });

  it('says when a run was interrupted', () => {
    expect(formatSummary({ ...SUMMARY, interrupted: true, workers: 0, workerRestarts: 0 })).toMatch(/2 failed, INTERRUPTED\n.*\n.*in-process\n/);
  });
});

describe('progressReporter', () => {
  it('stays silent when stderr is not a terminal', () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let written = '';
    (stream as unknown as PassThrough).on('data', (chunk) => (written += String(chunk)));
    const bar = progressReporter(stream);
    bar.update({ written: 1, read: 3, total: 5, inputDone: false, failed: 0 });
    bar.stop();
    expect(written).toBe('');
  });

  it('says that the models are loading, and when they are loaded, even off a terminal', () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let written = '';
    (stream as unknown as PassThrough).on('data', (chunk) => (written += String(chunk)));
    const bar = progressReporter(stream);
    bar.loading(2);
    bar.loaded(4200);
    expect(written).toBe('hanlink: loading models (2 worker threads)...\nhanlink: models loaded in 4.2 s\n');
  });
});
