import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../pipeline/cli/main.js';
import { Store } from '../../pipeline/store/index.js';
import { OutputLineSchema, type OutputLine } from '../../pipeline/types.js';
import { articleText } from '../run/articles.js';
import { lastRun } from '../run/stored.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'hanlink-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hanlink = (...args: string[]) => main(['node', 'hanlink', ...args]);
const readLines = (file: string): OutputLine[] =>
  readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => OutputLineSchema.parse(JSON.parse(l)));

// A small input folder: text files (one in a subfolder) and a JSONL file.
const input = join(tmp, 'in');
mkdirSync(join(input, 'more'), { recursive: true });
for (let n = 0; n < 4; n++) writeFileSync(join(input, `t${n}.txt`), articleText(n));
writeFileSync(join(input, 'more', 'm.txt'), articleText(7));
writeFileSync(
  join(input, 'batch.jsonl'),
  [1, 2, 3].map((n) => JSON.stringify({ id: `j${n}`, text: articleText(n + 10), published: '2024-03-0' + n })).join('\n') + '\n',
);
const EXPECTED_IDS = ['j1', 'j2', 'j3', 'm', 't0', 't1', 't2', 't3'];

describe('hanlink process', () => {
  it('processes files and folders into valid lines in input order, the same bytes in-process and with 2 workers', async () => {
    const db = join(tmp, 'order.sqlite');
    expect(await hanlink('process', input, '--out', join(tmp, 'w1.jsonl'), '--db', db, '--workers', '0')).toBe(0);
    expect(await hanlink('process', input, '--out', join(tmp, 'w2.jsonl'), '--db', db, '--workers', '2', '--force')).toBe(0);
    const lines = readLines(join(tmp, 'w1.jsonl'));
    expect(lines.map((l) => l.id)).toEqual(EXPECTED_IDS);
    expect(lines.every((l) => l.error === null)).toBe(true);
    expect(lines[0]).toMatchObject({ published: '2024-03-01', published_from: 'input', text: articleText(11) });
    expect(readFileSync(join(tmp, 'w2.jsonl'), 'utf8')).toBe(readFileSync(join(tmp, 'w1.jsonl'), 'utf8'));
    expect(lastRun(db)).toMatchObject({ status: 'done', articles: 8, processed: 8, reused: 0, failed: 0 });
  });

  it('reuses unchanged articles on a second run, and recomputes them with --force', async () => {
    const db = join(tmp, 'reuse.sqlite');
    const out = join(tmp, 'reuse.jsonl');
    expect(await hanlink('process', input, '--out', out, '--db', db, '--workers', '0')).toBe(0);
    const first = readFileSync(out, 'utf8');
    expect(await hanlink('process', input, '--out', out, '--db', db, '--workers', '0')).toBe(0);
    expect(lastRun(db)).toMatchObject({ articles: 8, processed: 0, reused: 8 });
    expect(readFileSync(out, 'utf8')).toBe(first);
    expect(await hanlink('process', input, '--out', out, '--db', db, '--workers', '0', '--force')).toBe(0);
    expect(lastRun(db)).toMatchObject({ articles: 8, processed: 8, reused: 0 });
    expect(readFileSync(out, 'utf8')).toBe(first);
  });

  it('exits 1 when an article fails: its line has the error, the others are complete', async () => {
    const dir = join(tmp, 'broken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.txt'), articleText(1));
    writeFileSync(join(dir, 'b.jsonl'), `${JSON.stringify({ id: 'ok', text: articleText(2) })}\n{"id": "cut off\n`);
    const out = join(tmp, 'broken.jsonl');
    const db = join(tmp, 'broken.sqlite');
    expect(await hanlink('process', dir, '--out', out, '--db', db, '--workers', '0')).toBe(1);
    const lines = readLines(out);
    expect(lines.map((l) => [l.id, l.error?.stage ?? null])).toEqual([['a', null], ['ok', null], ['b#2', 'ingest']]);
    expect(lines[2].error!.message).toMatch(/not JSON/);
    expect(lastRun(db)).toMatchObject({ status: 'done', articles: 3, failed: 1 });
  });

  it('runs the packaged seeds when no INPUT is given', async () => {
    const out = join(tmp, 'seeds.jsonl');
    expect(await hanlink('process', '--out', out, '--db', join(tmp, 'seeds.sqlite'), '--workers', '0')).toBe(0);
    const seeds = readdirSync(join(root, 'seeds')).filter((f) => f.endsWith('.txt')).sort();
    expect(readLines(out).map((l) => l.id)).toEqual(seeds.map((f) => f.replace(/\.txt$/, '')));
  });

  it('adds "removed" to each line with --explain-removals', async () => {
    const out = join(tmp, 'removals.jsonl');
    expect(await hanlink('process', input, '--out', out, '--db', join(tmp, 'rm.sqlite'), '--workers', '0', '--explain-removals')).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.every((l) => Array.isArray(l.removed) && Object.keys(l).at(-1) === 'removed')).toBe(true);
  });

  it.each([
    ['a missing input path', ['process', join(tmp, 'nope.txt'), '--out', join(tmp, 'x.jsonl')]],
    ['a non-numeric --workers', ['process', input, '--out', join(tmp, 'x.jsonl'), '--workers', 'many']],
    ['a negative --workers', ['process', input, '--out', join(tmp, 'x.jsonl'), '--workers', '-1']],
    ['INPUT without --out', ['process', input]],
    ['a missing --ner-model folder', ['process', input, '--out', join(tmp, 'x.jsonl'), '--ner-model', join(tmp, 'no-model')]],
    ['an unknown option', ['process', input, '--out', join(tmp, 'x.jsonl'), '--fast']],
    ['an unknown command', ['procesz']],
    ['no command', []],
  ])('exits 2 for %s', async (_what, args) => {
    // A store in the temp folder, should an argument wrongly pass.
    expect(await hanlink(...args, ...(args[0] === 'process' ? ['--db', join(tmp, 'usage.sqlite')] : []))).toBe(2);
  });

  /** Starts `hanlink ARGS` from the sources in a child process; resolves once `db` holds `atLeast` results. */
  async function startAndWait(args: string[], db: string, atLeast: number) {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', `import('./pipeline/cli/main.ts').then(async (m) => { process.exitCode = await m.main(['node', 'hanlink', ...process.argv.slice(1)]); })`, ...args],
      { cwd: root, stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let committed = 0;
    for (let waited = 0; committed < atLeast && waited < 60_000; waited += 20) {
      await new Promise((r) => setTimeout(r, 20));
      try {
        const peek = new Database(db, { readonly: true, fileMustExist: true });
        committed = (peek.prepare('SELECT count(*) AS n FROM results').get() as { n: number }).n;
        peek.close();
      } catch {
        // not created yet
      }
    }
    return { child, exited };
  }

  const bigInput = (name: string, total: number) => {
    const dir = join(tmp, name);
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'big.jsonl'),
      Array.from({ length: total }, (_, n) => JSON.stringify({ id: `k${n}`, text: articleText(n) })).join('\n') + '\n',
    );
    return dir;
  };

  it('stops on Ctrl-C after the articles in flight, exits 130, marks the run interrupted and writes no partial output', async () => {
    const db = join(tmp, 'sigint.sqlite');
    const total = 3000;
    const { child, exited } = await startAndWait(['process', bigInput('sigint', total), '--out', join(tmp, 'sigint.jsonl'), '--db', db, '--workers', '0'], db, 3);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const run = lastRun(db);
    expect(run).toMatchObject({ status: 'interrupted', endedAt: expect.any(String) });
    expect(run.processed).toBeLessThan(total);
    // An interrupted run writes no output (there was none before): no valid-looking prefix, no temporary left.
    expect(readdirSync(tmp).filter((f) => f.includes('sigint.jsonl'))).toEqual([]);
  });

  it('resumes after being killed: results committed before the kill are reused, nothing is computed twice', async () => {
    const total = 300;
    const db = join(tmp, 'kill.sqlite');
    const out = join(tmp, 'kill.jsonl');
    const args = ['process', bigInput('kill', total), '--out', out, '--db', db, '--workers', '0'];
    const { child, exited } = await startAndWait(args, db, 3);
    child.kill('SIGKILL');
    await exited;
    const killed = lastRun(db);
    expect(killed.status).toBe('running'); // killed before it could finish
    expect(killed.processed).toBeGreaterThanOrEqual(3);
    expect(killed.processed).toBeLessThan(total);

    expect(await hanlink(...args)).toBe(0);
    expect(lastRun(db)).toMatchObject({ status: 'done', articles: total, reused: killed.processed, processed: total - killed.processed });
    const store = Store.open(db);
    expect(store.run(killed.id)).toMatchObject({ status: 'interrupted' }); // its process is gone: marked by the next start
    store.close();
    expect(readLines(out).map((l) => l.id)).toEqual(Array.from({ length: total }, (_, n) => `k${n}`));
  });
});
