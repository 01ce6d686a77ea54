import { loadResources, STAGES, annotate } from '../pipeline/index.js';
import { emptyArticle } from '../pipeline/types.js';
import { detectMentions } from '../pipeline/link/mentions.js';
const res = await loadResources();
console.log(detectMentions(process.argv[2], res.kb, []).map(m => `${m.kind}:${m.start}:${m.text}`).join(' | '));
const doc = await annotate(emptyArticle({ id: 'x', source: 'x', text: process.argv[2], published: process.argv[3] }), res, STAGES);
console.log(doc.entities.map(e => `${e.start}:${e.text}/${e.type}/${e.source}/${e.confidence.toFixed(2)}/${e.link?.id}`).join('\n'));
