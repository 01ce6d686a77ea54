import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { register as registerKb } from '../../pipeline/cli/kb.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../pipeline/ingest/index.js';
import { annotate, loadResources, STAGES, type Resources } from '../../pipeline/index.js';
import { fitLogistic, fitPlatt, applyLogistic, applyPlatt, type Sample } from '../../pipeline/link/calibrate.js';
import { calibration } from '../../pipeline/eval/calibration.js';
import { applyIsotonic, fitIsotonic, isotonicBlocks } from '../../pipeline/ner/calibrate.js';
import { readKnowledgeBase, defaultKbDir } from '../../pipeline/link/kb.js';
import { packageRoot } from '../../pipeline/run/package.js';
import { aliasVariants, romanizeName } from '../../pipeline/link/romanize.js';
import { linkStage } from '../../pipeline/link/index.js';
import { emptyArticle, type Article, type Entity } from '../../pipeline/types.js';

let res: Resources;
beforeAll(async () => { res = await loadResources(); });

async function seed(name: string): Promise<Article> {
  const path = `seeds/${name}`;
  const bytes = readFileSync(`${packageRoot()}/${path}`);
  return annotate(ingest({ id: name, source: path, kind: 'txt', bytes }), res, STAGES);
}

async function sentence(text: string, published: string): Promise<Article> {
  return annotate(emptyArticle({ id: 't', source: 't', text, published, publishedFrom: 'input' }), res, STAGES);
}

const linksAt = (doc: Article, span: string) => doc.entities.filter((e) => e.text === span && e.link).map((e) => e.link!.id);
/** Title and group phrases resolved beside the entities (doc.references). */
const refsAt = (doc: Article, span: string) => doc.references.filter((r) => r.text === span).flatMap((r) => r.links.map((l) => l.id));

describe('seeds through the real stages', () => {
  it('000: 김용현, every later 김 장관, and 오스틴', async () => {
    const doc = await seed('000_b034ab33dfae76ad.txt');
    expect(new Set(linksAt(doc, '김용현'))).toEqual(new Set(['person:kim-yong-hyun']));
    const kims = doc.entities.filter((e) => e.text === '김' && doc.text.slice(e.end, e.end + 3) === ' 장관');
    expect(kims.length).toBeGreaterThanOrEqual(3);
    for (const k of kims) expect(k.link?.id).toBe('person:kim-yong-hyun');
    expect(linksAt(doc, '로이드 오스틴')).toContain('person:lloyd-austin');
    for (const e of doc.entities) if (e.link) { expect(e.link.name_en).toBeTruthy(); expect(doc.text.slice(e.start, e.end)).toBe(e.text); }
  });
  it('001: 신원식 and 기하라', async () => {
    const doc = await seed('001_9fc8fec4e04e5d1b.txt');
    expect(linksAt(doc, '신원식')).toContain('person:shin-won-sik');
    expect(linksAt(doc, '기하라')).toContain('person:kihara-minoru');
  });
  it('002: 장호진, 셔먼 and 모리 다케오 with their glosses, 3국 차관 → all three', async () => {
    const doc = await seed('002_269dde5413313624.txt');
    expect(linksAt(doc, '장호진')).toContain('person:chang-ho-jin');
    expect(linksAt(doc, '웬디 셔먼')).toContain('person:wendy-sherman');
    expect(linksAt(doc, 'Wendy R. Sherman')).toContain('person:wendy-sherman');
    expect(linksAt(doc, '모리 다케오')).toContain('person:mori-takeo');
    expect(linksAt(doc, '森 健良')).toContain('person:mori-takeo');
    expect(new Set(refsAt(doc, '3국 차관'))).toEqual(new Set(['person:chang-ho-jin', 'person:wendy-sherman', 'person:mori-takeo']));
  });
  it('003: 안규백, 고이즈미 신지로, and 양 장관 → both', async () => {
    const doc = await seed('003_b9966a5cffd145ef.txt');
    expect(linksAt(doc, '안규백')).toContain('person:ahn-gyu-back');
    expect(linksAt(doc, '고이즈미 신지로')).toContain('person:koizumi-shinjiro');
    expect(new Set(refsAt(doc, '양 장관'))).toEqual(new Set(['person:ahn-gyu-back', 'person:koizumi-shinjiro']));
    // 양 here means "both", not the surname: no person entity inside the group phrase.
    const groups = doc.references.filter((r) => r.text === '양 장관');
    expect(doc.entities.filter((e) => e.type === 'PS' && groups.some((g) => g.start <= e.start && e.end <= g.end))).toEqual([]);
  });
  it('004: 푸틴', async () => {
    const doc = await seed('004_9077b87a7996d144.txt');
    expect(linksAt(doc, '푸틴')).toContain('person:vladimir-putin');
  });
});

