// The link stage's speed and its share of pipeline time: every stage timed over a batch of
// articles (the seeds, the linking fixtures, and KLUE raw sentences grouped 20 to an article when
// the corpus is present), plus the knowledge base's load time, cold (YAML) and cached.
// Usage: npx tsx bench/link.ts [--articles N]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ingest } from '../pipeline/ingest/index.js';
import { loadResources, STAGES } from '../pipeline/index.js';
import { defaultKbDir, readKnowledgeBase } from '../pipeline/link/kb.js';
import { linkStage } from '../pipeline/link/index.js';
import { readGold } from '../pipeline/eval/links.js';
import { packageRoot } from '../pipeline/run/package.js';
import { emptyArticle, type Article } from '../pipeline/types.js';
import { articleTexts, charCount, readSentences } from './setup.js';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '150' } } });
const root = packageRoot();

let t0 = performance.now();
readKnowledgeBase(defaultKbDir());
const kbMs = performance.now() - t0;
t0 = performance.now();
const kb = readKnowledgeBase(defaultKbDir());
console.log(`knowledge base: ${kb.entities.size} records, ${kb.terms().length} terms; read ${kbMs.toFixed(0)} ms (first in this process, cache file if present), again ${(performance.now() - t0).toFixed(0)} ms`);

const docs: Article[] = [];
for (const f of readdirSync(join(root, 'seeds')).sort()) docs.push(ingest({ id: f, source: `seeds/${f}`, kind: 'txt', bytes: readFileSync(join(root, 'seeds', f)) }));
for (const f of ['calibration.txt', 'test.txt']) {
  for (const r of readGold(join(root, 'fixtures', 'links', f))) docs.push(emptyArticle({ id: r.id, source: f, text: r.text, published: r.published, publishedFrom: 'input' }));
}
const sentences = readSentences('KLUE raw articles', undefined, Number(values.articles) * 20) ?? [];
for (const [i, text] of articleTexts(sentences, 20).entries()) {
  docs.push(emptyArticle({ id: `klue-${i}`, source: 'klue-raw', text, published: '2024-01-15', publishedFrom: 'input' }));
}

t0 = performance.now();
const res = await loadResources();
console.log(`resources loaded in ${((performance.now() - t0) / 1000).toFixed(2)} s`);

const ms: Record<string, number> = Object.fromEntries(STAGES.map((s) => [s.name, 0]));
const chars = charCount(docs.map((d) => d.text));
let links = 0;
for (let pass = 0; pass < 2; pass++) {
  // Pass 0 warms the JIT; pass 1 is measured.
  for (const d of docs) {
    let doc = d;
    for (const stage of STAGES) {
      const start = performance.now();
      doc = await stage.run(doc, res);
      if (pass) ms[stage.name] += performance.now() - start;
    }
    if (pass) links += doc.entities.filter((e) => e.link).length;
  }
}
const total = Object.values(ms).reduce((a, b) => a + b, 0);
console.log(`${docs.length} articles, ${chars} characters, ${links} links`);
console.log('stage        ms total   ms/article   share');
for (const [name, t] of Object.entries(ms)) console.log(`${name.padEnd(12)} ${t.toFixed(0).padStart(8)}   ${(t / docs.length).toFixed(2).padStart(10)}   ${((100 * t) / total).toFixed(1).padStart(5)}%`);
console.log(`link stage: ${((chars / ms.link) * 1000).toFixed(0)} chars/s, ${((100 * ms.link) / total).toFixed(1)}% of pipeline time`);

// Linearity: one long article made of the seeds and fixtures repeated, at growing lengths; the
// stages before link run once, then the link stage alone is timed (best of three).
const pool = docs.filter((d) => !d.id.startsWith('klue-')).map((d) => d.text).join('\n\n');
console.log('link stage on one long article (best of 3):');
console.log('characters   link ms   ms per 1k chars');
for (const size of [20_000, 40_000, 200_000]) {
  const text = pool.repeat(Math.ceil(size / pool.length)).slice(0, size);
  let doc = emptyArticle({ id: `long-${size}`, source: 'bench', text, published: '2024-06-01', publishedFrom: 'input' });
  for (const stage of STAGES) if (stage.name !== 'link') doc = await stage.run(doc, res);
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const start = performance.now();
    await linkStage.run(doc, res);
    best = Math.min(best, performance.now() - start);
  }
  console.log(`${String(size).padStart(10)}   ${best.toFixed(0).padStart(7)}   ${((best / size) * 1000).toFixed(2).padStart(15)}`);
}
