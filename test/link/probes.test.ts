// Real-news probes of issue 10: names inside title phrases, ties and ministry-qualified titles,
// entity types in title phrases and KB names, each on a sentence with its own publication date.
import { beforeAll, describe, expect, it } from 'vitest';
import { annotate, loadResources, STAGES, type Resources } from '../../pipeline/index.js';
import { homeCountry } from '../../pipeline/link/index.js';
import { NameIndex } from '../../pipeline/link/name-index.js';
import { emptyArticle, type Article } from '../../pipeline/types.js';

let res: Resources;
beforeAll(async () => { res = await loadResources(); });

const run = (text: string, published: string): Promise<Article> => annotate(emptyArticle({ id: 't', source: 't', text, published, publishedFrom: 'input' }), res, STAGES);
const entity = (doc: Article, span: string) => doc.entities.find((e) => e.text === span);
const refs = (doc: Article, span: string) => doc.references.filter((r) => r.text === span).flatMap((r) => r.links.map((l) => l.id));

describe('names inside title phrases', () => {
  it('links the ministry in 이종섭 국방부 장관 and keeps the person', async () => {
    const doc = await run('이종섭 국방부 장관은 이날 국회에서 답변했다.', '2023-03-10');
    expect(entity(doc, '국방부')?.link?.id).toBe('org:kr-mnd');
    expect(entity(doc, '이종섭')?.link?.id).toBe('person:lee-jong-sup');
  });
  it('links 미국, 미 and 일본 before a title as countries (LC), not persons', async () => {
    const a = await run('로이드 오스틴 미국 국방장관은 서울에 도착했다.', '2023-01-30');
    expect(entity(a, '미국')?.link?.id).toBe('place:united-states');
    const b = await run('미 국방장관은 이날 기자들과 만났다.', '2019-07-01');
    expect(entity(b, '미')).toMatchObject({ type: 'LC', link: { id: 'place:united-states' } });
    const c = await run('하야시 요시마사 일본 외무상은 기자회견을 열었다.', '2022-08-10');
    expect(entity(c, '일본')?.link?.id).toBe('place:japan');
    expect(entity(c, '하야시 요시마사')?.link?.id).toBe('person:hayashi-yoshimasa');
  });
});

describe('no arbitrary tie-breaks', () => {
  it('a bare 국방장관 in Korean press is the Korean one (acting holder in a vacancy)', async () => {
    const doc = await run('국방장관은 이날 기자들과 만났다.', '2025-03-10');
    expect(refs(doc, '국방장관')).not.toContain('person:andrey-belousov');
    expect(refs(doc, '국방장관')).toEqual(['person:kim-seon-ho']);
  });
  it('미 국방장관 is the US holder on the day (acting Esper), never another country\'s', async () => {
    const doc = await run('미 국방장관은 이날 기자들과 만났다.', '2019-07-01');
    expect(refs(doc, '국방장관')).toEqual(['person:mark-esper']);
  });
  it('국방부 차관 in Korean text is the Korean vice minister, not the US deputy secretary', async () => {
    const doc = await run('국방부 차관은 이날 국회에 출석했다.', '2024-05-01');
    expect(refs(doc, '국방부 차관')).not.toContain('person:kathleen-hicks');
  });
  it('a bare 1차관 resolves only with its ministry', async () => {
    const doc = await run('기획재정부 1차관은 이날 브리핑했다.', '2024-05-01');
    expect(doc.references.flatMap((r) => r.links.map((l) => l.id))).toEqual([]);
    const mofa = await run('외교부 1차관은 이날 방미했다.', '2024-05-01');
    expect(refs(mofa, '외교부 1차관').length).toBe(1);
  });
  it('방위성 사무차관 is not the foreign ministry\'s vice minister', async () => {
    const doc = await run('방위성 사무차관은 이날 회견했다.', '2024-05-01');
    for (const id of doc.references.flatMap((r) => r.links.map((l) => l.id))) expect(res.kb.get(id)?.type === 'person' && (res.kb.get(id) as { offices: { title: string }[] }).offices.some((o) => o.title === 'title:jp-vice-foreign-minister')).toBe(false);
  });
  it('the home country follows the text\'s language', () => {
    expect(homeCountry('국방장관은 이날')).toBe('KR');
    expect(homeCountry('防衛大臣は本日')).toBe('JP');
    expect(homeCountry('The minister said')).toBeNull();
  });
});

describe('entity types no reader accepts', () => {
  it('a KB name ending in 의 keeps it', async () => {
    const doc = await run('신원식 장관은 뮌헨안보회의에 참석했다.', '2024-02-17');
    expect(entity(doc, '뮌헨안보회의')?.link?.id).toBe('event:munich-security-conference');
    expect(entity(doc, '뮌헨안보회')).toBeUndefined();
  });
  it('a KB name wins over a person inside it (캠프 데이비드)', async () => {
    const doc = await run('한미일 정상은 캠프 데이비드에서 만났다.', '2023-08-18');
    expect(entity(doc, '데이비드')).toBeUndefined();
    expect(entity(doc, '캠프 데이비드')?.link?.id).toBe('place:camp-david');
  });
  it('country initials standing as a word are one OG per country, linked (한미일, 한일 간의)', async () => {
    const doc = await run('한미일 3국은 공동성명을 냈다. 한일 간의 협력도 논의했다.', '2023-08-18');
    const initials = doc.entities.filter((e) => e.text.length === 1 && e.type === 'OG').map((e) => [e.text, e.link?.id]);
    expect(initials).toEqual([['한', 'place:south-korea'], ['미', 'place:united-states'], ['일', 'place:japan'], ['한', 'place:south-korea'], ['일', 'place:japan']]);
    expect(doc.entities.some((e) => e.type === 'DT' && /^[한미일]+$/.test(e.text))).toBe(false);
  });
});

describe('the name index', () => {
  const index = new NameIndex([{ text: '한미', id: 'org:a', kind: 'org' }, { text: '한미동맹', id: 'org:b', kind: 'org' }, { text: 'SCM', id: 'org:c', kind: 'org' }], [{ text: '국방장관', id: 'title:d', kind: 'title' }]);
  it('finds every occurrence, overlapping, ASCII case ignored', () => {
    const text = '한미동맹과 scm, 국방장관';
    expect(index.search(text).map((h) => text.slice(h.start, h.end))).toEqual(['한미', '한미동맹', 'scm', '국방장관']);
    expect(index.search(text).filter((h) => NameIndex.termAt(text, h)).map((h) => text.slice(h.start, h.end))).toEqual(['한미', '한미동맹']);
  });
  it('takes time linear in the text', () => {
    const unit = '한미동맹과 SCM에서 국방장관은 만났다. ';
    const time = (n: number) => { const t = unit.repeat(n); const s = performance.now(); const k = index.search(t).length; return { k, ms: performance.now() - s }; };
    time(2000);
    expect(time(20000).k).toBe(20000 * 4);
  });
});
