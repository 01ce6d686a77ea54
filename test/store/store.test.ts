import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InputItem } from '../../pipeline/ingest/index.js';
import { contentHash, hashTree } from '../../pipeline/store/hashing.js';
import { Store, type ArticleRecord } from '../../pipeline/store/index.js';
import { versions } from '../../pipeline/store/versions.js';

const dir = mkdtempSync(join(tmpdir(), 'hanlink-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const V1 = { code: '0.1.0+aaaa', model: 'mmmm' };
const V2 = { code: '0.1.0+bbbb', model: 'mmmm' };
const PLAIN = { explainRemovals: false };

function article(hash: string, raw: Uint8Array | string = new TextEncoder().encode('본문')): ArticleRecord {
  return { hash, id: `id-${hash}`, source: `src/${hash}.txt`, kind: 'txt', raw, cleaned: '본문', published: null };
}

describe('Store', () => {
  it('reuses a result only under the same code version, model version and options, and never a failed one', () => {
    const store = Store.open(join(dir, 'reuse.sqlite'));
    const r1 = store.beginRun(V1, PLAIN);
    store.recordResult(r1, { seq: 0, article: article('h1'), line: '{"id":"one"}', reused: false, error: null });
    store.recordResult(r1, { seq: 1, article: article('h2'), line: '{"id":"two"}', reused: false, error: { stage: 'ner', message: 'boom' } });

    const sameVersions = store.beginRun(V1, PLAIN);
    expect(store.reusableLine(sameVersions, 'h1')).toBe('{"id":"one"}');
    expect(store.reusableLine(sameVersions, 'h2')).toBeUndefined(); // failed: computed again
    expect(store.reusableLine(sameVersions, 'h3')).toBeUndefined();
    expect(store.reusableLine(store.beginRun(V2, PLAIN), 'h1')).toBeUndefined();
    expect(store.reusableLine(store.beginRun(V1, { explainRemovals: true }), 'h1')).toBeUndefined();

    // The latest computed line wins.
    store.recordResult(sameVersions, { seq: 0, article: article('h1'), line: '{"id":"one","v":2}', reused: false, error: null });
    expect(store.reusableLine(store.beginRun(V1, PLAIN), 'h1')).toBe('{"id":"one","v":2}');
    store.close();
  });

  it('keeps counters, lines in input order, failures and run status, across reopening', () => {
    const path = join(dir, 'counts.sqlite');
    let store = Store.open(path);
    const run = store.beginRun(V1, PLAIN);
    store.recordResult(run, { seq: 2, article: article('c'), line: 'L2', reused: true, error: null });
    store.recordResult(run, { seq: 0, article: article('a'), line: 'L0', reused: false, error: null });
    store.recordResult(run, { seq: 1, article: article('b', '{"id":"b","text":"x"}'), line: 'L1', reused: false, error: { stage: 'dates', message: 'bad' } });
    store.close();

    store = Store.open(path);
    expect(store.run(run)).toMatchObject({ status: 'running', endedAt: null, articles: 3, processed: 2, reused: 1, failed: 1, codeVersion: V1.code, options: PLAIN });
    expect(store.lines(run)).toEqual(['L0', 'L1', 'L2']);
    expect(store.failures(run)).toEqual([{ seq: 1, articleId: 'id-b', stage: 'dates', message: 'bad' }]);
    store.finishRun(run, 'done');
    expect(store.run(run)).toMatchObject({ status: 'done', endedAt: expect.any(String) });
    store.close();

    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const rows = db.prepare('SELECT hash, raw_bytes, raw_text FROM articles ORDER BY hash').all() as { hash: string; raw_bytes: Buffer | null; raw_text: string | null }[];
    expect(rows.map((r) => [r.hash, r.raw_bytes && new TextDecoder().decode(r.raw_bytes), r.raw_text])).toEqual([
      ['a', '본문', null],
      ['b', null, '{"id":"b","text":"x"}'],
      ['c', '본문', null],
    ]);
    db.close();
  });

  it('creates the folder of a new store', () => {
    const path = join(dir, 'nested', 'deeper', 'h.sqlite');
    Store.open(path).close();
    expect(readFileSync(path).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});

describe('contentHash', () => {
  const item = (over: Partial<InputItem> = {}): InputItem => ({ id: 'a', source: 's/a.txt', kind: 'txt', bytes: new TextEncoder().encode('한국어 본문'), ...over });

  it('is the same for the same input and changes with any byte, the id, the source or the kind', () => {
    expect(contentHash(item())).toBe(contentHash(item()));
    const others = [
      item({ bytes: new TextEncoder().encode('한국어 본문.') }),
      item({ id: 'b' }),
      item({ source: 't/a.txt' }),
      item({ kind: 'md' }),
      item({ error: 'unreadable' }),
    ].map(contentHash);
    expect(new Set([contentHash(item()), ...others]).size).toBe(6);
  });

  it('hashes a JSONL record by its content', () => {
    const rec = (text: string): InputItem => ({ id: 'r', source: 'x.jsonl', kind: 'jsonl', record: { id: 'r', text } });
    expect(contentHash(rec('가'))).toBe(contentHash(rec('가')));
    expect(contentHash(rec('가'))).not.toBe(contentHash(rec('나')));
  });
});

describe('versions', () => {
  it('names the package version and stays stable within a process', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(versions().code.startsWith(`${pkg.version}+`)).toBe(true);
    expect(versions()).toEqual(versions());
  });

  it('changes the model version with the contents of --ner-model', () => {
    const model = (name: string, bytes: string) => {
      const d = join(dir, name);
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, 'model.onnx'), bytes);
      return d;
    };
    const a = versions(model('m1', 'weights-1')).model;
    expect(versions(model('m2', 'weights-1')).model).toBe(a);
    expect(versions(model('m3', 'weights-2')).model).not.toBe(a);
    expect(versions().model).not.toBe(a);
  });

  it('hashes a tree by relative paths and contents, a missing folder as empty', () => {
    const t = join(dir, 'tree');
    mkdirSync(join(t, 'sub'), { recursive: true });
    writeFileSync(join(t, 'sub', 'x.ts'), 'x');
    writeFileSync(join(t, 'y.test.ts'), 'y');
    const all = hashTree(t);
    expect(hashTree(t, (p) => !p.endsWith('.test.ts'))).not.toBe(all);
    writeFileSync(join(t, 'sub', 'x.ts'), 'x2');
    expect(hashTree(t)).not.toBe(all);
    expect(hashTree(join(dir, 'absent'))).toBe(hashTree(join(dir, 'absent2')));
  });
});
