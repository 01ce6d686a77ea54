import { readInputs, ingest } from '../pipeline/ingest/index.js';
import { segmentArticle } from '../pipeline/segment/index.js';
import { loadKnowledgeBase } from '../pipeline/link/kb.js';
import { resolveMentions } from '../pipeline/link/index.js';
const kb = await loadKnowledgeBase();
const items = []; for await (const it of readInputs(["seeds"])) items.push(it);
for (const it of items) {
  const doc = segmentArticle(ingest(it));
  console.log('==', doc.id, doc.published);
  for (const r of resolveMentions(kb, doc.text, doc.published, doc.sentences)) console.log(`  ${r.mention.kind.padEnd(13)} ${JSON.stringify(r.mention.text).padEnd(24)} ${r.link.id} ${r.link.confidence} [${r.link.candidates.map(c=>c.id.replace('person:','')+':'+c.score).join(' ')}]`);
}
