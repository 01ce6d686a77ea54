// `hanlink review [--db FILE.sqlite] [--port P] [--host H] [--reviewer NAME] [--export DIR]`: the
// review page over the store (docs/review.md). It binds 127.0.0.1 unless --host says otherwise and
// runs until interrupted.
import { CommanderError, InvalidArgumentError, type Command } from 'commander';
import { userInfo } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { NotFound, openSources } from '../review/data.js';
import { startReviewServer } from '../review/server.js';
import { DEFAULT_DB } from '../store/index.js';

const DEFAULT_PORT = 7310;

interface ReviewOptions { db: string; port: number; host: string; reviewer?: string; export?: string }

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('expected a port number (0 picks a free one).');
  return Number(value);
}

export function register(program: Command): void {
  program
    .command('review')
    .description('serve the review page over the store: queue, article view, corrections, gold export')
    .option('--db <file>', 'the SQLite store written by `hanlink process`', DEFAULT_DB)
    .option('--port <p>', 'port (0 picks a free one)', parsePort, DEFAULT_PORT)
    .option('--host <h>', 'address to bind; other than 127.0.0.1 exposes the page to the network', '127.0.0.1')
    .option('--reviewer <name>', 'the name corrections are attributed to (the page can change it; default: the user name)')
    .option('--export <dir>', 'where "export" writes gold fixtures (default: gold/ beside the store)')
    .action(async (opts: ReviewOptions, cmd: Command) => {
      let sources;
      try {
        sources = await openSources(opts.db);
      } catch (err) {
        if (err instanceof NotFound) cmd.error(`hanlink review: ${err.message}`, { exitCode: 2, code: 'hanlink.usage' });
        throw err;
      }
      const exportDir = resolve(opts.export ?? join(dirname(opts.db), 'gold'));
      const server = await startReviewServer({ sources, host: opts.host, port: opts.port, reviewer: opts.reviewer ?? userInfo().username, exportDir });
      process.stderr.write(`hanlink review: ${server.url} (store ${opts.db}; gold exports to ${exportDir}; Ctrl-C stops)\n`);
      if (opts.host !== '127.0.0.1' && opts.host !== 'localhost') process.stderr.write(`hanlink review: bound to ${opts.host}: reachable from the network\n`);
      await new Promise<void>((done) => process.once('SIGINT', () => done()));
      await server.close();
      sources.close();
      throw new CommanderError(130, 'hanlink.interrupted', 'stopped');
    });
}
