// Input paths → input items, in a deterministic order. Directories are read recursively (hidden
// entries skipped), entries sorted by code point; files of other kinds inside a directory are
// skipped, while a file named explicitly with an unsupported extension yields an error item.
// JSONL files (and `-`, standard input, read as JSONL) are streamed line by line, one item per
// non-empty line, decoded with the encoding detected from their first bytes as for `.txt`
// (decode.ts). Nothing read is unbounded: only regular files are opened (a FIFO or a device would
// block or never end), a JSONL line longer than MAX_JSONL_LINE is skipped with an error item, and a
// record nested deeper than MAX_JSON_DEPTH is refused (later steps walk it).
import iconv from 'iconv-lite';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { MAX_TEXT_BYTES, sizeMessage, sniffEncoding } from './decode.js';
import type { InputItem } from './index.js';

/** The input path that means standard input (JSON Lines). */
export const STDIN = '-';

/** Longest JSONL line read, in UTF-16 units: the largest article text with every character escaped (\uXXXX). */
export const MAX_JSONL_LINE = 6 * MAX_TEXT_BYTES;

/** Deepest nesting of arrays and objects accepted in a JSONL record; an article needs 2 or 3. */
export const MAX_JSON_DEPTH = 64;

/** Bytes read to detect a JSONL file's encoding. */
const SNIFF_BYTES = 64 * 1024;

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

/** The input items of files and directories, in argument order, directories in code-point order; `-` reads `stdin` as JSONL. */
export async function* readInputs(paths: string[], stdin: Readable = process.stdin): AsyncGenerator<InputItem> {
  for (const given of paths) {
    if (given === STDIN) {
      yield* readJsonl('stdin', STDIN, stdin);
      continue;
    }
    const info = await stat(given).catch((err: NodeJS.ErrnoException) => err);
    if (info instanceof Error) {
      yield { id: stem(given), source: given, kind: kindOf(given) ?? 'txt', error: `cannot read ${given}: ${info.code === 'ENOENT' ? 'no such file or directory' : info.message}` };
    } else if (info.isDirectory()) {
      for await (const file of walk(given)) yield* readFileItems(file);
    } else if (!info.isFile()) {
      yield { id: stem(given), source: given, kind: kindOf(given) ?? 'txt', error: `cannot read ${given}: not a regular file (a FIFO, socket or device is not read)` };
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
    try {
      yield* readJsonl(stem(file), file, await openSniffed(file));
    } catch (err) {
      yield { id: `${stem(file)}#1`, source: file, kind: 'jsonl', error: `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}` };
    }
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

/** How many items readInputs will yield for `paths` (reading JSONL files once more), or null when standard input is among them. */
export async function countInputs(paths: string[]): Promise<number | null> {
  if (paths.includes(STDIN)) return null;
  let n = 0;
  for (const given of paths) {
    const info = await stat(given).catch(() => null);
    // Whatever readInputs turns into one error item (missing, not a regular file) counts one.
    const files = info?.isDirectory() ? walk(given) : info?.isFile() ? [given] : [];
    if (!info || (!info.isDirectory() && !info.isFile())) n++;
    for await (const file of files) {
      if (kindOf(file) !== 'jsonl') n++;
      else {
        const input = await openSniffed(file).catch(() => null);
        if (!input) n++; // readInputs yields the error
        for await (const line of jsonlLines(input)) if (line.text === null || line.text.trim() !== '') n++;
      }
    }
  }
  return n;
}

/** A JSONL file as a byte stream, its encoding detected from its first bytes. */
async function openSniffed(file: string): Promise<Readable> {
  const handle = await open(file, 'r');
  let head: Uint8Array;
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const { iconv: encoding, skip } = sniffEncoding(head);
  return createReadStream(file, { start: skip }).pipe(iconv.decodeStream(encoding)) as unknown as Readable;
}

/**
 * The lines of a decoded stream, 1-based; `text` is null for a line over MAX_JSONL_LINE (dropped as
 * it streams by, so memory stays bounded). A missing stream gives no lines.
 */
async function* jsonlLines(input: Readable | null): AsyncGenerator<{ lineNo: number; text: string | null }> {
  if (!input) return;
  let lineNo = 0;
  let parts: string[] = [];
  let length = 0;
  let tooLong = false;
  const end = () => {
    const text = tooLong ? null : parts.join('').replace(/\r$/, '');
    parts = [];
    length = 0;
    tooLong = false;
    return { lineNo: ++lineNo, text };
  };
  for await (const chunk of input) {
    const s = typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    let from = 0;
    for (let nl = s.indexOf('\n'); nl !== -1; nl = s.indexOf('\n', from)) {
      if (!tooLong) parts.push(s.slice(from, nl));
      yield end();
      from = nl + 1;
    }
    length += s.length - from;
    if (length > MAX_JSONL_LINE) tooLong = true;
    if (tooLong) parts = [];
    else if (from < s.length) parts.push(s.slice(from));
  }
  if (tooLong || parts.length > 0) yield end();
}

async function* readJsonl(name: string, source: string, input: Readable): AsyncGenerator<InputItem> {
  let lineNo = 0;
  try {
    for await (const line of jsonlLines(input)) {
      lineNo = line.lineNo;
      if (line.text === null) {
        yield { id: `${name}#${lineNo}`, source, kind: 'jsonl', line: lineNo, error: `line ${lineNo} is longer than ${MAX_JSONL_LINE} characters` };
        continue;
      }
      const text = lineNo === 1 ? line.text.replace(/^\uFEFF/, '') : line.text;
      if (text.trim() === '') continue;
      yield jsonlItem(name, source, lineNo, text);
    }
  } catch (err) {
    yield { id: `${name}#${lineNo + 1}`, source, kind: 'jsonl', error: `cannot read ${source}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Whether arrays and objects in `value` nest deeper than `limit` (iteratively: the depth is untrusted). */
function nestedDeeper(value: unknown, limit: number): boolean {
  const todo: [unknown, number][] = [[value, 1]];
  for (let next = todo.pop(); next; next = todo.pop()) {
    const [v, depth] = next;
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') todo.push([child, depth + 1]);
  }
  return false;
}

function jsonlItem(name: string, source: string, lineNo: number, line: string): InputItem {
  const fallbackId = `${name}#${lineNo}`;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (err) {
    return { id: fallbackId, source, kind: 'jsonl', line: lineNo, error: `line ${lineNo} is not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { id: fallbackId, source, kind: 'jsonl', line: lineNo, error: `line ${lineNo} is not a JSON object` };
  }
  if (nestedDeeper(record, MAX_JSON_DEPTH)) {
    return { id: fallbackId, source, kind: 'jsonl', line: lineNo, error: `line ${lineNo} nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels` };
  }
  const { id, text } = record as { id?: unknown; text?: unknown };
  const itemId = typeof id === 'string' && id !== '' ? id : typeof id === 'number' ? String(id) : fallbackId;
  if (typeof text !== 'string') {
    return { id: itemId, source, kind: 'jsonl', line: lineNo, record, error: `line ${lineNo} has no "text" string` };
  }
  return { id: itemId, source, kind: 'jsonl', line: lineNo, record };
}
