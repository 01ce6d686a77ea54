// Derived data kept on disk between runs, so that start-up reads it instead of computing it again
// (the inflated Korean dictionary, the parsed knowledge base). Each entry is one file whose name
// carries the identity of what it was derived from: a changed source gets a new name, so a stale
// entry is never read, only pruned. Entries are written to a temporary file and renamed into
// place (atomic: a reader sees a whole entry or none, and concurrent writers of the same entry
// write the same bytes). A cache that cannot be read or written is skipped: the caller computes.
// Where: $HANLINK_CACHE_DIR, else $XDG_CACHE_HOME/hanlink, else ~/.cache/hanlink.
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** Entries of one kind kept beside the current one (a checkout run both from sources and compiled has two). */
const KEEP = 2;
/** A temporary file older than this was left by a writer that died: it is removed. */
const STALE_TMP_MS = 10 * 60_000;

export function cacheDir(): string {
  const env = process.env;
  if (env.HANLINK_CACHE_DIR) return env.HANLINK_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'hanlink');
  const home = homedir();
  return home ? join(home, '.cache', 'hanlink') : join(tmpdir(), 'hanlink-cache');
}

/** The file name of the entry of `kind` derived from what `key` identifies. */
export function entryName(kind: string, key: string, ext: string): string {
  return `${kind}-${createHash('sha256').update(key).digest('hex').slice(0, 32)}${ext}`;
}

/** The identity of source files (size, times, inode): any rewrite or reinstall changes it. */
export function fileIdentity(paths: readonly string[]): string {
  return paths.map((p) => { const s = statSync(p); return `${p}\0${s.size}\0${s.mtimeMs}\0${s.ctimeMs}\0${s.ino}`; }).join('\n');
}

/**
 * The code in a folder (its files' contents, not its subfolders; those `only` names when given):
 * derived data whose layout that code decides is keyed by it.
 */
export function codeIdentity(dir: string, only: (name: string) => boolean = () => true): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!only(name)) continue;
    if (statSync(path).isFile()) hash.update(name).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * Writes `chunks` as the entry `file` (atomically), then removes the older entries named
 * `${kind}-*`. False when the cache is unwritable (nothing is left behind).
 */