describe('time-aware linking', () => {
  it('a bare 국방부 장관 is the Korean minister in office on the article date', async () => {
    const cases: [string, string][] = [['2018-03-20', 'person:song-young-moo'], ['2022-08-30', 'person:lee-jong-sup'], ['2024-11-20', 'person:kim-yong-hyun'], ['2026-02-10', 'person:ahn-gyu-back']];
    for (const [date, id] of cases) expect(refsAt(await sentence('국방부 장관은 이날 국회에 출석했다.', date), '국방부 장관')).toEqual([id]);
  });
  it('일본 방위상 and 미 국방장관 follow the date too', async () => {
    expect(refsAt(await sentence('일본 방위상은 항의했다.', '2024-05-28'), '방위상')).toEqual(['person:kihara-minoru']);
    expect(refsAt(await sentence('일본 방위상은 항의했다.', '2026-02-01'), '방위상')).toEqual(['person:koizumi-shinjiro']);
    const us = await sentence('미 국방장관은 방한했다.', '2025-10-29');
    expect(refsAt(us, '국방장관')).toEqual(['person:pete-hegseth']);
    // Titles are no entities (docs/gold.md): the country word stays one, linked.
    expect(us.entities.some((e) => e.text.includes('국방장관'))).toBe(false);
  });
  it('a title that ends an organization name refers on its own, unless a name stands before it', async () => {
    const alone = await sentence('대한민국 국방부장관의 방일이 성사됐다.', '2026-01-30');
    expect(refsAt(alone, '국방부장관')).toEqual(['person:ahn-gyu-back']);
    expect(refsAt(await sentence('미국 국방부장관은 말했다.', '2024-05-01'), '국방부장관')).toEqual(['person:lloyd-austin']);
    expect((await sentence('안규백 대한민국 국방부장관과 고이즈미 방위대신이 만났다.', '2026-01-30')).references).toEqual([]);
    expect((await sentence('홍길동 대한민국 국방부장관은 말했다.', '2026-01-30')).references).toEqual([]);
  });
  it('정 장관 is 정경두 in 2019 and 정의용 in mid-2021; 서 장관 in 2021 is 서욱', async () => {
    expect(linksAt(await sentence('정 장관은 회의를 주재했다.', '2019-12-10'), '정')).toEqual(['person:jeong-kyeong-doo']);
    expect(linksAt(await sentence('정 장관은 블링컨 장관과 통화했다.', '2021-06-10'), '정')).toEqual(['person:chung-eui-yong']);
    expect(linksAt(await sentence('서 장관은 국회에 출석했다.', '2021-09-15'), '서')).toEqual(['person:suh-wook']);
  });
  it('기하라 is defense minister in 2024 and chief cabinet secretary in 2025, one person', async () => {
    expect(linksAt(await sentence('기하라 관방장관은 기자회견을 했다.', '2025-11-20'), '기하라')).toEqual(['person:kihara-minoru']);
    expect(linksAt(await sentence('키하라 방위상은 환영했다.', '2023-11-02'), '키하라')).toEqual(['person:kihara-minoru']);
  });
  it('names the KB lacks get deterministic nil ids', async () => {
    const a = await sentence('전하규 국방부 대변인은 설명했다.', '2023-11-20');
    const b = await sentence('전하규 국방부 대변인이 답했다.', '2024-01-02');
    expect(linksAt(a, '전하규')).toEqual(['nil:person:전하규']);
    expect(linksAt(b, '전하규')).toEqual(linksAt(a, '전하규'));
    expect(a.entities.find((e) => e.text === '전하규')!.link!.name_en).toBe('Jeon Ha-gyu');
  });
});

