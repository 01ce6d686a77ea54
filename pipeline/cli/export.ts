// `hanlink export RUN --format csv|tsv|conll|spacy|labelstudio --out FILE [--db FILE]`: a run (a
// JSON Lines result file or `run:<id>` from the store) in another tool's format (pipeline/export/).
// `hanlink import labelstudio FILE.json --out DIR`: Label Studio annotations → gold fixtures that
// `hanlink eval` reads (docs/gold.md). Both write atomically. Exit 2 for unusable arguments.
import { CommanderError, Option, type Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatGold } from '../eval/gold.js';
import { DEFAULT_DB, readRun } from '../eval/runs.js';
import { exporter, formatForPath, formatNamed, FORMATS } from '../export/index.js';
import { importLabelStudio, LABEL_STUDIO_CONFIG, labelStudio } from '../export/labelstudio.js';
import { writeAtomically } from '../export/atomic-file.js';
import { OutputRefused } from '../run/output.js';

const fail = (command: string, message: string): never => {
  process.stderr.write(`hanlink ${command}: ${message}\n`);
  throw new CommanderError(2, `hanlink.${command}`, message);
};

export function register(program: Command): void {
  program
    .command('export')
    .description('write a run in another tool\'s format: one row per entity (csv, tsv), KLUE-style IOB (conll), spaCy or Label Studio JSON')
    .argument('<run>', 'a .jsonl result file, or run:<id> from the store')
    .requiredOption('--out <file>', 'output file')
    .addOption(new Option('--format <name>', 'output format (default: from the --out extension)').choices(FORMATS.map((f) => f.name)))
    .option('--db <file>', 'the store, for run:<id>', DEFAULT_DB)
    .action(async (run: string, opts: { out: string; format?: string; db: string }) => {
      const format = opts.format ? formatNamed(opts.format)! : formatForPath(opts.out);
      if (!format) fail('export', `cannot tell the format from ${opts.out}: give --format (${FORMATS.map((f) => `${f.name}: ${f.extensions.join(' ')}`).join('; ')})`);
      let lines;
      try {
        lines = readRun(run, opts.db);
      } catch (err) {
        return fail('export', (err as Error).message);
      }
      await writeAtomically(opts.out, (write) => {
        const ex = exporter(format!, write);
        for (const line of lines) ex.add(line);
        ex.end();
      }).catch((err: unknown) => (err instanceof OutputRefused ? fail('export', err.message) : Promise.reject(err)));
      process.stderr.write(`hanlink export: ${lines.length} articles → ${opts.out} (${format!.name})\n`);
      if (format === labelStudio) process.stderr.write(`Label Studio labeling config for these tasks (Settings → Labeling Interface → Code):\n${LABEL_STUDIO_CONFIG}`);
    });

  program
    .command('import')
    .description('turn annotations made in another tool back into gold fixtures (docs/gold.md)')
    .command('labelstudio')
    .description('Label Studio JSON export (tasks made by `hanlink export --format labelstudio`, annotated) → DIR/<id>.json')
    .argument('<file>', 'Label Studio JSON export')
    .requiredOption('--out <dir>', 'folder for the gold .json files')
    .action(async (file: string, opts: { out: string }) => {
      let result;
      try {
        result = importLabelStudio(file);
      } catch (err) {
        return fail('import', (err as Error).message);
      }
      for (const g of result.gold) if (!/^[\w.-]+$/.test(g.id) || g.id.startsWith('.')) fail('import', `article id ${JSON.stringify(g.id)} cannot be a file name`);
      mkdirSync(opts.out, { recursive: true });
      for (const g of result.gold) {
        const out = join(opts.out, `${g.id}.json`);
        await writeAtomically(out, (write) => write(formatGold(g)));
        process.stdout.write(`${out}: ${g.entities.length} entities, ${g.dates.length} dates\n`);
      }
      for (const s of result.skipped) process.stderr.write(`hanlink import: skipped ${s}\n`);
    });
}
