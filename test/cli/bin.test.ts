// The installed command: bin/hanlink.js runs the compiled CLI from dist/ (built by `npm run build`,
// which `npm ci` runs through `prepare`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputLineSchema } from '../../pipeline/types.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const built = existsSync(join(root, 'dist/pipeline/cli/main.js'));
const tmp = mkdtempSync(join(tmpdir(), 'hanlink-bin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const bin = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/hanlink.js'), ...args], { cwd: tmp, encoding: 'utf8', timeout: 120_000 });

if (!built) console.warn('skipping the bin checks: dist/ is not built (run `npm run build`)');

describe.skipIf(!built)('bin/hanlink.js (compiled)', () => {
  it.each([['1'], ['2']])('processes the seeds with --workers %s and exits 0', (workers) => {
    const out = join(tmp, `seeds-${workers}.jsonl`);
    const r = bin('process', '--out', out, '--db', join(tmp, `db-${workers}.sqlite`), '--workers', workers);
    expect(r.stderr).toMatch(/5 articles \(5 computed, 0 reused\), 0 failed/);
    expect(r.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => OutputLineSchema.parse(JSON.parse(l)));
    expect(lines).toHaveLength(5);
  });

  it('gives the same bytes with 1 and 2 workers', () => {
    expect(readFileSync(join(tmp, 'seeds-2.jsonl'), 'utf8')).toBe(readFileSync(join(tmp, 'seeds-1.jsonl'), 'utf8'));
  });

  it('exits 2 for unusable arguments and prints why', () => {
    const r = bin('process', join(tmp, 'missing.txt'), '--out', join(tmp, 'x.jsonl'), '--db', join(tmp, 'x.sqlite'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('input not found');
  });

  it('prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(bin('--version').stdout.trim()).toBe(pkg.version);
  });
});
