// An export format turns output lines (CONTRACT.md) into a file other tools open. Each format
// writes a head, one chunk per article (possibly empty) and a tail, so that a whole run streams
// through it in input order without being held in memory.
import type { OutputLine } from '../types.js';

export interface ExportFormat {
  name: string;
  /** File extensions that select it (`--out x.csv`), lower case with the dot. */
  extensions: readonly string[];
  head: string;
  /** The article's chunk; `first` tells a JSON array format whether it needs a separator. */
  article(line: OutputLine, first: boolean): string;
  tail: string;
}

/** A format that writes one JSON array with one element per article. */
export function jsonArrayFormat(name: string, extensions: readonly string[], element: (line: OutputLine) => unknown): ExportFormat {
  return { name, extensions, head: '[\n', article: (line, first) => (first ? '' : ',\n') + JSON.stringify(element(line)), tail: '\n]\n' };
}
