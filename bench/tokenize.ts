// Tokenization speed on KLUE sentences: kuromoji-ko alone vs the whole tokenize stage
// (segmentation, kuromoji-ko, compromise/kuromoji stretches, KB terms merged).
// Usage: npx tsx bench/tokenize.ts [SENTENCES_FILE] [--limit N]
import { existsSync, readFileSync } from 'node:fs';
import { loadKnowledgeBase } from '../pipeline/link/kb.js';
import { analyzeText, loadTokenizers } from '../pipeline/tokenize/index.js';
import type { Term } from '../pipeline/types.js';

const DEFAULT_FILE = '/work/shared/corpora/klue-raw/sentences.txt';
const args = process.argv.slice(2);
const limitAt = args.indexOf('--limit');
const limit = limitAt >= 0 ? Number(args.splice(limitAt, 2)[1]) : Infinity;
const file = args[0] ?? DEFAULT_FILE;

if (!existsSync(file)) {
  console.log(`bench/tokenize: ${file} is absent; nothing measured.`);
  process.exit(0);
}
const sentences = readFileSync(file, 'utf8').split('\n').filter((s) => s.trim()).slice(0, limit);
const chars = sentences.reduce((n, s) => n + s.length, 0);

let terms: readonly Term[] = [];
try {
  terms = (await loadKnowledgeBase()).terms();
} catch (err) {
  console.log(`(knowledge base not loaded, measuring without terms: ${err instanceof Error ? err.message : String(err)})`);
}

let t0 = performance.now();
const tk = await loadTokenizers(terms);
console.log(`load: ${((performance.now() - t0) / 1000).toFixed(2)} s (ko-dic + IPADIC, ${tk.terms.size} terms)`);

function measure(label: string, run: (s: string) => number): void {
  for (const s of sentences.slice(0, 300)) run(s); // warm the JIT
  t0 = performance.now();
  let tokens = 0;
  for (const s of sentences) tokens += run(s);
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `${label.padEnd(28)} ${(chars / secs).toFixed(0).padStart(8)} chars/s  ${(sentences.length / secs).toFixed(0).padStart(6)} sentences/s  ${tokens} tokens in ${secs.toFixed(2)} s`,
  );
}

console.log(`${sentences.length} sentences, ${chars} characters from ${file}`);
measure('kuromoji-ko raw', (s) => tk.korean.raw(s).length);
measure('tokenize stage (full)', (s) => analyzeText(s, tk).tokens.length);
