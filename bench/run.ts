// `npm run bench`: the pipeline's speed and memory against issue 11's targets, in one run, as ratios
// to kuromoji-ko's own single-thread speed on the same text (KLUE raw sentences grouped into
// articles). Prints kuromoji-ko's chars/s (as shipped, measured before and after the pipeline runs;
// the faster counts), the pipeline's chars/s after start-up with 1 worker (in-process) and with 2,
// start-up, peak RSS of each run's process (worker threads included), each stage's share, the
// default worker count on a small batch (the seeds) against 1 worker, whether the 1- and 2-worker
// outputs are identical, and PASS/FAIL for each target. On a shared, loaded machine wall-clock
// figures swing with the load, so the 1-worker ratio is also given in CPU time (kuromoji-ko's
// chars per CPU second against the pipeline's, after a warm-up run in the same process), which
// the load hardly moves. Then the tokenizer bench.
// The runs use the compiled dist/ (what bin/hanlink.js runs) when it is at least as new as every
// source file, else the TypeScript sources through tsx (slower to load), and say which. They share
// a fresh disk cache (HANLINK_CACHE_DIR): a first small run fills it, and its start-up is printed as
// the cold one. Start-up is the runner's (the resources in every worker, their module loading
// included); the time the process took before the run (boot, module loading in the main thread)
// is printed beside it, and so is the wall time of the real command line on the seeds.
// Options: --sentences N (default 3000), --per-article N (default 20).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadStockTokenizer } from '../pipeline/tokenize/korean.js';
import { packageRoot } from '../pipeline/run/package.js';
import type { RunSummary } from '../pipeline/run/runner.js';
import { articleTexts, readSentences, tokenizeSpeed } from './setup.js';

const { values } = parseArgs({ options: { sentences: { type: 'string', default: '3000' }, 'per-article': { type: 'string', default: '20' } } });
const root = packageRoot();
const TARGETS = { ratio1: 0.5, aim1: 0.8, speedup2: 1.6, startupS: 1, rss1MiB: 500, rss2MiB: 900 };

type Summary = RunSummary & { cpuMs: number; beforeRunMs: number };

/** True when dist/ holds a build at least as new as every TypeScript file under pipeline/. */
function distIsCurrent(): boolean {
  const built = join(root, 'dist', 'pipeline', 'cli', 'process.js');
  if (!existsSync(built)) return false;
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : e.name.endsWith('.ts') ? statSync(join(dir, e.name)).mtimeMs : 0)));
  return statSync(built).mtimeMs >= newest(join(root, 'pipeline'));
}
const dist = distIsCurrent();

function processOnce(tmp: string, label: string, workers: string, inputs: string[]): { summary: Summary; out: string } {
  const out = join(tmp, `out-${label}.jsonl`);
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/process-once.ts'), out, join(tmp, `db-${label}.sqlite`), workers, ...(dist ? ['--dist'] : []), ...inputs],
    { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, HANLINK_CACHE_DIR: join(tmp, 'cache') } },
  );
  if (run.status !== 0) throw new Error(`bench run "${label}" failed:\n${run.stderr}`);
  return { summary: JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Summary, out };
}

const afterStartup = (s: RunSummary) => s.chars / ((s.elapsedMs - s.startupMs) / 1000);
const mib = (s: RunSummary) => s.maxRssKiB / 1024;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

