// Diffing two runs article by article.
import { describe, expect, it } from 'vitest';
import { diffRuns, renderDiff } from '../../pipeline/eval/diff.js';
import { parseResultLines } from '../../pipeline/eval/runs.js';
import type { OutputLine } from '../../pipeline/types.js';

const TEXT = '김용현 장관과 오스틴 장관이 오는 30일 워싱턴에서 만난다.';
const at = (s: string, from = 0) => ({ start: TEXT.indexOf(s, from), end: TEXT.indexOf(s, from) + s.length, text: s });
const link = (id: string) => ({ id, name: '', name_en: '', confidence: 0.9, candidates: [] });

function line(id: string, text: string, entities: Partial<OutputLine['entities'][number]>[], dates: Partial<OutputLine['dates'][number]>[] = []): OutputLine {
  return {
    schema: 1, id, source: `${id}.txt`, published: '2024-10-25', published_from: 'input', title: null, text,
    entities: entities.map((e) => ({ start: 0, end: 0, text: '', type: 'PS', subtype: null, confidence: 0.9, link: null, ...e })),
    dates: dates.map((d) => ({ start: 0, end: 0, text: '', kind: 'date', value: '', confidence: 0.9, ...d })),
    references: [], warnings: [], error: null,
  };
}

const A = [
  line('x', TEXT, [
    { ...at('김용현'), type: 'PS', link: link('person:kim-yong-hyun') },
    { ...at('오스틴'), type: 'PS', link: link('person:lloyd-austin') },
    { ...at('오는 30일'), type: 'DT' },
    { ...at('워싱턴'), type: 'OG', link: link('location:washington') },
  ], [{ ...at('오는 30일'), value: '2024-10-30' }]),
  line('same', 'ok', []),
  line('only-a', 'a', []),
];
const B = [
  line('x', TEXT, [
    { ...at('김용현'), type: 'PS', link: link('person:someone-else') }, // relinked
    { ...at('오는 30일'), type: 'DT' },
    { ...at('워싱턴'), type: 'LC', link: link('location:washington') }, // retyped
    { ...at('장관'), type: 'PS', link: null }, // gained
  ], [{ ...at('오는 30일'), value: 'XXXX-XX-30' }]),
  line('same', 'ok', []),
];

describe('diffRuns', () => {
  it('finds gained, lost, retyped and relinked entities and changed dates', () => {
    const d = diffRuns(A, B);
    expect(d.compared).toBe(2);
    expect(d.onlyInA).toEqual(['only-a']);
    expect(d.articles.map((a) => a.id)).toEqual(['x']);
    const x = d.articles[0];
    expect(x.lost.map((e) => e.text)).toEqual(['오스틴']);
    expect(x.gained.map((e) => e.text)).toEqual(['장관']);
    expect(x.retyped.map(({ a, b }) => `${a.text}:${a.type}>${b.type}`)).toEqual(['워싱턴:OG>LC']);
    expect(x.relinked.map(({ a, b }) => `${a.link}>${b.link}`)).toEqual(['person:kim-yong-hyun>person:someone-else']);
    expect(x.dates.changed.map(({ a, b }) => `${a.value}>${b.value}`)).toEqual(['2024-10-30>XXXX-XX-30']);
    expect(d.summary).toMatchObject({ changedArticles: 1, gained: 1, lost: 1, retyped: 1, relinked: 1, datesChanged: 1 });
  });
  it('keeps duplicate entities on one span apart', () => {
    const e = { ...at('김용현'), type: 'PS' as const, link: link('person:kim-yong-hyun') };
    const d = diffRuns([line('x', TEXT, [e])], [line('x', TEXT, [e, { ...e, link: link('person:other') }])]);
    expect(d.articles[0].gained.map((x) => x.link)).toEqual(['person:other']);
  });
  it('pairs mentions by surface text when the cleaned texts differ', () => {
    const shifted = '  ' + TEXT;
    const b = [line('x', shifted, [{ start: 2, end: 5, text: '김용현', type: 'PS', link: link('person:kim-yong-hyun') }])];
    const d = diffRuns([line('x', TEXT, [{ ...at('김용현'), type: 'PS', link: link('person:kim-yong-hyun') }])], b);
    expect(d.articles).toEqual([]);
  });
  it('shows references gained and lost as (span, person) pairs, tagged against gold', () => {
    const phrase = '두 장관이';
    const text = `김용현 장관과 오스틴 장관. ${phrase} 만났다.`;
    const span = { start: text.indexOf('두 장관'), end: text.indexOf('두 장관') + 4, text: '두 장관', kind: 'group' as const };
    const withRefs = (ids: string[]) => ({ ...line('r', text, []), references: [{ ...span, links: ids.map(link) }] });
    const d = diffRuns([withRefs(['person:kim-yong-hyun', 'person:someone-else'])], [withRefs(['person:kim-yong-hyun', 'person:lloyd-austin'])]);
    expect(d.articles[0].references.lost.map((r) => r.link)).toEqual(['person:someone-else']);
    expect(d.articles[0].references.gained.map((r) => r.link)).toEqual(['person:lloyd-austin']);
    expect(d.summary).toMatchObject({ referencesGained: 1, referencesLost: 1, gained: 0, lost: 0 });
    const judge = { entity: () => 'right' as const, date: () => 'right' as const, reference: (_: string, r: { link: string }) => (r.link === 'person:lloyd-austin' ? 'right' as const : 'wrong link' as const) };
    const out = renderDiff(d, { color: false, judge });
    expect(out).toContain('+ reference group "두 장관" @');
    expect(out).toMatch(/\+ reference group "두 장관" @\d+-\d+ → person:lloyd-austin {2}\[right\]/);
    expect(out).toMatch(/- reference group "두 장관" @\d+-\d+ → person:someone-else {2}\[was wrong link\]/);
    expect(out).toMatch(/references \+1 -1/);
    expect(diffRuns([withRefs(['person:kim-yong-hyun'])], [withRefs(['person:kim-yong-hyun'])]).articles).toEqual([]);
  });
  it('renders plain text with a summary', () => {
    const text = renderDiff(diffRuns(A, B), { color: false, labels: ['old', 'new'] });
    expect(text).toContain('- PS "오스틴" @');
    expect(text).toContain('~ type "워싱턴"');
    expect(text).toContain('~ date "오는 30일"');
    expect(text).toMatch(/1 of 2 articles changed \(1 only in old\): entities \+1 -1, retyped 1, relinked 1/);
    expect(text).not.toContain('\u001b[');
  });
});

describe('parseResultLines', () => {
  it('reads JSON Lines and names the line of a bad record', () => {
    const good = JSON.stringify(A[0]);
    expect(parseResultLines(`${good}\n\n${good}\n`, 'f')).toHaveLength(2);
    expect(() => parseResultLines(`${good}\n{"id": 1}\n`, 'f.jsonl')).toThrow(/f\.jsonl:2: not a hanlink output line/);
    expect(() => parseResultLines('{', 'f.jsonl')).toThrow(/f\.jsonl:1: not JSON/);
  });
});
