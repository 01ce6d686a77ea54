import { readFileSync } from 'node:fs';
import { loadResources, STAGES, annotate } from '../pipeline/index.js';
import { emptyArticle } from '../pipeline/types.js';
const res = await loadResources();
const sents = readFileSync('/work/shared/corpora/klue-raw/sentences.txt', 'utf8').split('\n').filter(Boolean).slice(0, 2000);
for (let i = 0; i < sents.length; i += 20) {
  const doc = await annotate(emptyArticle({ id: 'k', source: 'k', text: sents.slice(i, i + 20).join('\n'), published: '2019-06-01' }), res, STAGES);
  for (const e of doc.entities) if (e.link && ['밀리','브라운','총리','국무총리','조현','아베'].includes(e.text)) console.log(e.text, e.source, e.link.id, '|', doc.text.slice(Math.max(0, e.start - 30), e.end + 20).replace(/\n/g, ' '));
}
