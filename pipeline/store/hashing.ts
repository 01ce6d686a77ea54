// Content hashes: of one input article (the store's key for "unchanged") and of file trees (the
// code and model versions a result was computed with).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { InputItem } from '../ingest/index.js';

/**
 * The hash of everything an article's output line depends on in the input: its id and source (they
 * appear in the line), its kind, and its raw bytes or JSONL record.
 */
export function contentHash(item: InputItem): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([item.kind, item.id, item.source, item.error ?? null]));
  h.update('\0');
  if (item.bytes) h.update(item.bytes);
  else if (item.record !== undefined) h.update(canonicalJson(item.record));
  return h.digest('hex');
}

/**
 * A parsed JSON value serialized with sorted keys, without recursion: a hostile record nested
 * thousands deep costs a loop, not the stack (JSON.stringify would overflow it).
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const open: { entries: [string | null, unknown][]; next: number; close: string }[] = [];
  let pending = value;
  for (;;) {
    if (Array.isArray(pending)) {
      out.push('[');
      open.push({ entries: pending.map((v) => [null, v]), next: 0, close: ']' });
    } else if (pending !== null && typeof pending === 'object') {
      const obj = pending as Record<string, unknown>;
      out.push('{');
      const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
      open.push({ entries: keys.map((k) => [k, obj[k]]), next: 0, close: '}' });
    } else {
      out.push(JSON.stringify(pending) ?? 'null');
    }
    for (;;) {
      const top = open.at(-1);
      if (!top) return out.join('');
      if (top.next < top.entries.length) {
        const [key, v] = top.entries[top.next];
        if (top.next++ > 0) out.push(',');
        if (key !== null) out.push(JSON.stringify(key), ':');
        pending = v;
        break;
      }
      out.push(top.close);
      open.pop();
    }
  }
}

/**
 * Hash of the files under `dir` (recursively) that `keep` accepts: their paths relative to `dir`
 * and their contents, in sorted order so the result does not depend on directory listing order.
 * A missing folder hashes as empty.
 */
export function hashTree(dir: string, keep: (path: string) => boolean = () => true): string {
  const h = createHash('sha256');
  for (const file of listFiles(dir).filter(keep)) {
    h.update(relative(dir, file).split(sep).join('/'));
    h.update('\0');
    h.update(readFileSync(file));
    h.update('\0');
  }
  return h.digest('hex');
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}
