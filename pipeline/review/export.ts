// Writing what the review produces: gold fixtures of reviewed articles, and the static report.
// Files are written atomically (a temporary file in the same folder, then renamed), so a reader
// never sees half a file and a failed write leaves the previous one.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { formatGold } from '../eval/gold.js';
import { reviewedGold, type Sources } from './data.js';

export function writeAtomically(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** A file name for an article id: ids come from input data, so nothing in one may leave the folder. */
export function goldFileName(id: string): string {
  return `${id.replace(/[^\p{L}\p{N}_-]/gu, '_')}.json`;
}

export interface ExportResult {
  written: string[];
  /** Reviewed articles whose gold is not valid yet (overlapping spans, a PS without link...), with why. */
  refused: { id: string; problems: string[] }[];
}

/** Writes `<dir>/<id>.json` for each reviewed article of the run, in the gold format (docs/gold.md). */
export function exportGold(src: Sources, runId: number, dir: string): ExportResult {
  const result: ExportResult = { written: [], refused: [] };
  for (const { id, gold } of reviewedGold(src, runId)) {
    if (gold.problems.length > 0) {
      result.refused.push({ id, problems: gold.problems });
      continue;
    }
    const file = join(dir, goldFileName(id));
    writeAtomically(file, formatGold(gold.gold));
    result.written.push(file);
  }
  return result;
}
