// Tokenization speed on KLUE sentences: kuromoji-ko as shipped, kuromoji-ko with the in-place
// lattice builder (pipeline/tokenize/lattice.ts), and the whole tokenize stage (segmentation,
// kuromoji-ko, compromise/kuromoji stretches, KB terms merged).
// Usage: npx tsx bench/tokenize.ts [SENTENCES_FILE] [--limit N]
import { analyzeText, loadTokenizers } from '../pipeline/tokenize/index.js';
import { loadStockTokenizer } from '../pipeline/tokenize/korean.js';
import { charCount, knowledgeBaseOrNull, readSentences, sentenceArgs } from './setup.js';

const { file, limit } = sentenceArgs();
const sentences = readSentences('bench/tokenize', file, limit) ?? process.exit(0);
const chars = charCount(sentences);
const kb = await knowledgeBaseOrNull();

const t0 = performance.now();
const tk = await loadTokenizers(kb?.terms() ?? []);
console.log(`load: ${((performance.now() - t0) / 1000).toFixed(2)} s (ko-dic, ${tk.terms.size} terms; IPADIC waits for Japanese text)`);
const stock = await loadStockTokenizer();

/**
 * Times kuromoji-ko alone and the whole stage on the same batches of sentences, alternating, so
 * that the ratio stays meaningful on a machine whose load changes during the run.
 */
const runs = {
  'kuromoji-ko as shipped': (s: string) => stock.tokenize(s).length,
  'kuromoji-ko, in place': (s: string) => tk.korean.raw(s).length,
  'tokenize stage (full)': (s: string) => analyzeText(s, tk).tokens.length,
};
const totals = Object.fromEntries(Object.keys(runs).map((k) => [k, { secs: 0, tokens: 0 }]));
for (const run of Object.values(runs)) for (const s of sentences.slice(0, 300)) run(s); // warm the JIT
for (let i = 0; i < sentences.length; i += 200) {
  const batch = sentences.slice(i, i + 200);
  for (const [label, run] of Object.entries(runs)) {
    const t = performance.now();
    for (const s of batch) totals[label].tokens += run(s);
    totals[label].secs += (performance.now() - t) / 1000;
  }
}

console.log(`${sentences.length} sentences, ${chars} characters from ${file}`);
for (const [label, { secs, tokens }] of Object.entries(totals)) {
  console.log(
    `${label.padEnd(24)} ${(chars / secs).toFixed(0).padStart(8)} chars/s  ${(sentences.length / secs).toFixed(0).padStart(6)} sentences/s  ${tokens} tokens in ${secs.toFixed(2)} s`,
  );
}
const [shipped, inPlace, full] = Object.values(totals);
console.log(`the in-place lattice runs ${(shipped.secs / inPlace.secs).toFixed(2)}× as fast as kuromoji-ko as shipped; the stage at ${((shipped.secs / full.secs) * 100).toFixed(0)}% of kuromoji-ko's speed (raw tokens include spaces)`);
