// `hanlink eval klue|dates|links` are real commands (help, checked options), and fitting the link
// calibration is its own command that writes only the file it is given.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../pipeline/cli/main.js';
import { calibrationPath } from '../../pipeline/link/calibrate.js';

const tmp = mkdtempSync(join(tmpdir(), 'hanlink-eval-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs the CLI, capturing what it prints. */
async function hanlink(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  vi.spyOn(console, 'log').mockImplementation((s: unknown) => void (out += `${String(s)}\n`));
  vi.spyOn(console, 'error').mockImplementation((s: unknown) => void (err += `${String(s)}\n`));
  try {
    return { code: await main(['node', 'hanlink', ...args]), out, err };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('hanlink eval subcommands', () => {
  it.each(['klue', 'dates', 'links'])('eval %s --help prints its usage and runs nothing', async (name) => {
    const r = await hanlink('eval', name, '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Usage: hanlink eval ${name}`);
    expect(r.out).not.toMatch(/span-exact|sentences of|NIL precision +[\d.]/); // no scores printed
  });

  it.each([
    [['eval', 'dates', '--bogus'], /unknown option '--bogus'/],
    [['eval', 'links', '--fit'], /unknown option '--fit'/],
    [['eval', 'klue'], /missing required argument 'file'/],
    [['eval', 'klue', 'x.tsv', '--part', '10/10'], /expected K\/M/],
    [['eval', 'klue', 'x.tsv', '--limit', 'many'], /expected a whole number/],
    [['eval', 'dates', 'a.tsv', 'b.tsv'], /too many arguments/],
    [['fit', 'links-calibration'], /required option '--out <file>'/],
  ])('rejects %j with exit 2', async (args, message) => {
    const r = await hanlink(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('eval dates FILE --json scores the given cases', async () => {
    const file = join(tmp, 'cases.tsv');
    writeFileSync(file, 'a\t2023-07-24\t어제 회의\t어제\tdate\t2023-07-23\n');
    const r = await hanlink('eval', 'dates', file, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).summary.all).toEqual({ n: 1, span: 1, value: 1 });
  });
});

describe('hanlink fit links-calibration', () => {
  it('writes the fitted calibration to --out, says so, and leaves the shipped model alone', async () => {
    const shipped = readFileSync(calibrationPath(), 'utf8');
    const out = join(tmp, 'calibration.json');
    const r = await hanlink('fit', 'links-calibration', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`wrote ${out}: Platt scaling`);
    expect(r.out).toContain(`the pipeline reads ${calibrationPath()}`);
    const fitted = JSON.parse(readFileSync(out, 'utf8')) as { method: string; fitted_on: string; span: { method: string } };
    expect([fitted.method, fitted.span.method, fitted.fitted_on]).toEqual(['platt', 'logistic', 'fixtures/links/calibration.txt']);
    expect(readFileSync(calibrationPath(), 'utf8')).toBe(shipped);
  });
});
