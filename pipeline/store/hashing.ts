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
  else if (item.record !== undefined) h.update(JSON.stringify(item.record));
  return h.digest('hex');
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
