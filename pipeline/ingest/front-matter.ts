// Markdown/Jekyll front matter: a YAML block between `---` lines at the very start of the file.
import { parse as parseYaml } from 'yaml';

export interface FrontMatter {
  /** The parsed YAML mapping (empty when the block is empty). */
  data: Record<string, unknown>;
  /** The raw block, delimiters included, as it appeared in the input. */
  raw: string;
  /** The text after the closing delimiter. */
  body: string;
}

/** `---` on the first line, followed by a YAML key: a bare `---` rule atop a text is not front matter. */
const OPEN = /^---[ \t]*\r?\n(?=[ \t]*(?:[\w-]+[ \t]*:|---|\.\.\.|#))/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/**
 * Splits off a front matter block. Returns null when the text has none; throws with a clear message
 * when a block is opened (`---` then a `key:` line) but never closed, or its YAML is invalid.
 */
export function splitFrontMatter(text: string): FrontMatter | null {
  const open = OPEN.exec(text);
  if (!open) return null;
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) throw new Error('front matter opened with "---" is never closed');
  const yamlText = rest.slice(0, close.index);
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (err) {
    throw new Error(`front matter is not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, { cause: err });
  }
  if (data == null) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error('front matter is not a YAML mapping');
  const end = open[0].length + close.index + close[0].length;
  return { data: data as Record<string, unknown>, raw: text.slice(0, end), body: text.slice(end) };
}
