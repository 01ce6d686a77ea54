// `hanlink eval klue|dates|links` are real commands: help, checked options and arguments.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hanlink } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'hanlink-eval-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

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
