// The dates stage on the shared corpora (skipped when they are absent): KLUE-NER DT/TI span
// agreement must not fall below what docs/dates.md reports, and on unlabeled KLUE sentences every
// value must be well-formed and every offset exact.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findTemporal, makeAnchor } from '../../pipeline/dates/index.js';
import { isIsoValue } from '../../pipeline/dates/normalize.js';
import { scoreKlue } from '../../pipeline/eval/dates.js';
import { corpora } from '../../pipeline/run/package.js';

const KLUE = corpora.klueNer();
const RAW = corpora.klueRaw();

describe.skipIf(!existsSync(KLUE))(`KLUE-NER DT/TI spans (${KLUE})`, () => {
  it('agrees with the gold DT and TI spans at F1 ≥ 0.85 (entity level, exact span and type)', () => {
    const s = scoreKlue(KLUE);
    expect(s.all.f1).toBeGreaterThanOrEqual(0.85);
    expect(s.DT.f1).toBeGreaterThanOrEqual(0.84);
    expect(s.TI.f1).toBeGreaterThanOrEqual(0.88);
  });
});

describe.skipIf(!existsSync(RAW))(`unlabeled KLUE sentences (${RAW})`, () => {
  it('gives a valid value and exact offsets for every mention', () => {
    const text = readFileSync(RAW, 'utf8');
    const found = findTemporal(text, makeAnchor('2024-05-20', null)).flatMap((t) => (t.mention ? [t.mention] : []));
    expect(found.length).toBeGreaterThan(500);
    const bad = found.filter((m) => !isIsoValue(m.value) || text.slice(m.start, m.end) !== m.text);
    expect(bad).toEqual([]);
  });
});
if (!existsSync(KLUE) || !existsSync(RAW)) console.warn('test/dates/corpora: shared corpora absent, their checks are skipped');
