import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatSummary, progressReporter } from '../../pipeline/run/progress.js';
import type { RunSummary } from '../../pipeline/run/runner.js';

const SUMMARY: RunSummary = {
  articles: 40, processed: 30, reused: 10, failed: 2, entities: { PS: 12, DT: 5, OG: 7 }, links: 15, dates: 5, chars: 20_000,
  elapsedMs: 4000, startupMs: 1500, stageMs: { ingest: 10, ner: 90 }, interrupted: false, workers: 2, workerRestarts: 1, maxRssKiB: 1 << 20,
};

describe('formatSummary', () => {
  it('reports articles, failures, entities by type, links, dates, elapsed time and rates', () => {
    expect(formatSummary(SUMMARY)).toBe(
      'hanlink: 40 articles (30 computed, 10 reused), 2 failed\n' +
        '  entities: DT 5, OG 7, PS 12; links 15; dates 5\n' +
        '  4.00 s (startup 1.50 s), 10.0 articles/s, 5000 chars/s, 2 workers, 1 worker restarts\n',
    );
  });

  it('says when a run was interrupted', () => {
    expect(formatSummary({ ...SUMMARY, interrupted: true, workers: 0, workerRestarts: 0 })).toMatch(/2 failed, INTERRUPTED\n.*\n.*in-process\n$/);
  });
});

describe('progressReporter', () => {
  it('stays silent when stderr is not a terminal', () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let written = '';
    (stream as unknown as PassThrough).on('data', (chunk) => (written += String(chunk)));
    const bar = progressReporter(stream);
    bar.update({ written: 1, read: 3, inputDone: false, failed: 0 });
    bar.stop();
    expect(written).toBe('');
  });
});
