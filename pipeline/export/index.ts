// Export of output lines to the formats analysts' tools open (CSV/TSV, CoNLL, spaCy, Label Studio),
// chosen by name (`hanlink export --format`) or by the output file's extension (`--out x.csv`).
import type { OutputLine } from '../types.js';
import { conll } from './conll.js';
import { csv, tsv } from './delimited.js';
import type { ExportFormat } from './format.js';
import { labelStudio } from './labelstudio.js';
import { spacy } from './spacy.js';

export type { ExportFormat };

export const FORMATS: readonly ExportFormat[] = [csv, tsv, conll, spacy, labelStudio];

export function formatNamed(name: string): ExportFormat | undefined {
  return FORMATS.find((f) => f.name === name);
}

/** The format a file name asks for by its extension (the longest match: x.spacy.json); undefined when none. */
export function formatForPath(path: string): ExportFormat | undefined {
  const lower = path.toLowerCase();
  return FORMATS.flatMap((f) => f.extensions.map((ext) => ({ f, ext })))
    .filter(({ ext }) => lower.endsWith(ext))
    .sort((a, b) => b.ext.length - a.ext.length)[0]?.f;
}

/** Streams output lines through a format: `add` each line in order, then `end`. */
export function exporter(format: ExportFormat, write: (chunk: string) => void): { add(line: OutputLine): void; end(): void } {
  let first = true;
  write(format.head);
  return {
    add(line) {
      write(format.article(line, first));
      first = false;
    },
    end: () => write(format.tail),
  };
}

/** Why `--out FILE` cannot be written (an extension no format has), or null. "-" and .jsonl are JSON Lines. */
export function unknownOutputFormat(path: string): string | null {
  if (path === '-' || path.toLowerCase().endsWith('.jsonl') || formatForPath(path)) return null;
  const known = ['.jsonl', ...FORMATS.flatMap((f) => f.extensions)].join(' ');
  return `cannot tell the output format from ${path}: use one of ${known}`;
}

/** The writer behind `hanlink process --out FILE`: serialized lines as they are for JSON Lines, else through the format the extension names. */
export function outputSink(path: string, write: (chunk: string) => void): { line(serialized: string): void; end(): void } {
  const format = path.toLowerCase().endsWith('.jsonl') ? undefined : formatForPath(path);
  if (!format) return { line: write, end: () => {} };
  const ex = exporter(format, write);
  return { line: (serialized) => ex.add(JSON.parse(serialized) as OutputLine), end: ex.end };
}
