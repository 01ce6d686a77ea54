// The disk cache (pipeline/run/disk-cache.ts) and what start-up keeps in it: the Korean
// dictionary's arrays, the NER model's parts and the parsed knowledge base. A cached read must give
// exactly what computing gives; a stale, damaged or truncated entry must be computed again (and
// rewritten); writers racing on one entry must never let a reader see half of it; and an
// unwritable cache must only cost time.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultKbDir, readKnowledgeBase } from '../../pipeline/link/kb.js';
import { defaultModelPath } from '../../pipeline/ner/index.js';
import { NerModel } from '../../pipeline/ner/model.js';
import { readNerParts } from '../../pipeline/resources.js';
import { readArrays, writeArrays } from '../../pipeline/run/disk-cache.js';
import { packageRoot } from '../../pipeline/run/package.js';
import { readKoreanDictionary, stockDicPath } from '../../pipeline/tokenize/korean-dict.js';

let tmp: string;
let cache: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'hanlink-cache-test-'));
  cache = join(tmp, 'cache');
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const entries = (kind: string) => { try { return readdirSync(cache).filter((f) => f.startsWith(`${kind}-`)); } catch { return []; } };

/** Every typed array inside `value` by path, as bytes. */
function arrays(value: unknown, path = ''): [string, Buffer][] {
  if (ArrayBuffer.isView(value)) return [[path, Buffer.from(value.buffer, value.byteOffset, value.byteLength)]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => arrays(v, `${path}.${k}`));
}
function expectSameArrays(a: unknown, b: unknown): void {
  const x = arrays(a), y = arrays(b);
  expect(x.map(([p]) => p)).toEqual(y.map(([p]) => p));
  x.forEach(([p, bytes], i) => expect(bytes.equals(y[i][1]), p).toBe(true));
}

/** A copy of the empty dictionary (twelve tiny files) to rewrite freely. */
function smallDictionary(): string {
  const dir = join(tmp, 'dict');
  mkdirSync(dir);
  const from = join(packageRoot(), 'models', 'kuromoji-ko-empty');
  for (const f of readdirSync(from)) copyFileSync(join(from, f), join(dir, f));
  return dir;
}

describe('the Korean dictionary in the disk cache', () => {
  it('reads back exactly the inflated arrays, in shared memory', async () => {
    const inflated = await readKoreanDictionary(stockDicPath(), cache);
    expect(entries('ko-dic')).toHaveLength(1);
    const cached = await readKoreanDictionary(stockDicPath(), cache);
    expectSameArrays(cached, inflated);
    for (const [p, bytes] of arrays(cached)) expect(bytes.buffer, p).toBeInstanceOf(SharedArrayBuffer);
    expect(cached.base.length).toBeGreaterThan(1_000_000);
  });

  it('is not used once a source file changes: the new contents are read and cached', async () => {
    const dir = smallDictionary();
    const before = await readKoreanDictionary(dir, cache);
    writeFileSync(join(dir, 'unk_invoke.dat.gz'), gzipSync(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8])));
    const after = await readKoreanDictionary(dir, cache);
    expect([...after.unknown.invoke]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...before.unknown.invoke]).toEqual([0, 0, 0, 0]);
    expect(entries('ko-dic')).toHaveLength(2); // the older entry is kept (KEEP), never read for the new files
    expectSameArrays((await readKoreanDictionary(dir, cache)).unknown, after.unknown);
  });

  const damages: [string, (file: string) => void][] = [
    ['a flipped byte in the arrays', (file) => { const b = readFileSync(file); b[b.length - 5] ^= 0xff; writeFileSync(file, b); }],
    ['a truncated entry', (file) => truncateSync(file, readFileSync(file).length - 3)],
    ['a damaged header', (file) => { const b = readFileSync(file); b.fill(0x7b, 8, 40); writeFileSync(file, b); }],
    ['bytes appended', (file) => writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.alloc(8)]))],
    ['an empty file', (file) => writeFileSync(file, '')],
  ];
  for (const [what, damage] of damages) {
    it(`computes and rewrites an entry with ${what}`, async () => {
      const dir = smallDictionary();
      writeFileSync(join(dir, 'unk_invoke.dat.gz'), gzipSync(Buffer.from([9, 8, 7, 6])));
      const fresh = await readKoreanDictionary(dir, cache);
      const [entry] = entries('ko-dic');
      const good = readFileSync(join(cache, entry));
      damage(join(cache, entry));
      expect(readFileSync(join(cache, entry)).equals(good)).toBe(false);
      expectSameArrays(await readKoreanDictionary(dir, cache), fresh);
      expect(readFileSync(join(cache, entry)).equals(good)).toBe(true);
    });
  }

  it('falls back to inflating when the cache cannot be written', async () => {
    const dir = smallDictionary();
    writeFileSync(join(tmp, 'a-file'), '');
    const unwritable = join(tmp, 'a-file', 'cache'); // under a regular file: no directory can be made there
    const got = await readKoreanDictionary(dir, unwritable);
    expectSameArrays(got, await readKoreanDictionary(dir, cache));
    expect(writeArrays(unwritable, 'x', 'k', { a: new Uint8Array(4) })).toBe(false);
  });
});

describe('cache entries', () => {
  it('written by racing processes are always read whole', async () => {
    const run = promisify(execFile);
    const script = join(packageRoot(), 'test', 'run', 'fixtures', 'cache-writer.ts');
    const results = await Promise.all(Array.from({ length: 4 }, () => run(process.execPath, ['--import', 'tsx', script, cache, '4'], { cwd: packageRoot() })));
    expect(results.map((r) => r.stdout)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(readdirSync(cache).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(entries('race')).toHaveLength(1);
  });

  it('are found only under their key', () => {
    expect(writeArrays(cache, 'k', 'one', { a: new Uint8Array([1, 2, 3]) })).toBe(true);
    expect(readArrays(cache, 'k', 'two')).toBeNull();
    expect([...readArrays(cache, 'k', 'one')!.a]).toEqual([1, 2, 3]);
  });
});

describe('the NER model parts in the disk cache', () => {
  it('read back exactly the parts decoded from the model file', () => {
    const decoded = NerModel.load(defaultModelPath()).shared();
    readNerParts(defaultModelPath(), cache);
    expect(entries('ner')).toHaveLength(1);
    const cached = readNerParts(defaultModelPath(), cache);
    expectSameArrays(cached, decoded);
    const plain = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (ArrayBuffer.isView(x) ? x.byteLength : x));
    expect(plain(cached)).toBe(plain(decoded)); // the plain parts too (header, counts)
  });
});

describe('the knowledge base in the disk cache', () => {
  const saved = process.env.HANLINK_CACHE_DIR;
  afterEach(() => { if (saved === undefined) delete process.env.HANLINK_CACHE_DIR; else process.env.HANLINK_CACHE_DIR = saved; });

  it('gives the parsed KB again, and a damaged entry is parsed again', () => {
    process.env.HANLINK_CACHE_DIR = cache;
    const parsed = readKnowledgeBase(defaultKbDir());
    const [entry] = entries('kb');
    expect(entry).toBeDefined();
    const fromCache = readKnowledgeBase(defaultKbDir());
    expect([...fromCache.entities.values()]).toEqual([...parsed.entities.values()]);
    writeFileSync(join(cache, entry), '{"entities": [');
    expect([...readKnowledgeBase(defaultKbDir()).entities.values()]).toEqual([...parsed.entities.values()]);
    expect(JSON.parse(readFileSync(join(cache, entry), 'utf8')).entities.length).toBe(parsed.entities.size);
  });
});
