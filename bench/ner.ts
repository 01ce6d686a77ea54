// NER tagging speed next to kuromoji-ko's tokenization speed, on KLUE raw sentences.
// Prints chars/s for: kuromoji-ko alone, segment + tokenize stages, the ner stage on tokenized
// sentences (features, model, gazetteer, rules, merge), and the model's scoring + decoding alone.
// Usage: npx tsx bench/ner.ts [SENTENCES_FILE] [--limit N]   (default: 2000 sentences)
import { loadNer, nerStage } from '../pipeline/ner/index.js';
import { extractFeatures, sentenceInputs } from '../pipeline/ner/features.js';
import { analyzeText, loadTokenizers } from '../pipeline/tokenize/index.js';
import type { Resources } from '../pipeline/resources.js';
import type { Article } from '../pipeline/types.js';
import { charCount, knowledgeBaseOrNull, readSentences, sentenceArgs } from './setup.js';

const { file, limit } = sentenceArgs(2000);
const sentences = readSentences('bench/ner', file, limit) ?? process.exit(0);
const chars = charCount(sentences);

const kb = await knowledgeBaseOrNull();
let t0 = performance.now();
const tokenizers = await loadTokenizers(kb?.terms() ?? []);
const tLoadTok = performance.now() - t0;
t0 = performance.now();
const ner = await loadNer({ kb });
console.log(`load: tokenizers ${(tLoadTok / 1000).toFixed(2)} s, NER model ${((performance.now() - t0) / 1000).toFixed(2)} s (${ner.model.featureCount} features)`);
console.log(`${sentences.length} sentences, ${chars} characters from ${file}`);
const res = { kb, tokenizers, ner } as Resources;

async function measure(label: string, run: (i: number) => unknown): Promise<void> {
  for (let i = 0; i < Math.min(200, sentences.length); i++) await run(i); // warm the JIT
  t0 = performance.now();
  for (let i = 0; i < sentences.length; i++) await run(i);
  const secs = (performance.now() - t0) / 1000;
  console.log(`${label.padEnd(34)} ${(chars / secs).toFixed(0).padStart(8)} chars/s  ${(sentences.length / secs).toFixed(0).padStart(6)} sentences/s  (${secs.toFixed(2)} s)`);
}

await measure('kuromoji-ko (in-place lattice)', (i) => tokenizers.korean.raw(sentences[i]));
const docs: Article[] = [];
await measure('segment + tokenize stages', (i) => { docs[i] = analyzeText(sentences[i], tokenizers, `bench-${i}`); });
await measure('ner stage (on tokenized text)', (i) => nerStage.run(docs[i], res));
const feats = docs.map((d) => sentenceInputs(d, ner.gazetteer).map((input) => extractFeatures(input)));
await measure('  features only', (i) => sentenceInputs(docs[i], ner.gazetteer).map((input) => extractFeatures(input)));
await measure('  model scoring + decoding only', (i) => feats[i].map((f) => ner.model.tag(f)));