export function writeEntry(dir: string, kind: string, file: string, chunks: readonly Uint8Array[]): boolean {
  const target = join(dir, file);
  const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(tmp, 'wx');
    try {
      for (const chunk of chunks) for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch {
    try { rmSync(tmp, { force: true }); } catch { /* the folder itself is unusable */ }
    return false;
  }
  prune(dir, kind, file);
  return true;
}

/** Marks an entry as just used, so that pruning keeps it. */
export function touchEntry(dir: string, file: string): void {
  try {
    const now = new Date();
    utimesSync(join(dir, file), now, now);
  } catch { /* read-only: pruning may drop it, it is rebuilt then */ }
}

/** Keeps `current` and the KEEP most recently used other entries of `kind`; drops abandoned temporary files. */
function prune(dir: string, kind: string, current: string): void {
  try {
    const now = Date.now();
    const entries: { name: string; used: number }[] = [];
    for (const name of readdirSync(dir)) {
      if (!name.startsWith(`${kind}-`) || name === current) continue;
      const path = join(dir, name);
      const used = statSync(path).mtimeMs;
      if (name.endsWith('.tmp')) { if (now - used > STALE_TMP_MS) rmSync(path, { force: true }); } else entries.push({ name, used });
    }
    entries.sort((a, b) => b.used - a.used);
    for (const e of entries.slice(KEEP)) rmSync(join(dir, e.name), { force: true });
  } catch { /* another process pruned at the same time */ }
}

const MAGIC = 'HLCACHE1';

/**
 * Writes byte arrays as the entry `file` of `kind`: MAGIC, the header's byte length (u32 LE), the
 * header (JSON: `key`, then each array's name, length and checksum), each array at an offset
 * that is a multiple of 8, so that any typed array can view it once read.
 */
export function writeArrays(dir: string, kind: string, key: string, arrays: Record<string, Uint8Array>): boolean {
  const sections = Object.entries(arrays).map(([name, bytes]) => ({ name, length: bytes.length, sum: checksum(bytes) }));
  const header = Buffer.from(JSON.stringify({ key, sections }), 'utf8');
  const head = Buffer.alloc(align(MAGIC.length + 4 + header.length));
  head.write(MAGIC, 'latin1');
  head.writeUInt32LE(header.length, MAGIC.length);
  header.copy(head, MAGIC.length + 4);
  const chunks: Uint8Array[] = [head];
  for (const bytes of Object.values(arrays)) chunks.push(bytes, new Uint8Array(align(bytes.length) - bytes.length));
  return writeEntry(dir, kind, entryName(kind, key, '.bin'), chunks);
}

/**
 * The arrays of an entry written by writeArrays for the same `key`, each read straight into its own
 * shared memory; null when the entry is absent, for another key, truncated, longer, or damaged.
 */
export function readArrays(dir: string, kind: string, key: string): Record<string, Uint8Array> | null {
  const file = entryName(kind, key, '.bin');
  let fd: number;
  try { fd = openSync(join(dir, file), 'r'); } catch { return null; }
  try {
    const size = fstatSync(fd).size;
    let at = 0;
    const read = (into: Uint8Array): boolean => {
      for (let done = 0; done < into.length; ) {
        const n = readSync(fd, into, done, into.length - done, at + done);
        if (n === 0) return false;
        done += n;
      }
      at += into.length;
      return true;
    };
    const start = Buffer.alloc(MAGIC.length + 4);
    if (!read(start) || start.toString('latin1', 0, MAGIC.length) !== MAGIC) return null;
    const headerLength = start.readUInt32LE(MAGIC.length);
    if (at + headerLength > size) return null;
    const headerBytes = Buffer.alloc(headerLength);
    if (!read(headerBytes)) return null;
    const header = JSON.parse(headerBytes.toString('utf8')) as { key: unknown; sections: { name: string; length: number; sum: string }[] };
    if (header.key !== key) return null;
    at = align(at);
    const arrays: Record<string, Uint8Array> = {};
    for (const { name, length, sum } of header.sections) {
      if (!Number.isSafeInteger(length) || length < 0 || at + length > size) return null;
      const bytes = new Uint8Array(new SharedArrayBuffer(length));
      if (!read(bytes) || checksum(bytes) !== sum) return null;
      arrays[name] = bytes;
      at = align(at);
    }
    if (at !== size) return null;
    touchEntry(dir, file);
    return arrays;
  } catch {
    return null; // an unreadable or malformed header
  } finally {
    closeSync(fd);
  }
}

const TYPED = { Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array };
type TypedName = keyof typeof TYPED;

/**
 * Writes plain data (what JSON holds, plus typed arrays anywhere inside) as an entry: the typed
 * arrays as arrays of the entry, the rest as JSON naming them. False when the cache is unwritable.
 */
export function writeData(dir: string, kind: string, key: string, value: unknown): boolean {
  const arrays: Record<string, Uint8Array> = {};
  const json = JSON.stringify(value, (_field, v: unknown) => {
    if (!ArrayBuffer.isView(v)) return v;
    const name = `a${Object.keys(arrays).length}`;
    arrays[name] = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    return { $typed: v.constructor.name as TypedName, name };
  });
  return writeArrays(dir, kind, key, { ...arrays, json: Buffer.from(json, 'utf8') });
}

/** The data of an entry written by writeData for the same `key`, its typed arrays in shared memory; null as readArrays. */
export function readData<T>(dir: string, kind: string, key: string): T | null {
  const arrays = readArrays(dir, kind, key);
  if (!arrays?.json) return null;
  try {
    return JSON.parse(Buffer.from(arrays.json).toString('utf8'), (_field, v: unknown) => {
      const ref = v as { $typed?: TypedName; name?: string } | null;
      if (!ref?.$typed || !ref.name) return v;
      const bytes = arrays[ref.name];
      const Type = TYPED[ref.$typed] as unknown as { new (buffer: ArrayBufferLike, offset: number, length: number): ArrayBufferView; BYTES_PER_ELEMENT: number };
      return new Type(bytes.buffer, bytes.byteOffset, bytes.byteLength / Type.BYTES_PER_ELEMENT);
    }) as T;
  } catch {
    return null; // a JSON part that names arrays wrongly
  }
}

const align = (n: number) => Math.ceil(n / 8) * 8;

/** Bytes between two samples of the checksum. */
const SAMPLE_STEP = 256 << 10;
const SAMPLE = 64;

/**
 * A digest of samples of the data (its first and last bytes, and 64 every 256 KB), with its length.
 * Not of every byte: the first access to freshly read memory is slow on some machines (about 3 ms
 * per MB here), and reading 110 MB only to hash it would cost more than the cache saves; the
 * arrays' users touch only the pages they need. It catches a wrong, truncated, partly written
 * or overwritten entry; not a single damaged byte between samples (a disk's fault, not a writer's).
 */
function checksum(bytes: Uint8Array): string {
  const hash = createHash('sha256').update(String(bytes.length));
  for (let at = 0; at < bytes.length; at += SAMPLE_STEP) hash.update(bytes.subarray(at, at + SAMPLE));
  return hash.update(bytes.subarray(Math.max(0, bytes.length - SAMPLE))).digest('base64');
}
