import { loadResources, STAGES, annotate } from '../pipeline/index.js';
import { emptyArticle } from '../pipeline/types.js';
const res = await loadResources();
const doc = await annotate(emptyArticle({ id: 'x', source: 'x', text: process.argv[2], published: process.argv[3] }), res, STAGES);
console.log(doc.entities.map(e => `${e.text}/${e.type}/${e.source}/${e.confidence.toFixed(2)}/${e.link?.id}`).join('\n'));
