// The eval and diff commands on real files: exit status, output modes, stored runs, delegation.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runDiff } from '../../pipeline/cli/diff.js';
import { goldToOutputLine, loadGold } from '../../pipeline/eval/gold.js';
import { renderReport } from '../../pipeline/eval/report.js';
import { readRun } from '../../pipeline/eval/runs.js';
import { evaluate } from '../../pipeline/eval/score.js';
import { Store } from '../../pipeline/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'hanlink-eval-'));
const gold = loadGold(['fixtures/gold']);
const perfect = gold.map(goldToOutputLine);
const jsonl = (name: string, lines: unknown[]) => {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return path;
};

function capture(stream: NodeJS.WriteStream): { text: () => string } {
  let out = '';
  vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
  return { text: () => out };
}
afterEach(() => vi.restoreAllMocks());

describe('hanlink diff', () => {
  const a = jsonl('a.jsonl', perfect);
  const damaged = perfect.map((l, i) => (i === 0 ? { ...l, entities: l.entities.slice(1) } : l));
  const b = jsonl('b.jsonl', damaged);

  it('exits 0 and reports no change for identical runs, gold folder against its own result file', () => {
    const out = capture(process.stdout);
    expect(runDiff('fixtures/gold', a, { db: 'unused' })).toBe(0);
    expect(out.text()).toMatch(/^0 of 5 articles changed/m);
  });

  it('exits 1 and names the lost entity, plain text in a pipe', () => {
    const out = capture(process.stdout);
    expect(runDiff(a, b, { db: 'unused' })).toBe(1);
    const e = perfect[0].entities[0];
    expect(out.text()).toContain(`- ${e.type} ${JSON.stringify(e.text)} @${e.start}-${e.end}`);
    expect(out.text()).not.toContain('\u001b[');
  });

  it('tags changes against gold with --gold', () => {
    const out = capture(process.stdout);
    runDiff(a, b, { db: 'unused', gold: 'fixtures/gold' });
    expect(out.text()).toMatch(/\(only in .*a\.jsonl\) {2}\[was right\]/);
  });

  it('prints JSON with --json', () => {
    const out = capture(process.stdout);
    runDiff(a, b, { db: 'unused', json: true });
    const parsed = JSON.parse(out.text());
    expect(parsed.summary).toMatchObject({ changedArticles: 1, lost: 1 });
  });

  it('reads a stored run as run:<id>', () => {
    const db = join(dir, 'store.sqlite');
    const store = Store.open(db);
    const runId = store.beginRun({ code: 'c', model: 'm' }, { explainRemovals: false });
    perfect.forEach((l, seq) =>
      store.recordResult(runId, { seq, article: { hash: `h${seq}`, id: l.id, source: l.source, kind: 'txt', raw: null, cleaned: l.text, published: l.published }, line: JSON.stringify(l), reused: false, error: null }),
    );
    store.finishRun(runId, 'done');
    store.close();
    expect(readRun(`run:${runId}`, db).map((l) => l.id)).toEqual(perfect.map((l) => l.id));
    expect(() => readRun('run:999', db)).toThrow(/no such run/);
    expect(() => readRun('run:1', join(dir, 'absent.sqlite'))).toThrow(/no store/);
  });
});

describe('the eval report', () => {
  it('shows each stage group, the per-stage table and the gate verdict', () => {
    const report = evaluate(gold, perfect, [{ stage: 'ner', lines: perfect.map((l) => ({ ...l, entities: [] })) }, { stage: 'link', lines: perfect }]);
    const text = renderReport(report, [{ metric: 'link.accuracy', baseline: 1, current: 0.5 }], false);
    expect(text).toMatch(/all, strict +100\.0 100\.0 100\.0/);
    expect(text).toMatch(/^ {2}ner +0\.0 +0\.0 +0\.0/m);
    expect(text).toMatch(/^ {2}link +100\.0 100\.0 100\.0/m);
    expect(text).toMatch(/span \+ value +100\.0/);
    expect(text).toMatch(/ECE 0\.000/);
    expect(text).toContain('link.accuracy: 0.5000 (baseline 1.0000)');
  });
});