describe('precision: what is not a mention', () => {
  it('bare family names that are common words, names inside longer names, titles of no one', async () => {
    // 비건 alone in 2024 (Biegun long out of office) is the word vegan; in 2019 it would be him.
    const doc = await sentence('어느 곳보다 더러움에서 밀리지 않는다. 조현아 부사장이 퇴진했다. 비건 식단이 인기다.', '2024-06-01');
    expect(doc.entities.filter((e) => e.link && !e.link.id.startsWith('nil:')).map((e) => e.text)).toEqual([]);
    const former = await sentence('한명숙 전 총리가 참석했다.', '2019-06-01');
    expect(linksAt(former, '한명숙')).toEqual(['nil:person:한명숙']);
    expect(former.references).toEqual([]);
    const commander = await sentence('사령관은 부대를 점검했다. 장관은 답하지 않았다.', '2023-01-01');
    expect(commander.entities.filter((e) => e.link && !e.link.id.startsWith('nil:'))).toEqual([]);
    expect(commander.references).toEqual([]);
    const role = await sentence('대통령은 그를 국방부 장관에 임명했다.', '2019-06-01');
    expect(role.references).toEqual([]);
    // Country initials before a title, other than as a group before particles, name offices of several countries.
    expect((await sentence("한미 국방장관' 회의에서는 파병을 논의한다.", '2024-10-20')).references).toEqual([]);
  });
  it('a word with a case particle, or before a title naming an office, is no unknown name', async () => {
    const nilPeople = (doc: Article) => doc.entities.filter((e) => e.link?.id.startsWith('nil:person:')).map((e) => e.text);
    expect(nilPeople(await sentence('기시다 후미오 자민당 총재가 일본 총리로 선출됐다.', '2021-10-04'))).toEqual([]);
    expect(nilPeople(await sentence('김 장관은 비상계엄 선포를 대통령에게 건의했다.', '2024-12-04'))).toEqual([]);
    expect(nilPeople(await sentence('브런슨 대장이 주한미군사령관에 취임했다.', '2024-12-20'))).toEqual([]);
    expect(nilPeople(await sentence('김지은 외교부 대변인이 답했다.', '2024-12-20'))).toEqual(['김지은']);
  });
  it('the span confidence of a person the linker adds varies with its evidence and is a probability', async () => {
    const text = '전하규 국방부 대변인은 설명했다. 김 장관은 답했다.';
    const doc = await linkStage.run(emptyArticle({ id: 'c', source: 'c', text, published: '2024-11-20', sentences: [{ start: 0, end: text.length }] }), res);
    const added = doc.entities.filter((e) => e.source === 'link');
    expect(added.map((e) => e.text)).toEqual(['전하규', '김']);
    for (const e of added) { expect(e.confidence).toBeGreaterThan(0); expect(e.confidence).toBeLessThan(1); }
    expect(added[0].confidence).not.toBe(added[1].confidence);
  });
});

describe('entities in KLUE style', () => {
  it('country initials the NER kept together are split and linked; names in a longer span link it', async () => {
    const text = '한미동맹은 굳건하다. 일본 요코스카에서 회담했다.';
    const ner: Entity[] = [
      { start: 0, end: 4, text: '한미동맹', type: 'OG', subtype: null, confidence: 0.9, link: null, source: 'model' },
      { start: 12, end: 19, text: '일본 요코스카', type: 'LC', subtype: null, confidence: 0.9, link: null, source: 'model' },
    ];
    const doc = await linkStage.run(emptyArticle({ id: 'k', source: 'k', text, published: '2024-01-01', sentences: [{ start: 0, end: text.length }], entities: ner }), res);
    expect(doc.entities.map((e) => [e.text, e.type, e.link?.id])).toEqual([
      ['한', 'OG', 'place:south-korea'], ['미', 'OG', 'place:united-states'], ['일본 요코스카', 'LC', 'place:yokosuka'],
    ]);
  });
});

