import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InputItem } from '../../pipeline/ingest/index.js';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { canonicalJson, contentHash, hashTree } from '../../pipeline/store/hashing.js';
import { fuzzRuns } from '../safety/fuzz-runs.js';
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

  it('stores one copy of a line however many runs give it; each run still reads its own lines', () => {
    const path = join(dir, 'dedupe.sqlite');
    const store = Store.open(path);
    const runs = Array.from({ length: 5 }, () => {
      const run = store.beginRun(V1, PLAIN);
      store.recordResult(run, { seq: 0, article: article('a'), line: 'LINE-A', reused: run > 1, error: null });
      store.recordResult(run, { seq: 1, article: article('b'), line: run === 5 ? 'LINE-B2' : 'LINE-B', reused: false, error: null });
      return run;
    });
    expect(store.lines(runs[0])).toEqual(['LINE-A', 'LINE-B']);
    expect(store.lines(runs[4])).toEqual(['LINE-A', 'LINE-B2']);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT line FROM lines ORDER BY line').all()).toEqual([{ line: 'LINE-A' }, { line: 'LINE-B' }, { line: 'LINE-B2' }]);
    db.close();
  });

  it('migrates a store of the earlier layout (a line in every result row)', () => {
    const path = join(dir, 'old.sqlite');
    const old = new Database(path);
    old.exec(`
      CREATE TABLE articles (hash TEXT PRIMARY KEY, id TEXT NOT NULL, source TEXT NOT NULL, kind TEXT NOT NULL, raw_bytes BLOB, raw_text TEXT, cleaned TEXT, published TEXT);
      CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, code_version TEXT NOT NULL, model_version TEXT NOT NULL, options TEXT NOT NULL,
        started_at TEXT NOT NULL, ended_at TEXT, status TEXT NOT NULL, articles INTEGER NOT NULL DEFAULT 0, processed INTEGER NOT NULL DEFAULT 0,
        reused INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE results (run_id INTEGER NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL, article_hash TEXT NOT NULL REFERENCES articles(hash),
        reused INTEGER NOT NULL, failed INTEGER NOT NULL, line TEXT NOT NULL, PRIMARY KEY (run_id, seq));
      CREATE INDEX results_by_article ON results(article_hash, failed);
      INSERT INTO articles (hash, id, source, kind) VALUES ('h1', 'one', 's', 'txt');
      INSERT INTO runs (code_version, model_version, options, started_at, status) VALUES ('${V1.code}', '${V1.model}', '${JSON.stringify(PLAIN)}', 'then', 'done');
      INSERT INTO runs (code_version, model_version, options, started_at, status) VALUES ('${V1.code}', '${V1.model}', '${JSON.stringify(PLAIN)}', 'then', 'done');
      INSERT INTO results VALUES (1, 0, 'h1', 0, 0, 'OLD-LINE'), (2, 0, 'h1', 1, 0, 'OLD-LINE');`);
    old.close();
    const store = Store.open(path);
    expect(store.lines(1)).toEqual(['OLD-LINE']);
    expect(store.lines(2)).toEqual(['OLD-LINE']);
    expect(store.reusableLine(store.beginRun(V1, PLAIN), 'h1')).toBe('OLD-LINE');
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM lines').get()).toEqual({ n: 1 });
    db.close();
  });

  it('marks a run whose process died as interrupted when the next run starts, and leaves live ones running', () => {
    const store = Store.open(join(dir, 'stale.sqlite'));
    const dead = store.beginRun(V1, PLAIN);
    const live = store.beginRun(V1, PLAIN);
    const deadPid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));
    const db = new Database(join(dir, 'stale.sqlite'));
    db.prepare('UPDATE runs SET pid = ? WHERE id = ?').run(deadPid, dead);
    db.close();
    expect(store.run(dead)!.status).toBe('running');
    store.beginRun(V1, PLAIN);
    expect(store.run(dead)).toMatchObject({ status: 'interrupted', endedAt: expect.any(String) });
    expect(store.run(live)!.status).toBe('running'); // this process
    store.close();
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

  it('hashes a record nested 100,000 deep without overflowing the stack', () => {
    const deep = JSON.parse('{"id":"d","text":"본문","x":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}');
    expect(() => JSON.stringify(deep)).toThrow(RangeError); // what the hash used to do
    expect(contentHash({ id: 'd', source: 'x.jsonl', kind: 'jsonl', record: deep })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('canonicalJson', () => {
  it('is JSON.stringify with sorted keys, for any JSON value (property)', () => {
    // The recursive definition (objects cannot hold sorted integer-like keys, so it is spelled out).
    const sorted = (v: unknown): string =>
      Array.isArray(v)
        ? `[${v.map(sorted).join(',')}]`
        : v !== null && typeof v === 'object'
          ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${sorted((v as Record<string, unknown>)[k])}`).join(',')}}`
          : JSON.stringify(v);
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const parsed = JSON.parse(JSON.stringify(v)); // as JSON.parse gives it (-0 → 0)
        expect(canonicalJson(parsed)).toBe(sorted(parsed));
      }),
      { numRuns: fuzzRuns(200) },
    );
  });

  it('does not depend on key order', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: '가' })).toBe(canonicalJson({ a: '가', b: [1, { c: 3, d: 2 }] }));
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
