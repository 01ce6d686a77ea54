// Export formats on the gold fixtures (real articles with reviewed spans) and on a line with the
// characters that break naive writers; Label Studio round trip: export → annotate → import → same spans.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGold } from '../../pipeline/eval/gold.js';
import { readRun } from '../../pipeline/eval/runs.js';
import { COLUMNS } from '../../pipeline/export/delimited.js';
import { exporter, formatForPath, formatNamed, unknownOutputFormat, type ExportFormat } from '../../pipeline/export/index.js';
import { importLabelStudio, LABEL_STUDIO_CONFIG } from '../../pipeline/export/labelstudio.js';
import { parseKlue, spansFromTags } from '../../pipeline/ner/klue-format.js';
import type { OutputLine } from '../../pipeline/types.js';
import { main } from '../../pipeline/cli/main.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'hanlink-export-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const gold = readRun(join(root, 'fixtures/gold'));

/** A line whose text has a quote, a comma, a tab, line breaks and a character outside the BMP before its entities. */
const tricky: OutputLine = (() => {
  const text = '🇰🇷 "국방부, 발표"\t오스틴\n장관은 21일 방한했다.';
  const at = (s: string) => text.indexOf(s);
  return {
    schema: 1, id: 'tricky', source: 'mem/tricky.txt', published: '2024-05-20', published_from: 'input', title: null, text,
    entities: [
      { start: at('"국방부, 발표"'), end: at('"국방부, 발표"') + 9, text: '"국방부, 발표"', type: 'OG', subtype: null, confidence: 0.5, link: { id: 'org:kr-mnd', name: '국방부', name_en: 'Ministry of National Defense', confidence: 0.9, candidates: [] } },
      { start: at('오스틴'), end: at('오스틴') + 3, text: '오스틴', type: 'PS', subtype: null, confidence: 0.9, link: null },
      { start: at('21일'), end: at('21일') + 3, text: '21일', type: 'DT', subtype: null, confidence: 0.9, link: null },
    ],
    dates: [{ start: at('21일'), end: at('21일') + 3, text: '21일', kind: 'date', value: '2024-05-21', confidence: 0.8 }],
    references: [], warnings: [], error: null,
  };
})();

function render(format: ExportFormat, lines: OutputLine[]): string {
  let out = '';
  const ex = exporter(format, (c) => (out += c));
  for (const l of lines) ex.add(l);
  ex.end();
  return out;
}

/** RFC 4180 records (test-side reader, independent of the writer). */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('export formats', () => {
  it('picks the format by extension, longest first, and names the unknown ones', () => {
    expect(formatForPath('out/x.CSV')?.name).toBe('csv');
    expect(formatForPath('x.spacy.json')?.name).toBe('spacy');
    expect(formatForPath('x.labelstudio.json')?.name).toBe('labelstudio');
    expect(formatForPath('x.json')).toBeUndefined();
    expect(unknownOutputFormat('x.jsonl')).toBeNull();
    expect(unknownOutputFormat('x.xlsx')).toMatch(/cannot tell the output format from x.xlsx: use one of .jsonl .csv/);
  });

  it('CSV: one row per entity with its link and date, quoted where needed', () => {
    const rows = parseCsv(render(formatNamed('csv')!, [...gold, tricky]));
    expect(rows[0]).toEqual([...COLUMNS]);
    expect(rows).toHaveLength(1 + gold.reduce((n, l) => n + l.entities.length, 0) + 3);
    const [og, ps, dt] = rows.slice(-3);
    expect(og.slice(3, 10)).toEqual([String(tricky.entities[0].start), String(tricky.entities[0].end), '"국방부, 발표"', 'OG', '', '0.5', 'org:kr-mnd']);
    expect(ps[9]).toBe('');
    expect(dt.slice(13)).toEqual(['date', '2024-05-21', '0.8']);
  });

  it('TSV: the same rows, tabs and line breaks escaped', () => {
    const text = render(formatNamed('tsv')!, [tricky]);
    const rows = text.split('\r\n').filter(Boolean).map((r) => r.split('\t'));
    expect(rows.every((r) => r.length === COLUMNS.length)).toBe(true);
    expect(rows[1][5]).toBe('"국방부, 발표"');
    expect(render(formatNamed('tsv')!, [{ ...tricky, id: 'a\tb\\c\nd' }])).toContain('a\\tb\\\\c\\nd\t');
  });

  it('CoNLL: KLUE-style character BIO that the KLUE reader reads back to the same spans', () => {
    const sentences = parseKlue(render(formatNamed('conll')!, gold));
    for (const line of gold) {
      const blocks = sentences.filter((s) => s.id.startsWith(`${line.id}:`));
      const spans = blocks.flatMap((b) => {
        const offset = Number(b.id.slice(line.id.length + 1));
        expect(line.text.slice(offset, offset + b.text.length)).toBe(b.text);
        return spansFromTags(b.tags).map((s) => [s.start + offset, s.end + offset, s.type]);
      });
      expect(spans).toEqual(line.entities.map((e) => [e.start, e.end, e.type]));
    }
  });

  it('spaCy: offsets in code points, as Python indexes the text', () => {
    const [doc] = JSON.parse(render(formatNamed('spacy')!, [tricky])) as { text: string; ents: [number, number, string][]; links: [number, number, string][] }[];
    const chars = [...doc.text];
    expect(doc.ents.map(([s, e, l]) => [chars.slice(s, e).join(''), l])).toEqual([['"국방부, 발표"', 'OG'], ['오스틴', 'PS'], ['21일', 'DT']]);
    expect(doc.ents[0][0]).toBe(tricky.entities[0].start - 2); // the flag is two code points of two units each
    expect(doc.links).toEqual([[doc.ents[0][0], doc.ents[0][1], 'org:kr-mnd']]);
  });
});

