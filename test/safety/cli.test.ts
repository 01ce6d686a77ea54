// Each case of issue 12 against `hanlink process` itself: paths that would lose data, hostile
// inputs, encodings, worker caps, standard input and output, signals.
import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../pipeline/cli/main.js';
import { MAX_WORKERS } from '../../pipeline/cli/process.js';
import { openOutput } from '../../pipeline/run/output.js';
import { OutputLineSchema, type OutputLine } from '../../pipeline/types.js';
import { articleText } from '../run/articles.js';
import { lastRun } from '../run/stored.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'hanlink-safety-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const hanlink = (...args: string[]) => main(['node', 'hanlink', ...args]);
/** Runs `hanlink ARGS` here, capturing what it writes to stderr. */
async function withStderr(...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const code = await hanlink(...args);
  vi.restoreAllMocks();
  return { code, stderr };
}
const readLines = (file: string): OutputLine[] => readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => OutputLineSchema.parse(JSON.parse(l)));

const input = join(tmp, 'in');
mkdirSync(input);
for (let n = 1; n <= 3; n++) writeFileSync(join(input, `t${n}.txt`), articleText(n));
const db = join(tmp, 'store.sqlite');

describe('hanlink process refuses paths that would lose data (exit 2, nothing touched)', () => {
  it('--out equal to an input file: the input is kept', async () => {
    const file = join(input, 't1.txt');
    const { code, stderr } = await withStderr('process', file, '--out', file, '--db', db, '--workers', '0');
    expect(code).toBe(2);
    expect(stderr).toMatch(/is also an input file/);
    expect(readFileSync(file, 'utf8')).toBe(articleText(1));
  });

  it('--out inside an input folder', async () => {
    const { code, stderr } = await withStderr('process', input, '--out', join(input, 'out', 'r.jsonl'), '--db', db, '--workers', '0');
    expect(code).toBe(2);
    expect(stderr).toMatch(/inside the input folder/);
    expect(existsSync(join(input, 'out'))).toBe(false);
  });

  it('--out equal to --db: the store stays a store', async () => {
    expect(await hanlink('process', join(input, 't1.txt'), '--out', join(tmp, 'ok.jsonl'), '--db', db, '--workers', '0')).toBe(0);
    const { code, stderr } = await withStderr('process', input, '--out', db, '--db', db, '--workers', '0');
    expect(code).toBe(2);
    expect(stderr).toMatch(/is the store/);
    expect(readFileSync(db).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('an output another run is writing (the lock)', async () => {
    const out = join(tmp, 'busy.jsonl');
    const other = openOutput(out); // as another live run would hold it
    try {
      const { code, stderr } = await withStderr('process', input, '--out', out, '--db', db, '--workers', '0');
      expect(code).toBe(2);
      expect(stderr).toMatch(/being written by another hanlink run/);
    } finally {
      other.discard();
    }
  });

  it.each([
    ['a file under /proc', '/proc/self/status'],
    ['a device', '/dev/null'],
  ])('--out %s', async (_what, out) => {
    const { code, stderr } = await withStderr('process', input, '--out', out, '--db', db, '--workers', '0');
    expect(code).toBe(2);
    expect(stderr).toMatch(/not a regular file/);
  });

  it('a FIFO as input is refused at once instead of hanging', async () => {
    const fifo = join(tmp, 'feed.jsonl');
    execFileSync('mkfifo', [fifo]);
    const { code, stderr } = await withStderr('process', fifo, '--out', join(tmp, 'fifo.jsonl'), '--db', db, '--workers', '0');
    expect(code).toBe(2);
    expect(stderr).toMatch(/not a regular file or a folder/);
  });
});

describe('hanlink process on hostile and unusual input', () => {
  it('a record nested 5,000 deep in an unused field fails alone; its neighbours are complete', async () => {
    const file = join(tmp, 'deep.jsonl');
    const deep = '{"id":"deep","text":"본문이다.","extra":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
    writeFileSync(file, [JSON.stringify({ id: 'before', text: articleText(1) }), deep, JSON.stringify({ id: 'after', text: articleText(2) })].join('\n') + '\n');
    const out = join(tmp, 'deep.out.jsonl');
    expect(await hanlink('process', file, '--out', out, '--db', db, '--workers', '0')).toBe(1);
    const lines = readLines(out);
    expect(lines.map((l) => [l.id, l.error?.stage ?? null])).toEqual([['before', null], ['deep#2', 'ingest'], ['after', null]]);
    expect(lines[1].error!.message).toMatch(/deeper than 64 levels/);
    expect(lines[2].text).toBe(articleText(2));
  });

  it.each([
    ['CP949', (s: string) => iconv.encode(s, 'cp949')],
    ['UTF-16 LE with BOM', (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(s, 'utf16le')])],
    ['UTF-16 BE with BOM', (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(s, 'utf16be')])],
  ])('.jsonl in %s is decoded as .txt is', async (name, encode) => {
    // Articles 5 and 6 are all Korean (CP949 has no kana).
    const records = [5, 6].map((n) => ({ id: `e${n}`, text: articleText(n), published: '2024-05-01' }));
    const file = join(tmp, `${name.replace(/\W/g, '')}.jsonl`);
    writeFileSync(file, encode(records.map((r) => JSON.stringify(r)).join('\r\n') + '\r\n'));
    const out = join(tmp, `${name.replace(/\W/g, '')}.out.jsonl`);
    expect(await hanlink('process', file, '--out', out, '--db', db, '--workers', '0')).toBe(0);
    expect(readLines(out).map((l) => [l.id, l.text])).toEqual(records.map((r) => [r.id, r.text]));
  });

  it('caps --workers with a message, and warns about ids given twice', async () => {
    const file = join(tmp, 'dups.jsonl');
    writeFileSync(file, [1, 2, 1].map((n, i) => JSON.stringify({ id: `d${n}`, text: articleText(n + i) })).join('\n') + '\n');
    const out = join(tmp, 'dups.out.jsonl');
    expect(await hanlink('process', file, '--out', out, '--db', db, '--workers', '0')).toBe(0);
    // Every article is stored now: the capped run starts no thread, so the test stays cheap.
    const { code, stderr } = await withStderr('process', file, '--out', out, '--db', db, '--workers', '10000');
    expect(code).toBe(0);
    expect(stderr).toContain(`--workers 10000 capped to ${MAX_WORKERS}`);
    expect(stderr).toContain('warning: ids given to more than one article: "d1"');
    expect(stderr).toMatch(new RegExp(`output: ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; run \\d+ in the store`));
    expect(lastRun(db)).toMatchObject({ articles: 3, reused: 3 });
  });
});

/** `hanlink ARGS` from the sources in a child process. */
function child(args: string[], stdio: ('pipe' | 'ignore')[] = ['ignore', 'ignore', 'pipe']) {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', `import('./pipeline/cli/main.ts').then(async (m) => { process.exitCode = await m.main(['node', 'hanlink', ...process.argv.slice(1)]); })`, ...args],
    { cwd: root, stdio },
  );
  let stderr = '';
  proc.stderr?.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, exited, stderr: () => stderr };
}

