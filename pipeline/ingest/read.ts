// Input paths → input items, in a deterministic order. Directories are read recursively (hidden
// entries skipped), entries sorted by code point; files of other kinds inside a directory are
// skipped, while a file named explicitly with an unsupported extension yields an error item.
// JSONL files are streamed line by line, one item per non-empty line.
import { createReadStream } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { MAX_TEXT_BYTES, sizeMessage } from './decode.js';
import type { InputItem } from './index.js';

const KINDS: Record<string, InputItem['kind']> = { '.txt': 'txt', '.md': 'md', '.html': 'html', '.htm': 'html', '.jsonl': 'jsonl' };

function kindOf(file: string): InputItem['kind'] | null {
  return KINDS[path.extname(file).toLowerCase()] ?? null;
}

function stem(file: string): string {
  return path.basename(file, path.extname(file));
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Files under `dir`; `seen` holds the real paths of directories entered, so symlink loops end. */
async function* walk(dir: string, seen = new Set<string>()): AsyncGenerator<string> {
  const real = await realpath(dir);
  if (seen.has(real)) return;
  seen.add(real);
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  entries.sort((a, b) => byCodePoint(a.name, b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const info = await stat(full).catch(() => null);
    if (info?.isDirectory()) yield* walk(full, seen);
    else if (info?.isFile() && kindOf(full)) yield full;
  }
}

/** The input items of files and directories, in argument order, directories in code-point order. */
export async function* readInputs(paths: string[]): AsyncGenerator<InputItem> {
  for (const given of paths) {
    const info = await stat(given).catch((err: NodeJS.ErrnoException) => err);
    if (info instanceof Error) {
      yield { id: stem(given), source: given, kind: kindOf(given) ?? 'txt', error: `cannot read ${given}: ${info.code === 'ENOENT' ? 'no such file or directory' : info.message}` };
    } else if (info.isDirectory()) {
      for await (const file of walk(given)) yield* readFileItems(file);
    } else if (!kindOf(given)) {
      yield { id: stem(given), source: given, kind: 'txt', error: `unsupported file type "${path.extname(given) || '(none)'}": expected .txt, .md, .html, .htm or .jsonl` };
    } else {
      yield* readFileItems(given);
    }
  }
}

async function* readFileItems(file: string): AsyncGenerator<InputItem> {
  const kind = kindOf(file)!;
  if (kind === 'jsonl') {
    yield* readJsonl(file);
    return;
  }
  const base = { id: stem(file), source: file, kind };
  try {
    // Checked before reading, so that a huge file costs neither memory nor time.
    const { size } = await stat(file);
    if (size > MAX_TEXT_BYTES) {
      yield { ...base, error: sizeMessage(size) };
      return;
    }
    yield { ...base, bytes: new Uint8Array(await readFile(file)) };
  } catch (err) {
    yield { ...base, error: `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

async function* readJsonl(file: string): AsyncGenerator<InputItem> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const raw of lines) {
      lineNo++;
      const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '') continue;
      yield jsonlItem(file, lineNo, line);
    }
  } catch (err) {
    yield { id: `${stem(file)}#${lineNo + 1}`, source: file, kind: 'jsonl', error: `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function jsonlItem(file: string, lineNo: number, line: string): InputItem {
  const fallbackId = `${stem(file)}#${lineNo}`;
  const source = file;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (err) {
    return { id: fallbackId, source, kind: 'jsonl', line: lineNo, error: `line ${lineNo} is not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { id: fallbackId, source, kind: 'jsonl', line: lineNo, error: `line ${lineNo} is not a JSON object` };
  }
  const { id, text } = record as { id?: unknown; text?: unknown };
  const itemId = typeof id === 'string' && id !== '' ? id : typeof id === 'number' ? String(id) : fallbackId;
  if (typeof text !== 'string') {
    return { id: itemId, source, kind: 'jsonl', line: lineNo, record, error: `line ${lineNo} has no "text" string` };
  }
  return { id: itemId, source, kind: 'jsonl', line: lineNo, record };
}
