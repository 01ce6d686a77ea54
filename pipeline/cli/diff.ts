// `hanlink diff RUN_A RUN_B`: what changed between two runs, article by article.
import type { Command } from 'commander';
import { diffRuns, renderDiff } from '../eval/diff.js';
import { loadGold } from '../eval/gold.js';
import { goldJudge } from '../eval/report.js';
import { DEFAULT_DB, readRun } from '../eval/runs.js';
import { exitWith } from './eval.js';

export interface DiffOptions { json?: boolean; db: string; color?: boolean; gold?: string }

/** Exit status 0 when the runs agree, 1 when anything changed. */
export function runDiff(a: string, b: string, opts: DiffOptions): number {
  const diff = diffRuns(readRun(a, opts.db), readRun(b, opts.db));
  if (opts.json) process.stdout.write(`${JSON.stringify(diff)}\n`);
  else {
    const judge = opts.gold ? goldJudge(loadGold([opts.gold])) : undefined;
    process.stdout.write(renderDiff(diff, { color: opts.color !== false && process.stdout.isTTY === true, labels: [a, b], judge }));
  }
  return diff.articles.length + diff.onlyInA.length + diff.onlyInB.length > 0 ? 1 : 0;
}

export function register(program: Command): void {
  program
    .command('diff')
    .description('show what changed between two runs: entities gained, lost, retyped, relinked; dates changed')
    .argument('<runA>', 'a result .jsonl file, a gold folder or .json file, or run:<id> from the store')
    .argument('<runB>', 'the same kinds as runA')
    .option('--json', 'print the diff as JSON')
    .option('--db <file>', 'the store that run:<id> refers to', DEFAULT_DB)
    .option('--gold <path>', 'tag each change [right]/[wrong] against these gold fixtures')
    .option('--no-color', 'plain text even on a terminal')
    .action((a: string, b: string, opts: DiffOptions) => {
      exitWith(runDiff(a, b, opts), 'diff');
    });
}
