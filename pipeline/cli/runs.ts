// `hanlink runs [--db FILE] [--json]`: the runs in the store, newest last, so that a reviewer can
// pick one (`hanlink report run:N`, the review page, `hanlink diff run:A run:B`).
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { DEFAULT_DB, Store, type RunInfo } from '../store/index.js';

function formatRuns(runs: readonly RunInfo[]): string {
  const head = ['run', 'status', 'started', 'ended', 'articles', 'computed', 'reused', 'failed', 'code', 'models'];
  const rows = runs.map((r) => [`run:${r.id}`, r.status, r.startedAt.slice(0, 19).replace('T', ' '), r.endedAt?.slice(0, 19).replace('T', ' ') ?? '-',
    String(r.articles), String(r.processed), String(r.reused), String(r.failed), r.codeVersion, r.modelVersion]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('runs')
    .description('list the runs in the store')
    .option('--db <file>', 'the SQLite store', DEFAULT_DB)
    .option('--json', 'one JSON array of runs')
    .action((opts: { db: string; json?: boolean }, cmd: Command) => {
      if (!existsSync(opts.db)) cmd.error(`hanlink runs: no store at ${opts.db}`, { exitCode: 2, code: 'hanlink.usage' });
      const store = Store.open(opts.db);
      try {
        const runs = store.runs();
        process.stdout.write(opts.json ? `${JSON.stringify(runs)}\n` : runs.length ? formatRuns(runs) : `no runs in ${opts.db}\n`);
      } finally {
        store.close();
      }
    });
}
