// `hanlink report run:N --html FILE [--db FILE]`: a static, read-only HTML report of a stored run
// with the review page's queue, charts and article view (pipeline/review/report.ts), written atomically.
import type { Command } from 'commander';
import { NotFound, openSources } from '../review/data.js';
import { writeFileAtomically } from '../export/atomic-file.js';
import { reportHtml } from '../review/report.js';
import { DEFAULT_DB } from '../store/index.js';

export function register(program: Command): void {
  program
    .command('report')
    .description('write a static HTML report of a stored run (the review page, read-only)')
    .argument('<run>', 'run:<id> (see `hanlink runs`)')
    .requiredOption('--html <file>', 'the HTML file to write')
    .option('--db <file>', 'the SQLite store', DEFAULT_DB)
    .action(async (run: string, opts: { html: string; db: string }, cmd: Command) => {
      const usage = (message: string): never => cmd.error(`hanlink report: ${message}`, { exitCode: 2, code: 'hanlink.usage' });
      const m = /^run:(\d+)$/.exec(run);
      if (!m) usage(`expected run:<id>, got ${JSON.stringify(run)}`);
      const sources = await openSources(opts.db).catch((err: unknown) => (err instanceof NotFound ? usage(err.message) : Promise.reject(err)));
      try {
        if (!sources.store.run(Number(m![1]))) usage(`no run ${m![1]} in ${opts.db} (see \`hanlink runs --db ${opts.db}\`)`);
        writeFileAtomically(opts.html, reportHtml(sources, Number(m![1])));
        process.stderr.write(`hanlink report: ${opts.html}\n`);
      } finally {
        sources.close();
      }
    });
}
