// readInputs: files and directories → items, deterministic order, JSONL line by line.
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest, readInputs, type InputItem } from '../../pipeline/ingest/index.js';
import { StageError } from '../../pipeline/types.js';

async function collect(paths: string[]): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const item of readInputs(paths)) out.push(item);
  return out;
}

const dir = mkdtempSync(path.join(tmpdir(), 'hanlink-ingest-'));
mkdirSync(path.join(dir, 'b'));
mkdirSync(path.join(dir, '.hidden'));
writeFileSync(path.join(dir, 'b', 'z.md'), '# 제목\n본문');
symlinkSync(dir, path.join(dir, 'b', 'loop')); // a directory link back up: must not recurse forever
writeFileSync(path.join(dir, 'b', 'a.HTML'), '<p>본문</p>');
writeFileSync(path.join(dir, 'a.txt'), '본문');
writeFileSync(path.join(dir, 'notes.pdf'), '%PDF');
writeFileSync(path.join(dir, '.hidden', 'x.txt'), '숨김');
writeFileSync(path.join(dir, 'c.jsonl'), [
  '{"id": "k1", "text": "국방부는 28일 훈련을 실시했다.", "published": "2024-10-28", "title": "훈련", "url": "https://e.kr/1"}',
  '',
  '{"id": "k2", "text": "  앞뒤 공백과\\r\\n줄바꿈도  그대로 ", "source_name": "뉴스"}',
  'not json',
  '{"id": "k4", "body": "no text field"}',
  '[1, 2]',
  '{"text": "id 없는 기사"}',
].join('\n'));

describe('readInputs', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('walks directories recursively in code-point order, skipping hidden entries and other kinds', async () => {
    const items = await collect([dir]);
    expect(items.map((i) => [path.relative(dir, i.source), i.id, i.kind])).toEqual([
      ['a.txt', 'a', 'txt'],
      ['b/a.HTML', 'a', 'html'],
      ['b/z.md', 'z', 'md'],
      ['c.jsonl', 'k1', 'jsonl'],
      ['c.jsonl', 'k2', 'jsonl'],
      ['c.jsonl', 'c#4', 'jsonl'],
      ['c.jsonl', 'k4', 'jsonl'],
      ['c.jsonl', 'c#6', 'jsonl'],
      ['c.jsonl', 'c#7', 'jsonl'],
    ]);
    expect(items[0].source).toBe(path.join(dir, 'a.txt'));
  });

  it('yields one JSONL item per non-empty line; bad lines carry an error', async () => {
    const items = (await collect([path.join(dir, 'c.jsonl')])).map(({ id, line, error }) => ({ id, line, error }));
    expect(items).toEqual([
      { id: 'k1', line: 1, error: undefined },
      { id: 'k2', line: 3, error: undefined },
      { id: 'c#4', line: 4, error: expect.stringMatching(/^line 4 is not JSON/) },
      { id: 'k4', line: 5, error: 'line 5 has no "text" string' },
      { id: 'c#6', line: 6, error: 'line 6 is not a JSON object' },
      { id: 'c#7', line: 7, error: undefined },
    ]);
  });

  it('ingests JSONL records with the text unchanged and metadata kept', async () => {
    const [k1, k2, bad] = await collect([path.join(dir, 'c.jsonl')]);
    expect(ingest(k1)).toMatchObject({ id: 'k1', title: '훈련', published: '2024-10-28', publishedFrom: 'input', meta: { url: 'https://e.kr/1' }, removed: [] });
    const doc = ingest(k2);
    expect(doc.text).toBe('  앞뒤 공백과\r\n줄바꿈도  그대로 ');
    expect(doc.meta).toEqual({ source_name: '뉴스' });
    expect(() => ingest(bad)).toThrow(StageError);
    expect(() => ingest(bad)).toThrow(/^\[c#4\] ingest: line 4 is not JSON/);
  });

  it('a JSONL record with HTML or menus in its text is still left alone', () => {
    const text = '<p>본문</p>\n본문 바로가기\n기사 문장이다.';
    expect(ingest({ id: 'h', source: 'x.jsonl', kind: 'jsonl', record: { id: 'h', text } }).text).toBe(text);
    expect(() => ingest({ id: 'e', source: 'x.jsonl', kind: 'jsonl', record: { id: 'e', text: ' \n ' } })).toThrow(/"text" is empty/);
  });

  it('an explicitly named unsupported or missing file yields an error item', async () => {
    const [pdf, missing] = await collect([path.join(dir, 'notes.pdf'), path.join(dir, 'nope.txt')]);
    expect(pdf).toMatchObject({ id: 'notes', error: expect.stringMatching(/unsupported file type "\.pdf"/) });
    expect(missing).toMatchObject({ id: 'nope', error: expect.stringMatching(/no such file or directory/) });
  });

  it('refuses an oversize file from its size, without reading it', async () => {
    const big = path.join(dir, 'big.txt');
    writeFileSync(big, '');
    truncateSync(big, 50 * 1024 * 1024); // sparse: 50 MB on paper, nothing on disk
    const [item] = await collect([big]);
    expect(item.bytes).toBeUndefined();
    expect(() => ingest(item)).toThrow(/input is 50\.0 MB \(52428800 bytes\), over the limit of 5242880 bytes/);
  });
});
