// Fitting the link calibration is its own command, and it writes only the file it is given.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hanlink } from './run-cli.js';
import { calibrationPath } from '../../pipeline/link/calibrate.js';

const tmp = mkdtempSync(join(tmpdir(), 'hanlink-eval-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

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
