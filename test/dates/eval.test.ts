// `hanlink eval dates`: case files in TSV and JSONL, the summary by kind, and KLUE-NER parsing and
// span scoring, on small files written here.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCases, readKlue, run, scoreCase, scoreKlue, summarize } from '../../pipeline/eval/dates.js';
import { formatKlue, tagsFromSpans } from '../../pipeline/ner/klue-format.js';
import type { EntityType } from '../../pipeline/types.js';

const dir = mkdtempSync(join(tmpdir(), 'hanlink-dates-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

afterEach(() => vi.restoreAllMocks());

describe('case files', () => {
  it('reads TSV and JSONL alike and scores span and value separately', () => {
    const tsv = write('c.tsv', '# comment\na\t2023-07-24\t오는 30일 방한\t오는 30일\tdate\t2023-07-30\nb\t-\t오는 30일 방한\t30일\tdate\tXXXX-XX-30\n');
    const jsonl = write('c.jsonl', '{"id":"c","published":"2023-07-24","text":"최근 늘었다","span":"최근","kind":"none"}\n');
    const results = [...loadCases(tsv), ...loadCases(jsonl)].map(scoreCase);
    expect(results.map((r) => [r.case.id, r.spanOk, r.valueOk])).toEqual([['a', true, true], ['b', false, false], ['c', true, true]]);
    expect(summarize(results).all).toEqual({ n: 3, span: 2, value: 2 });
  });
  it('rejects a case whose span is not in its sentence', () => {
    expect(() => loadCases(write('bad.tsv', 'x\t-\t어제 회의\t오늘\tdate\tXXXX-XX-XX\n'))).toThrow(/not in the sentence/);
  });
  it('prints JSON when asked and exits 0; 2 for a missing file', async () => {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run({ file: write('d.tsv', 'a\t2023-07-24\t어제 회의\t어제\tdate\t2023-07-23\n'), json: true })).toBe(0);
    expect(JSON.parse(out.join('\n')).summary.all).toEqual({ n: 1, span: 1, value: 1 });
    expect(await run({ file: join(dir, 'missing.tsv') })).toBe(2);
  });
});

describe('KLUE-NER spans', () => {
  /** A KLUE sentence whose entities are given as (surface, type) in order of appearance. */
  const sentence = (id: string, text: string, entities: Array<[string, EntityType]>) => ({
    id,
    text,
    tags: tagsFromSpans(text.length, entities.map(([surface, type]) => ({ start: text.indexOf(surface), end: text.indexOf(surface) + surface.length, type }))),
  });
  const klue = write('k.tsv', formatKlue([
    sentence('x-0', '국방부는 지난 12일 오후 3시께 회의를 열었다.', [['국방부', 'OG'], ['지난 12일', 'DT'], ['오후 3시', 'TI']]),
    sentence('x-1', '이날 회의는 2시간 동안 이어졌다.', [['이날', 'DT'], ['2시간', 'TI']]),
  ]));
  it('reads the sentence text and the DT/TI gold offsets of a KLUE file', () => {
    const [a, b] = readKlue(klue);
    expect(a.text).toBe('국방부는 지난 12일 오후 3시께 회의를 열었다.');
    expect(a.gold.map((g) => a.text.slice(g.start, g.end))).toEqual(['지난 12일', '오후 3시']);
    expect(b.gold.map((g) => `${b.text.slice(g.start, g.end)}:${g.type}`)).toEqual(['이날:DT', '2시간:TI']);
  });
  it('counts exact span-and-type agreement', () => {
    const s = scoreKlue(klue);
    // "2시간 동안" is one span for us (KLUE writes it both ways), so TI has one miss and one extra.
    expect([s.DT.tp, s.DT.fp, s.DT.fn]).toEqual([2, 0, 0]);
    expect([s.TI.tp, s.TI.fp, s.TI.fn]).toEqual([1, 1, 1]);
  });
});
