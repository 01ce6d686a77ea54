import { loadKnowledgeBase } from '../pipeline/link/kb.js';
import { detectMentions } from '../pipeline/link/mentions.js';
const kb = await loadKnowledgeBase();
for (const text of ['에이브럼스 사령관은 유엔군사령부의 역할 확대를 강조했다.', '가미카와 요코 외무상이 취임했다. 가미카와 외무상은 박진 장관과 통화했다.', '김 실장은 취임 후 첫 국가안전보장회의를 주재했다.']) {
  console.log(detectMentions(text, kb, []).map(m => `${m.kind}:${m.text}:${m.ids.join(',')}:${m.title?.titles.map(t=>t.id)}`).join('  '));
}
