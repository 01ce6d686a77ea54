// Small hand-written articles for the runner and CLI tests (not corpus text).
import type { InputItem } from '../../pipeline/ingest/index.js';

const SENTENCES = [
  '국방부는 21일 서울 용산 청사에서 한미 국방장관 회담을 열었다고 밝혔다.',
  '외교부 대변인은 오는 3월 도쿄에서 한일 외교장관 회담이 개최될 예정이라고 말했다.',
  'The Pentagon said Secretary Austin would visit Seoul next week.',
  '합동참모본부는 북한이 오전 7시 30분께 동해상으로 탄도미사일 2발을 발사했다고 전했다.',
  '防衛省は同日、日米韓の共同訓練を実施したと発表した。',
  '정부는 내년 국방 예산으로 59조 4천억 원을 편성했다.',
  '유엔 안전보장이사회는 지난 15일 긴급회의를 소집했다.',
  '이번 훈련에는 장병 1만여 명과 전투기 40여 대가 참가한다.',
];

/**
 * Article n: a few sentences, the first article much longer so that it finishes last with several
 * workers. Its paragraphs are numbered so that none repeats (ingest drops duplicate paragraphs).
 */
export function articleText(n: number): string {
  if (n === 0) return Array.from({ length: 40 }, (_, i) => `(${i + 1}) ${SENTENCES[i % SENTENCES.length]}`).join('\n') + '\n';
  return Array.from({ length: 2 + (n % 4) }, (_, i) => SENTENCES[(n + i) % SENTENCES.length]).join('\n') + '\n';
}

export function txtItem(id: string, text: string): InputItem {
  return { id, source: `mem/${id}.txt`, kind: 'txt', bytes: new TextEncoder().encode(text) };
}

export function batch(size: number): InputItem[] {
  return Array.from({ length: size }, (_, n) => txtItem(`a${String(n).padStart(3, '0')}`, articleText(n)));
}
