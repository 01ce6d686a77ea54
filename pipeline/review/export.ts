// Writing what the review produces: gold fixtures of reviewed articles, and the static report.
// Files are written atomically (pipeline/export/atomic-file.ts), so a reader never sees half a file
// and a failed write leaves the previous one.
import { join } from 'node:path';
import { writeFileAtomically } from '../export/atomic-file.js';
import { formatGold } from '../eval/gold.js';
import { reviewedGold, type Sources } from './data.js';

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
    writeFileAtomically(file, formatGold(gold.gold));
    result.written.push(file);
  }
  return result;
}
