// SIGKILL a real `hanlink process` at random moments (while loading, between and during commits),
// then resume: the final output must be complete, in input order and byte-identical to an
// uninterrupted run; no kill may leave a partial output behind. HANLINK_KILL_SEED replays a run,
// HANLINK_KILLS=N kills N times.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../pipeline/cli/main.js';
import { Store } from '../../pipeline/store/index.js';
import { articleText } from '../run/articles.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'hanlink-kill-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const TOTAL = 60;
/** Each kill starts a child that loads the models: few by default, more with HANLINK_KILLS. */
const KILLS = Number(process.env.HANLINK_KILLS ?? 2);
const seed = Number(process.env.HANLINK_KILL_SEED ?? Date.now() % 1_000_000);

/** A small deterministic generator (mulberry32), so that a failing seed can be replayed. */
function random(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function committed(db: string): number {
  try {
    const peek = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (peek.prepare('SELECT count(*) AS n FROM results WHERE run_id = (SELECT max(id) FROM runs)').get() as { n: number }).n;
    } finally {
      peek.close();
    }
  } catch {
    return 0; // not created yet, or busy
  }
}

describe('kill test', () => {
  it(`survives ${KILLS} SIGKILLs at random moments: the resumed output is complete and byte-identical (seed ${seed})`, async () => {
    const input = join(tmp, 'batch.jsonl');
    writeFileSync(input, Array.from({ length: TOTAL }, (_, n) => JSON.stringify({ id: `a${n}`, text: articleText(n) })).join('\n') + '\n');
    const reference = join(tmp, 'reference.jsonl');
    expect(await main(['node', 'hanlink', 'process', input, '--out', reference, '--db', join(tmp, 'reference.sqlite'), '--workers', '0'])).toBe(0);
    const expected = readFileSync(reference, 'utf8');

    const out = join(tmp, 'out.jsonl');
    const db = join(tmp, 'store.sqlite');
    const args = ['process', input, '--out', out, '--db', db, '--workers', '0'];
    const rnd = random(seed);
    for (let k = 0; k < KILLS; k++) {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '-e', `import('./pipeline/cli/main.ts').then(async (m) => { process.exitCode = await m.main(['node', 'hanlink', ...process.argv.slice(1)]); })`, ...args],
        { cwd: root, stdio: 'ignore' },
      );
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      // A moment: a few ms after start (loading), or once a random number of this run's results are committed.
      const before = committed(db);
      const target = Math.floor(rnd() * (TOTAL / KILLS));
      if (target === 0) await new Promise((r) => setTimeout(r, rnd() * 2000));
      else for (let waited = 0; committed(db) < before + target && waited < 120_000 && child.exitCode === null; waited += 10) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, rnd() * 30));
      child.kill('SIGKILL');
      await exited;
      // Never a partial file: either nothing yet or a complete output (if the run got to its end first).
      if (existsSync(out)) expect(readFileSync(out, 'utf8')).toBe(expected);
    }

    expect(await main(['node', 'hanlink', ...args])).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(expected);
    const store = Store.open(db);
    try {
      // A process killed while still starting has not opened its run yet: at most one run per process.
      const runs = store.runs();
      expect(runs.length).toBeLessThanOrEqual(KILLS + 1);
      // None left "running" (one may have finished just before its kill).
      expect(runs.slice(0, -1).every((r) => r.status === 'interrupted' || r.status === 'done')).toBe(true);
      expect(runs.at(-1)).toMatchObject({ status: 'done', articles: TOTAL });
    } finally {
      store.close();
    }
  }, 900_000);
});
