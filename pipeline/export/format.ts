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
