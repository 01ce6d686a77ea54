// `npm run bench`: throughput of `hanlink process` on a batch built from KLUE raw sentences
// (articles of 20 sentences), in-process and with 2 workers: articles/s, chars/s, peak RSS, and
// where the time goes by stage. Then the tokenizer bench (kuromoji-ko's raw speed beside the stage's).
// Options: --sentences N (default 3000), --per-article N (default 20).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../pipeline/run/package.js';
import type { RunSummary } from '../pipeline/run/runner.js';
import { articleTexts, readSentences } from './setup.js';

const { values } = parseArgs({ options: { sentences: { type: 'string', default: '3000' }, 'per-article': { type: 'string', default: '20' } } });
const root = packageRoot();

function benchProcess(): void {
  const sentences = readSentences('bench process', undefined, Number(values.sentences));
  if (!sentences) return;
  const perArticle = Number(values['per-article']);
  const tmp = mkdtempSync(join(tmpdir(), 'hanlink-bench-'));
  try {
    const records = articleTexts(sentences, perArticle).map((text, i) => JSON.stringify({ id: `bench-${i}`, text, published: '2024-01-15' }));
    const input = join(tmp, 'batch.jsonl');
    writeFileSync(input, records.join('\n') + '\n');
    console.log(`bench process: ${records.length} articles of ${perArticle} sentences (${sentences.length} KLUE raw sentences)`);
    console.log('  throughput after startup (resources loaded in every worker); elapsed includes startup');
    console.log('  workers          articles/s     chars/s    startup    elapsed   peak RSS (process, workers included)');
    let stageMs: Record<string, number> = {};
    for (const workers of [1, 2]) {
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(root, 'bench/process-once.ts'), input, join(tmp, `out-${workers}.jsonl`), join(tmp, `db-${workers}.sqlite`), String(workers)],
        { encoding: 'utf8', maxBuffer: 1 << 26 },
      );
      if (run.status !== 0) throw new Error(`bench run with ${workers} worker(s) failed:\n${run.stderr}`);
      const s = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as RunSummary;
      const secs = (s.elapsedMs - s.startupMs) / 1000;
      const label = workers === 1 ? '1 (in-process)' : String(workers);
      console.log(
        `  ${label.padEnd(14)} ${(s.articles / secs).toFixed(1).padStart(10)} ${Math.round(s.chars / secs).toString().padStart(11)}` +
          ` ${(s.startupMs / 1000).toFixed(2).padStart(8)} s ${(s.elapsedMs / 1000).toFixed(2).padStart(8)} s` +
          ` ${(s.maxRssKiB / 1024).toFixed(0).padStart(7)} MiB${s.failed ? `   (${s.failed} failed)` : ''}`,
      );
      if (workers === 1) stageMs = s.stageMs;
    }
    const total = Object.values(stageMs).reduce((a, b) => a + b, 0);
    const shares = Object.entries(stageMs).map(([stage, ms]) => `${stage} ${((100 * ms) / total).toFixed(1)}% (${ms.toFixed(0)} ms)`);
    console.log(`  time by stage (in-process run): ${shares.join(', ')}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

benchProcess();
const tokenize = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/tokenize.ts')], { stdio: 'inherit' });
if (tokenize.status !== 0) process.exitCode = tokenize.status ?? 1;