async function waitForResults(dbPath: string, atLeast: number): Promise<void> {
  for (let waited = 0; waited < 120_000; waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
    try {
      const peek = new Database(dbPath, { readonly: true, fileMustExist: true });
      const n = (peek.prepare("SELECT count(*) AS n FROM results r JOIN runs u ON u.id = r.run_id WHERE u.status = 'running'").get() as { n: number }).n;
      peek.close();
      if (n >= atLeast) return;
    } catch {
      // not created yet
    }
  }
  throw new Error('the child committed nothing in time');
}

const bigJsonl = (name: string, total: number) => {
  const file = join(tmp, name);
  writeFileSync(file, Array.from({ length: total }, (_, n) => JSON.stringify({ id: `k${n}`, text: articleText(n) })).join('\n') + '\n');
  return file;
};

describe('hanlink process as a child process', () => {
  it('on SIGTERM stops like Ctrl-C: exit 143, run interrupted, the earlier output left intact', async () => {
    const file = bigJsonl('term.jsonl', 2000);
    const out = join(tmp, 'term.out.jsonl');
    const termDb = join(tmp, 'term.sqlite');
    writeFileSync(out, 'an earlier complete output\n');
    const c = child(['process', file, '--out', out, '--db', termDb, '--workers', '0']);
    await waitForResults(termDb, 3);
    c.proc.kill('SIGTERM');
    expect(await c.exited).toBe(143);
    expect(lastRun(termDb)).toMatchObject({ status: 'interrupted', endedAt: expect.any(String) });
    expect(readFileSync(out, 'utf8')).toBe('an earlier complete output\n');
    expect(readdirSync(tmp).filter((f) => f.startsWith('.term.out'))).toEqual([]);
    expect(c.stderr()).toMatch(/output: not written \(interrupted\)/);
  }, 180_000);

  it('reads JSONL from standard input ("-") and writes to standard output (--out -), the same lines as with files', async () => {
    const file = join(tmp, 'pipe.jsonl');
    writeFileSync(file, [1, 2, 3].map((n) => JSON.stringify({ id: `p${n}`, text: articleText(n) })).join('\n') + '\n');
    const viaFiles = join(tmp, 'pipe.out.jsonl');
    expect(await hanlink('process', file, '--out', viaFiles, '--db', join(tmp, 'pipe.sqlite'), '--workers', '0')).toBe(0);
    const c = child(['process', '-', '--out', '-', '--db', join(tmp, 'pipe.sqlite'), '--workers', '0'], ['pipe', 'pipe', 'pipe']);
    let stdout = '';
    c.proc.stdout!.on('data', (d) => (stdout += String(d)));
    c.proc.stdin!.end(readFileSync(file));
    expect(await c.exited).toBe(0);
    // Sources differ ("-" against the file name); everything else is the same.
    const strip = (text: string) => text.trimEnd().split('\n').map((l) => ({ ...JSON.parse(l), source: null }));
    expect(strip(stdout)).toEqual(strip(readFileSync(viaFiles, 'utf8')));
  }, 180_000);

  it('ends quietly when the reader of --out - goes away (| head)', async () => {
    const file = bigJsonl('epipe.jsonl', 500);
    const c = child(['process', file, '--out', '-', '--db', join(tmp, 'epipe.sqlite'), '--workers', '0'], ['ignore', 'pipe', 'pipe']);
    await new Promise<void>((resolve) => c.proc.stdout!.once('data', () => resolve()));
    c.proc.stdout!.destroy(); // as head does after its lines
    expect(await c.exited).toBe(141);
    expect(c.stderr()).not.toMatch(/Error|EPIPE|at /);
  }, 180_000);
});
