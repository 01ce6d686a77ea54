import { loadKnowledgeBase } from '../pipeline/link/kb.js';
import { detectMentions } from '../pipeline/link/mentions.js';
import { candidatesFor } from '../pipeline/link/candidates.js';
import { features } from '../pipeline/link/features.js';
import { score } from '../pipeline/link/score.js';
import { DocumentContext } from '../pipeline/link/coref.js';
const kb = await loadKnowledgeBase();
const [text, day] = [process.argv[2], process.argv[3]];
const ctx = new DocumentContext();
for (const m of detectMentions(text, kb, [])) {
  console.log(m.kind, m.text, m.title?.titles.map(t=>t.id), m.title?.country);
  for (const c of candidatesFor(kb, m, ctx)) { const f = features(kb, m, c, day, ctx); console.log('   ', c.id, score(f).toFixed(2), JSON.stringify(f)); }
}