describe('kb check', () => {
  it('the shipped KB has no errors', () => {
    const kb = readKnowledgeBase(defaultKbDir());
    expect(kb.issues.filter((i) => i.level === 'error')).toEqual([]);
    expect(kb.terms().some((t) => t.text === '김용현' && t.id === 'person:kim-yong-hyun')).toBe(true);
  });
  it('hanlink kb check exits 1 on the broken KB and 0 on the shipped one; kb find shows offices', async () => {
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => { out.push(String(chunk)); return true; }) as typeof process.stdout.write;
    try {
      const run = async (...args: string[]) => { const p = new Command('hanlink').exitOverride(); registerKb(p); process.exitCode = 0; await p.parseAsync(['node', 'hanlink', 'kb', ...args]); return process.exitCode; };
      expect(await run('check', `${packageRoot()}/fixtures/links/broken-kb`)).toBe(1);
      expect(await run('check')).toBe(0);
      expect(await run('find', '기하라')).toBe(0);
    } finally {
      process.stdout.write = write;
      process.exitCode = 0;
    }
    const text = out.join('');
    expect(text).toMatch(/duplicate id/);
    expect(text).toMatch(/person:kihara-minoru/);
    expect(text).toMatch(/2023-09-13 – 2024-10-01\s+방위상/);
  });
  it('reports duplicate ids, reversed dates, missing references and unexplained collisions', () => {
    const kb = readKnowledgeBase(`${packageRoot()}/fixtures/links/broken-kb`);
    const messages = kb.issues.filter((i) => i.level === 'error').map((i) => i.message).join('\n');
    expect(messages).toMatch(/duplicate id/);
    expect(messages).toMatch(/from 2020-05 is after to 2019-01/);
    expect(messages).toMatch(/title:nowhere is not in the KB/);
    expect(messages).toMatch(/alias "홍장관" is shared by person:a-one, person:b-two/);
  });
});

describe('calibration on synthetic data', () => {
  // Margins drawn from a known logistic truth: p(correct | x) = sigmoid(2x - 1).
  let seedState = 42;
  const rand = () => ((seedState = (seedState * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const samples: Sample[] = Array.from({ length: 4000 }, () => {
    const x = rand() * 6 - 3;
    return { x, y: rand() < 1 / (1 + Math.exp(-(2 * x - 1))) ? 1 : 0 };
  });
  it('Platt recovers the slope and intercept, deterministically', () => {
    const p = fitPlatt(samples);
    expect(p.a).toBeCloseTo(2, 0);
    expect(p.b).toBeCloseTo(-1, 0);
    expect(fitPlatt(samples)).toEqual(p);
    const { ece } = calibration(samples.map((s) => ({ confidence: applyPlatt(p, s.x), correct: s.y === 1 })));
    expect(ece).toBeLessThan(0.03);
  });
  it('logistic regression recovers two weights and a bias; the penalty keeps a separable feature finite', () => {
    const xs = samples.map((s, i) => ({ x: [s.x, i % 2], y: s.y }));
    // The second feature carries no signal: its weight stays near 0.
    const m = fitLogistic(['margin', 'noise'], xs, 0.1);
    expect(m.weights[0]).toBeCloseTo(2, 0);
    expect(m.bias).toBeCloseTo(-1, 0);
    expect(Math.abs(m.weights[1])).toBeLessThan(0.3);
    expect(calibration(xs.map((s) => ({ confidence: applyLogistic(m, s.x), correct: s.y === 1 }))).ece).toBeLessThan(0.03);
    const separable = fitLogistic(['flag'], [{ x: [1], y: 1 }, { x: [1], y: 1 }, { x: [0], y: 0 }, { x: [0], y: 1 }]);
    expect(Number.isFinite(separable.weights[0])).toBe(true);
    expect(applyLogistic(separable, [1])).toBeGreaterThan(applyLogistic(separable, [0]));
  });
  it('isotonic is monotone and an uncalibrated score has a large ECE', () => {
    const points = samples.map((s) => ({ score: s.x, correct: s.y === 1 }));
    const rate = isotonicBlocks(points).map((b) => b.hits / b.n);
    for (let i = 1; i < rate.length; i++) expect(rate[i]).toBeGreaterThanOrEqual(rate[i - 1]);
    const iso = fitIsotonic(points);
    for (let i = 1; i < iso.y.length; i++) expect(iso.y[i]).toBeGreaterThanOrEqual(iso.y[i - 1]);
    expect(applyIsotonic(iso, 3)).toBeGreaterThan(applyIsotonic(iso, -3));
    const overconfident = calibration(samples.map((s) => ({ confidence: s.x > 0 ? 0.99 : 0.01, correct: s.y === 1 })));
    expect(overconfident.ece).toBeGreaterThan(0.1);
  });
});

describe('romanization helpers', () => {
  it('Japanese-name spelling variants and RR names', () => {
    expect(aliasVariants('기하라')).toContain('키하라');
    expect(aliasVariants('모테기 도시미쓰')).toContain('모테기 토시미츠');
    expect(romanizeName('홍길동', true)).toBe('Hong Gil-dong');
  });
});
