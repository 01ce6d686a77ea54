import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatTokens, register } from '../../pipeline/cli/tokenize.js';
import { emptyArticle, type Token } from '../../pipeline/types.js';

const token = (start: number, surface: string, extra: Partial<Token> = {}): Token => ({
  start,
  end: start + surface.length,
  surface,
  pos: 'NNP',
  semantic: null,
  reading: null,
  lemma: surface,
  script: 'hangul',
  source: 'ko',
  term: null,
  ...extra,
});

describe('formatTokens', () => {
  it('prints one tab-separated line per token and a blank line between sentences', () => {
    const doc = emptyArticle({
      id: 'a',
      source: 'a',
      text: '장관은 떠났다. 森',
      sentences: [{ start: 0, end: 8 }, { start: 9, end: 10 }],
      tokens: [token(0, '장관', { source: 'term', term: 'title:minister', semantic: 'title' }), token(2, '은', { pos: 'JX' }), token(9, '森', { source: 'ja', reading: 'モリ', script: 'han' })],
    });
    expect(formatTokens(doc)).toBe('0-2\t장관\tNNP\ttitle\t-\tterm\ttitle:minister\n2-3\t은\tJX\t-\t-\tko\t-\n\n9-10\t森\tNNP\t-\tモリ\tja\t-\n');
  });
});

describe('hanlink tokenize', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  const run = async (...args: string[]) => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const program = new Command('hanlink').exitOverride();
    register(program);
    await program.parseAsync(['node', 'hanlink', 'tokenize', ...args]);
    return out.join('');
  };

  it('tokenizes a text file, with --json too', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hanlink-tokenize-'));
    const file = path.join(dir, 'a.txt');
    writeFileSync(file, '김용현 장관은 서울에서 회의를 열었다.\n다음 문장이다.');
    const text = await run(file);
    expect(process.exitCode ?? 0).toBe(0);
    const blocks = text.trimEnd().split('\n\n');
    expect(blocks).toHaveLength(2);
    expect(blocks[0].split('\n')[0]).toMatch(/^0-3\t김용현\tNNP\t/);
    const json = JSON.parse(await run(file, '--json'));
    expect(json.sentences).toEqual([{ start: 0, end: 21 }, { start: 22, end: 30 }]);
    expect(json.tokens.length).toBe(text.trimEnd().split('\n').filter(Boolean).length);
  });

  it('sets a failing exit status for a missing file', async () => {
    await expect(run(path.join(tmpdir(), 'no-such-file-hanlink.txt'))).rejects.toMatchObject({ exitCode: 1, code: 'hanlink.tokenize' });
    expect(process.exitCode).toBe(1);
  });
});
