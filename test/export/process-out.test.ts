// `hanlink process --out FILE` writes the format the extension names, and refuses an unknown one (exit 2).
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../pipeline/cli/main.js';
import { parseResultLines } from '../../pipeline/eval/runs.js';
import { exporter, formatNamed } from '../../pipeline/export/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'hanlink-process-out-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('hanlink process --out', () => {
  it('x.csv gives the CSV export of the JSON Lines it would write, as `export run:<id>` does; x.xlsx is refused before anything runs', async () => {
    const input = join(tmp, 'in.jsonl');
    writeFileSync(input, JSON.stringify({ id: 'a', text: '국방부는 21일 "서울, 용산"에서 회담을 열었다.', published: '2024-03-20' }) + '\n');
    const hanlink = (out: string) => main(['node', 'hanlink', 'process', input, '--out', out, '--db', join(tmp, 'db.sqlite'), '--workers', '0']);
    expect(await hanlink(join(tmp, 'x.xlsx'))).toBe(2);
    expect(existsSync(join(tmp, 'x.xlsx'))).toBe(false);

    expect(await hanlink(join(tmp, 'r.jsonl'))).toBe(0);
    expect(await hanlink(join(tmp, 'r.csv'))).toBe(0);
    let csv = '';
    const ex = exporter(formatNamed('csv')!, (c) => (csv += c));
    parseResultLines(readFileSync(join(tmp, 'r.jsonl'), 'utf8'), 'r.jsonl').forEach((l) => ex.add(l));
    ex.end();
    expect(readFileSync(join(tmp, 'r.csv'), 'utf8')).toBe(csv);
    expect(csv.split('\r\n').length).toBeGreaterThan(2);
    // The same run from the store: `hanlink export run:<id>`.
    const fromStore = join(tmp, 'stored.csv');
    expect(await main(['node', 'hanlink', 'export', 'run:2', '--db', join(tmp, 'db.sqlite'), '--out', fromStore])).toBe(0);
    expect(readFileSync(fromStore, 'utf8')).toBe(csv);
  });
});