describe('Label Studio', () => {
  it('export → annotations (the predictions accepted) → import gives back the gold spans, links and dates', async () => {
    const tasks = JSON.parse(render(formatNamed('labelstudio')!, gold)) as { data: { id: string }; predictions: { result: unknown[] }[] }[];
    expect(tasks.map((t) => t.data.id)).toEqual(gold.map((l) => l.id));
    // What Label Studio exports once a reviewer submits the predictions unchanged.
    const exported = tasks.map((t, i) => ({ id: i + 1, ...t, annotations: [{ was_cancelled: false, result: t.predictions[0].result }] }));
    exported.push({ id: 99, data: { id: 'not-yet', text: '미완료' } as never, predictions: [], annotations: [] });
    const file = join(tmp, 'ls.json');
    writeFileSync(file, JSON.stringify(exported));

    const dir = join(tmp, 'gold');
    expect(await main(['node', 'hanlink', 'import', 'labelstudio', file, '--out', dir])).toBe(0);
    const back = loadGold([dir]);
    const original = loadGold([join(root, 'fixtures/gold')]);
    expect(back.map((g) => g.id)).toEqual(original.map((g) => g.id));
    for (const [i, g] of back.entries()) {
      expect(g.text).toBe(original[i].text);
      expect(g.entities).toEqual(original[i].entities.map(({ subtype: _, ...e }) => e));
      expect(g.dates).toEqual(original[i].dates);
    }
    expect(importLabelStudio(file).skipped).toEqual(['not-yet: no annotation']);
  });

  it('declares every control the tasks use in the labeling config the README shows', () => {
    const tasks = JSON.parse(render(formatNamed('labelstudio')!, [tricky])) as { predictions: { result: { from_name: string }[] }[] }[];
    for (const name of new Set(tasks[0].predictions[0].result.map((r) => r.from_name))) expect(LABEL_STUDIO_CONFIG).toContain(`name="${name}"`);
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(LABEL_STUDIO_CONFIG.trimEnd());
  });

  it('a reviewer\'s correction comes back: a changed link, a removed entity, an unlinked person as nil', () => {
    const task = JSON.parse(render(formatNamed('labelstudio')!, [tricky]))[0] as { data: unknown; predictions: { result: { id: string; from_name: string; value: { text: unknown } }[] }[] };
    const result = task.predictions[0].result
      .filter((r) => r.id !== 'e2' && r.id !== 'd0') // 21일 removed
      .map((r) => (r.from_name === 'link' ? { ...r, value: { ...r.value, text: ['org:kr-mofa'] } } : r));
    const file = join(tmp, 'corrected.json');
    writeFileSync(file, JSON.stringify([{ id: 1, data: task.data, annotations: [{ result }] }]));
    const [g] = importLabelStudio(file).gold;
    expect(g.entities.map((e) => [e.text, e.type, e.link])).toEqual([['"국방부, 발표"', 'OG', 'org:kr-mofa'], ['오스틴', 'PS', 'nil']]);
    expect(g.dates).toEqual([]);
  });

  it('refuses an annotation that is not valid gold, naming the problem', () => {
    const file = join(tmp, 'bad.json');
    const region = (id: string, start: number, end: number) => ({ id, from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, labels: ['PS'] } });
    writeFileSync(file, JSON.stringify([{ data: { id: 'bad', text: '오스틴 장관' }, annotations: [{ result: [region('a', 0, 3), region('b', 1, 3)] }] }]));
    expect(() => importLabelStudio(file)).toThrow(/overlaps or precedes/);
  });
});

describe('hanlink export', () => {
  it('writes a result file in the format the extension names, atomically, and refuses unknown extensions', async () => {
    const run = join(tmp, 'run.jsonl');
    writeFileSync(run, [...gold, tricky].map((l) => JSON.stringify(l)).join('\n') + '\n');
    const out = join(tmp, 'run.csv');
    expect(await main(['node', 'hanlink', 'export', run, '--out', out])).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(render(formatNamed('csv')!, [...gold, tricky]));
    expect(await main(['node', 'hanlink', 'export', run, '--out', join(tmp, 'x.xlsx')])).toBe(2);
    expect(await main(['node', 'hanlink', 'export', run, '--out', join(tmp, 'x.txt'), '--format', 'conll'])).toBe(0);
    expect(await main(['node', 'hanlink', 'export', run, '--out', join(tmp, 'x.txt'), '--format', 'excel'])).toBe(2);
  });
});
