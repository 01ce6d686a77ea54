import { readFileSync } from 'node:fs';
import { loadResources, STAGES, annotate } from '../pipeline/index.js';
import { emptyArticle } from '../pipeline/types.js';
const res = await loadResources();
const sents = readFileSync('/work/shared/corpora/klue-raw/sentences.txt', 'utf8').split('\n').filter(Boolean).slice(0, 2000);
const counts = new Map<string, number>();
for (let i = 0; i < sents.length; i += 20) {
  const doc = await annotate(emptyArticle({ id: 'k', source: 'k', text: sents.slice(i, i + 20).join('\n'), published: '2019-06-01' }), res, STAGES);
  for (const e of doc.entities) if (e.link && !e.link.id.startsWith('nil:')) { const k = `${e.text} → ${e.link.id} (${e.source}, ${e.link.confidence})`; counts.set(k, (counts.get(k) ?? 0) + 1); }
}
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 80)) console.log(v, k);
