// Speed of the dates stage: characters per second over the unlabeled KLUE sentences, each sentence
// run as its own article (the stage, anchor and entity merge included). Prints the figures; skips
// with a message when the corpus is absent.  Run: node --import tsx bench/dates.ts [ROUNDS]
import { datesStage } from '../pipeline/dates/index.js';
import type { Resources } from '../pipeline/resources.js';
import { emptyArticle } from '../pipeline/types.js';
import { charCount, readSentences } from './setup.js';

async function main(): Promise<void> {
  const sentences = readSentences('bench/dates');
  if (!sentences) return;
  const rounds = Number(process.argv[2] ?? 3);
  const docs = sentences.map((text, i) => emptyArticle({ id: String(i), source: 'klue-raw', text, published: '2024-05-20' }));
  const chars = charCount(sentences);
  const res = {} as Resources; // the dates stage uses no resources
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
  console.log(`  best of ${rounds}: ${best.toFixed(2)} s = ${Math.round(chars / best).toLocaleString('en')} chars/s (${((best * 1e6) / chars).toFixed(2)} µs/char), ${Math.round(sentences.length / best).toLocaleString('en')} sentences/s`);
  console.log(`  all rounds (s): ${times.map((t) => t.toFixed(2)).join(' ')}`);
}

await main();