async function benchProcess(): Promise<void> {
  const sentences = readSentences('bench process', undefined, Number(values.sentences));
  if (!sentences) return;
  const perArticle = Number(values['per-article']);
  const tmp = mkdtempSync(join(tmpdir(), 'hanlink-bench-'));
  try {
    const records = articleTexts(sentences, perArticle).map((text, i) => JSON.stringify({ id: `bench-${i}`, text, published: '2024-01-15' }));
    const input = join(tmp, 'batch.jsonl');
    writeFileSync(input, records.join('\n') + '\n');
    console.log(`bench process: ${records.length} articles of ${perArticle} KLUE raw sentences (${sentences.length} sentences)`);
    console.log(
      dist
        ? '  code: the compiled dist/ (what bin/hanlink.js runs)'
        : '  code: the TypeScript sources through tsx, since dist/ is missing or older than pipeline/ (npm run build to measure what users run; tsx loads modules more slowly)',
    );

    const warmUp = join(tmp, 'warm-up.jsonl');
    writeFileSync(warmUp, records.slice(0, 5).join('\n') + '\n');
    const cold = processOnce(tmp, 'cold', '1', [warmUp]).summary; // fills the disk cache
    const stock = await loadStockTokenizer();
    const kuromojiBefore = tokenizeSpeed(stock, sentences);
    const one = processOnce(tmp, '1', '1', [input]);
    const two = processOnce(tmp, '2', '2', [input]);
    const oneCpu = processOnce(tmp, '1-cpu', '1', ['--warm-up', warmUp, input]).summary;
    const kuromojiAfter = tokenizeSpeed(stock, sentences);
    const kuromoji = Math.max(kuromojiBefore.wall, kuromojiAfter.wall);
    const kuromojiCpu = Math.max(kuromojiBefore.cpu, kuromojiAfter.cpu);
    const cpuRatio = oneCpu.chars / (oneCpu.cpuMs / 1000) / kuromojiCpu;
    const seeds = join(root, 'seeds');
    const seedsOne = processOnce(tmp, 'seeds-1', '1', [seeds]).summary;
    const seedsDefault = processOnce(tmp, 'seeds-default', 'default', [seeds]).summary;
    const cli = dist ? cliWallMs(tmp, seeds) : null;

    console.log(`  kuromoji-ko as shipped, one thread: ${Math.round(kuromojiBefore.wall)} chars/s before the runs, ${Math.round(kuromojiAfter.wall)} after; the reference is the faster, ${Math.round(kuromoji)}`);
    console.log('  setup            chars/s after start-up   ratio to kuromoji-ko   start-up   elapsed   peak RSS (process, workers included)');
    for (const [label, s] of [['1 worker', one.summary], ['2 workers', two.summary]] as const) {
      console.log(
        `  ${label.padEnd(16)} ${Math.round(afterStartup(s)).toString().padStart(10)} ${(afterStartup(s) / kuromoji).toFixed(2).padStart(22)}` +
          ` ${(s.startupMs / 1000).toFixed(2).padStart(12)} s ${(s.elapsedMs / 1000).toFixed(2).padStart(7)} s ${mib(s).toFixed(0).padStart(7)} MiB${s.failed ? `   (${s.failed} failed)` : ''}`,
      );
    }
    console.log(
      `  start-up: ${(cold.startupMs / 1000).toFixed(2)} s with an empty disk cache (1 worker, filling it);` +
        ` before each run the process spent ${[one, two].map(({ summary: s }) => (s.beforeRunMs / 1000).toFixed(2)).join(' s and ')} s (1, 2 workers: boot and module loading in the main thread${dist ? '' : ', tsx included'})`,
    );
    if (cli) console.log(`  the command line (node bin/hanlink.js process seeds/ --force): ${cli.map(([w, ms]) => `${(ms / 1000).toFixed(2)} s wall with --workers ${w}`).join(', ')}, process start to exit`);
    console.log(`  in CPU time: kuromoji-ko ${Math.round(kuromojiCpu)} chars per CPU second, the pipeline (1 worker, warmed up) ${Math.round(oneCpu.chars / (oneCpu.cpuMs / 1000))}: ratio ${cpuRatio.toFixed(2)}`);
    const total = Object.values(one.summary.stageMs).reduce((a, b) => a + b, 0);
    console.log(`  time by stage (1 worker): ${Object.entries(one.summary.stageMs).map(([stage, ms]) => `${stage} ${((100 * ms) / total).toFixed(1)}%`).join(', ')}`);
    const identical = readFileSync(one.out).equals(readFileSync(two.out));
    console.log(`  outputs of 1 and 2 workers byte-identical: ${identical ? 'yes' : 'NO'}`);
    const seedLine = (s: RunSummary) => `${(s.elapsedMs / 1000).toFixed(2)} s (${`${s.workers} worker${s.workers === 1 ? '' : 's'}`})`;
    console.log(`  small batch (seeds/, ${seedsOne.articles} articles): 1 worker ${seedLine(seedsOne)}, default ${seedLine(seedsDefault)}`);

    const ratio1 = afterStartup(one.summary) / kuromoji;
    const speedup = afterStartup(two.summary) / afterStartup(one.summary);
    console.log('  targets (issue 11):');
    const rows: [string, boolean][] = [
      [`1 worker ≥ ${TARGETS.ratio1} of kuromoji-ko (aim ${TARGETS.aim1}): ${ratio1.toFixed(2)} in wall time`, ratio1 >= TARGETS.ratio1],
      [`the same in CPU time: ${cpuRatio.toFixed(2)}`, cpuRatio >= TARGETS.ratio1],
      [`2 workers ≥ ${TARGETS.speedup2} × 1 worker after start-up: ${speedup.toFixed(2)}`, speedup >= TARGETS.speedup2],
      [`start-up ≤ ${TARGETS.startupS} s per worker: ${(one.summary.startupMs / 1000).toFixed(2)} s (1), ${(two.summary.startupMs / 1000).toFixed(2)} s (2, side by side)`, Math.max(one.summary.startupMs, two.summary.startupMs) <= TARGETS.startupS * 1000],
      [`peak RSS ≤ ${TARGETS.rss1MiB} MiB with 1 worker: ${mib(one.summary).toFixed(0)} MiB`, mib(one.summary) <= TARGETS.rss1MiB],
      [`peak RSS ≤ ${TARGETS.rss2MiB} MiB with 2 workers: ${mib(two.summary).toFixed(0)} MiB`, mib(two.summary) <= TARGETS.rss2MiB],
      [`default worker count on a small batch not slower than 1 worker: ${`${seedsDefault.workers} worker(s)`}`, seedsDefault.workers <= 1 || seedsDefault.elapsedMs <= seedsOne.elapsedMs],
      ['outputs of 1 and 2 workers identical', identical],
    ];
    for (const [text, ok] of rows) console.log(`    ${verdict(ok)}  ${text}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Wall time of `node bin/hanlink.js process seeds/` with 1 and 2 workers, from the process's start to its exit. */
function cliWallMs(tmp: string, seeds: string): [number, number][] {
  return [1, 2].map((w) => {
    const t = performance.now();
    const run = spawnSync(process.execPath, [join(root, 'bin', 'hanlink.js'), 'process', seeds, '--out', join(tmp, `cli-${w}.jsonl`), '--db', join(tmp, `cli-${w}.sqlite`), '--workers', String(w), '--force'], {
      encoding: 'utf8', env: { ...process.env, HANLINK_CACHE_DIR: join(tmp, 'cache') },
    });
    if (run.status !== 0) throw new Error(`hanlink process failed:\n${run.stderr}`);
    return [w, performance.now() - t];
  });
}

await benchProcess();
const tokenize = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/tokenize.ts')], { stdio: 'inherit' });
if (tokenize.status !== 0) process.exitCode = tokenize.status ?? 1;
