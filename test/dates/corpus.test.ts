// The dates corpus (fixtures/dates/expressions.tsv): every case passes, or is listed with its reason
// in fixtures/dates/known-failures.tsv (and then must still fail, so that the list stays honest).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isIsoValue } from '../../pipeline/dates/normalize.js';
import { DEFAULT_CASES, loadCases, scoreCase } from '../../pipeline/eval/dates.js';

const cases = loadCases(DEFAULT_CASES);
const known = new Map(
  readFileSync('fixtures/dates/known-failures.tsv', 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t') as [string, string]),
);

describe('dates corpus', () => {
  it('has at least 300 cases, each kind and the must-not-extract kind represented', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const kinds = new Set(cases.map((c) => c.kind));
    for (const k of ['date', 'time', 'interval', 'duration', 'set', 'none']) expect(kinds).toContain(k);
    expect(cases.filter((c) => c.anchor === null).length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases) if (c.kind !== 'none') expect(isIsoValue(c.value), `${c.id}: ${c.value}`).toBe(true);
  });

  it('lists only existing cases as known failures, each with a reason', () => {
    const ids = new Set(cases.map((c) => c.id));
    for (const [id, reason] of known) {
      expect(ids).toContain(id);
      expect(reason?.trim()).toBeTruthy();
    }
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
    const r = scoreCase(c);
    if (known.has(id)) {
      expect(r.valueOk, `${id} is listed as a known failure but passes: remove it from the list`).toBe(false);
      return;
    }
    if (c.kind === 'none') {
      expect(r.got, `"${c.span}" must not be extracted`).toBeNull();
      return;
    }
    expect(r.got).toEqual({ text: c.span, kind: c.kind, value: c.value });
  });
});
