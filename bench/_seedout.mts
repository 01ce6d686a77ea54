import { readFileSync } from 'node:fs';
import { loadResources, processItem } from '../pipeline/index.js';
const res = await loadResources();
for (const f of ['000_b034ab33dfae76ad.txt','003_b9966a5cffd145ef.txt','004_9077b87a7996d144.txt']) {
  const line = await processItem({ id: f, source: 'seeds/' + f, kind: 'txt', bytes: readFileSync('seeds/' + f) }, res);
  console.log('==', f, line.published, line.error);
  for (const e of line.entities) if (e.link && e.type === 'PS') console.log('  ', e.start, e.text, e.type, e.subtype, e.link.id, e.link.name_en, e.link.confidence);
}
