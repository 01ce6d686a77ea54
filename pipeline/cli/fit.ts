// `hanlink fit links-calibration [FILE...] --out FILE`: fits the link confidence calibration (Platt
// scaling) and the span model on gold linking files and writes them to FILE; nothing else is
// written. The shipped model is models/kb/calibration.json: pass it as --out to replace it.
import type { Command } from 'commander';
import { fit } from '../eval/links.js';
import { exitWith } from './eval.js';

export function register(program: Command): void {
  program
    .command('fit')
    .description('fit a model\'s parameters on gold and write them to a file you name')
    .command('links-calibration')
    .description('fit the link confidence calibration and the span model on linking gold; writes --out only (the pipeline reads models/kb/calibration.json)')
    .argument('[files...]', 'gold linking files (default: fixtures/links/calibration.txt)')
    .requiredOption('--out <file>', 'where the fitted calibration goes (JSON)')
    .action(async (files: string[], opts: { out: string }) => {
      exitWith(await fit({ files, out: opts.out }), 'fit');
    });
}
