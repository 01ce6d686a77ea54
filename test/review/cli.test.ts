// `hanlink runs` and `hanlink report` on a small store; `hanlink review` refuses a missing store.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../pipeline/cli/main.js';
import { handMadeStore } from './stores.js';

const dir = mkdtempSync(join(tmpdir(), 'hanlink-review-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'store.sqlite');
handMadeStore(db);

async function hanlink(...args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (err.push(String(c)), true));
  try {
    return { status: await main(['node', 'hanlink', ...args]), out: out.join(''), err: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('hanlink runs / report / review', () => {
  it('lists the runs of a store, as a table and as JSON', async () => {
    const table = await hanlink('runs', '--db', db);
    expect(table.status).toBe(0);
    expect(table.out).toMatch(/^run\s+status\s+started/);
    expect(table.out).toMatch(/\nrun:1\s+done\s+\d{4}-\d{2}-\d{2} [\d:]+\s+[\d-: ]+\s+1\s+1\s+0\s+0\s+test\s+test\n$/);
    const json = await hanlink('runs', '--db', db, '--json');
    expect(JSON.parse(json.out)).toEqual([expect.objectContaining({ id: 1, status: 'done', articles: 1 })]);
    expect((await hanlink('runs', '--db', join(dir, 'none.sqlite'))).status).toBe(2);
    expect(existsSync(join(dir, 'none.sqlite'))).toBe(false);
  });

  it('writes a static report with the run embedded, and nothing but the file', async () => {
    const html = join(dir, 'out', 'report.html');
    expect((await hanlink('report', 'run:1', '--html', html, '--db', db)).status).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<title>hanlink report run:1</title>');
    expect(page).toContain('id="report-data"');
    expect(page).not.toContain('__TOKEN__');
    expect(readdirSync(join(dir, 'out'))).toEqual(['report.html']); // no temporary file left
    expect((await hanlink('report', 'run:9', '--html', html, '--db', db)).status).toBe(2);
    expect((await hanlink('report', '1', '--html', html, '--db', db)).status).toBe(2);
  });

  it('review refuses a store that does not exist instead of creating an empty one', async () => {
    const missing = join(dir, 'missing.sqlite');
    const r = await hanlink('review', '--db', missing, '--port', '0');
    expect(r.status).toBe(2);
    expect(r.err).toContain('no store at');
    expect(existsSync(missing)).toBe(false);
  });
});
