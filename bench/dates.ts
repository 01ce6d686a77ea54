// Speed of the dates stage: characters per second over the unlabeled KLUE sentences, each sentence
// run as its own article (the stage, anchor and entity merge included). Prints the figures; skips
// with a message when the corpus is absent.  Run: node --import tsx bench/dates.ts [ROUNDS]
import { existsSync, readFileSync } from 'node:fs';
import { datesStage } from '../pipeline/dates/index.js';
import type { Resources } from '../pipeline/resources.js';
import { emptyArticle } from '../pipeline/types.js';

const CORPUS = '/work/shared/corpora/klue-raw/sentences.txt';

async function main(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`bench/dates: skipped, ${CORPUS} is absent`);
    return;
  }
  const rounds = Number(process.argv[2] ?? 3);
  const sentences = readFileSync(CORPUS, 'utf8').split('\n').filter((s) => s.trim());
  const docs = sentences.map((text, i) => emptyArticle({ id: String(i), source: CORPUS, text, published: '2024-05-20' }));
  const chars = sentences.reduce((n, s) => n + s.length, 0);
  const res = {} as Resources;
  let mentions = 0;
  for (const d of docs.slice(0, 200)) await datesStage.run(d, res); // warm-up: compile the patterns, JIT
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    mentions = 0;
    const t0 = performance.now();
    for (const d of docs) mentions += (await datesStage.run(d, res)).dates.length;
    times.push((performance.now() - t0) / 1000);
  }
  const best = Math.min(...times);
  console.log(`dates stage: ${sentences.length} sentences, ${chars} chars, ${mentions} date mentions`);
  console.log(`  best of ${rounds}: ${best.toFixed(2)} s = ${Math.round(chars / best).toLocaleString('en')} chars/s, ${Math.round(sentences.length / best).toLocaleString('en')} sentences/s`);
  console.log(`  all rounds (s): ${times.map((t) => t.toFixed(2)).join(' ')}`);
}

await main();
