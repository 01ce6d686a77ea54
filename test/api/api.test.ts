// The library API: one article or a stream, the contract's output lines, the same bytes as the CLI.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPipeline, type ArticleInput, type Pipeline } from '../../pipeline/api.js';
import { readInputs } from '../../pipeline/ingest/index.js';
import { runBatch } from '../../pipeline/run/runner.js';
import { OutputLineSchema } from '../../pipeline/types.js';
import { articleText } from '../run/articles.js';

const tmp = mkdtempSync(join(tmpdir(), 'hanlink-api-'));
const articles: ArticleInput[] = Array.from({ length: 6 }, (_, n) => ({ id: `api${n}`, text: articleText(n), published: `2024-01-1${n}`, title: n === 2 ? '제목' : null }));

/** What `hanlink process` writes for the same records given as a JSONL file, source set to "api". */
async function cliLines(records: ArticleInput[]): Promise<string[]> {
  const file = join(tmp, 'in.jsonl');
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const lines: string[] = [];
  await runBatch(readInputs([file]), { workers: 0, resources: {}, article: { explainRemovals: false }, write: (l) => lines.push(l.replace(JSON.stringify(file), '"api"').trimEnd()) });
  return lines;
}

let nlp: Pipeline;
beforeAll(async () => {
  nlp = await createPipeline();
});
afterAll(async () => {
  await nlp.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('createPipeline', { timeout: 600_000 }, () => {
  it('process(text, meta) returns the output line `hanlink process` writes for that JSONL record', async () => {
    const line = await nlp.process(articles[0].text, { published: articles[0].published, id: 'api0' });
    expect(OutputLineSchema.parse(line)).toEqual(line);
    expect(line.published).toBe('2024-01-10');
    expect(line.entities.some((e) => e.type === 'OG' && e.link?.id === 'org:kr-mnd')).toBe(true);
    expect(JSON.stringify(line)).toBe((await cliLines([articles[0]]))[0]);
  });

  it('numbers articles without an id and gives a broken one a line with error, not a rejection', async () => {
    const fresh = await createPipeline();
    const [a, b] = [await fresh.process('국방부는 21일 회담을 열었다.'), await fresh.process('  ')];
    expect([a.id, b.id]).toEqual(['1', '2']);
    expect(b.error).toEqual({ stage: 'ingest', message: '"text" is empty' });
    await fresh.close();
    await expect(fresh.process('국방부')).rejects.toThrow(/closed/);
  });

  it('pipe() yields every line in input order, in-process and with worker threads, as the CLI does', async () => {
    async function* source() {
      for (const a of articles) yield a;
    }
    const expected = await cliLines(articles);
    const inProcess: string[] = [];
    for await (const line of nlp.pipe(source(), { concurrency: 3 })) inProcess.push(JSON.stringify(line));
    expect(inProcess).toEqual(expected);

    const threaded = await createPipeline({ workers: 2 });
    const viaThreads: string[] = [];
    for await (const line of threaded.pipe(articles)) viaThreads.push(JSON.stringify(line));
    await threaded.close();
    expect(viaThreads).toEqual(expected);
  });
});
