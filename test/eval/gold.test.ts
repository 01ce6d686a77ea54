// The gold format's validator and the authoring form that anchors mentions written as text.
import { describe, expect, it } from 'vitest';
import { formatGold, parseGold, sha256, validateGold, type GoldArticle } from '../../pipeline/eval/gold.js';
import { compileGold, parseMention, parseReference, type GoldSource } from '../../pipeline/eval/gold-source.js';

const TEXT = '김용현 장관과 로이드 오스틴 미 국방장관이 오는 30일 회담한다. 김 장관은 오스틴 장관과 한미동맹을 논의했다.';

function source(mentions: string[]): GoldSource {
  return { id: 't', source: 'seeds/t.txt', published: '2024-10-25', text_from: 'unused', mentions };
}

describe('validateGold', () => {
  const ok: GoldArticle = {
    gold: 1, id: 't', source: 's', published: null, text_sha256: sha256(TEXT), text: TEXT,
    entities: [{ start: 0, end: 3, text: '김용현', type: 'PS', link: 'person:kim-yong-hyun' }],
    dates: [],
  };
  it('accepts consistent gold', () => {
    expect(validateGold(ok)).toEqual([]);
  });
  it('reports a span whose text is not text.slice(start, end)', () => {
    const bad = { ...ok, entities: [{ ...ok.entities[0], end: 4 }] };
    expect(validateGold(bad).join()).toMatch(/text\.slice\(0, 4\)/);
  });
  it('reports a stale sha, a linkable entity without a decision, a linked quantity, and overlaps', () => {
    const bad: GoldArticle = {
      ...ok,
      text_sha256: sha256('other'),
      entities: [
        { start: 0, end: 3, text: '김용현', type: 'PS', link: null },
        { start: 1, end: 3, text: '용현', type: 'QT', link: 'nil' },
      ],
    };
    const problems = validateGold(bad).join('\n');
    expect(problems).toMatch(/text_sha256/);
    expect(problems).toMatch(/needs a link/);
    expect(problems).toMatch(/cannot carry a link/);
    expect(problems).toMatch(/overlaps/);
  });
  it('round-trips through the file format', () => {
    expect(parseGold(JSON.parse(formatGold(ok)), 'mem')).toEqual(ok);
    expect(() => parseGold({ ...ok, text_sha256: 'x' }, 'mem')).toThrow(/not a gold article/);
  });
});

describe('references in gold', () => {
  const TWO = '김용현 장관과 오스틴 장관이 만났다. 양 장관은 미 국방장관의 방한을 논의했다. 양 장관은 합의했다.';
  const src = (references: string[]): GoldSource => ({ ...source([]), references });
  it('parses reference lines and rejects malformed ones', () => {
    expect(parseReference('양 장관 | group | person:a person:b')).toMatchObject({ span: '양 장관', kind: 'group', links: ['person:a', 'person:b'] });
    expect(parseReference('미 {국방장관}의 | title | person:a')).toMatchObject({ span: '국방장관', offset: 2, kind: 'title' });
    expect(() => parseReference('양 장관 | people | person:a')).toThrow(/title or group/);
    expect(() => parseReference('양 장관 | group')).toThrow(/PHRASE/);
  });
  it('anchors references in order, on their own cursor, and writes them to the file format', () => {
    const { gold, warnings } = compileGold(src(['양 장관 | group | person:kim-yong-hyun person:lloyd-austin', '미 {국방장관}의 | title | person:lloyd-austin']), TWO);
    expect(gold.references!.map((r) => [r.text, r.start, r.links.length])).toEqual([['양 장관', TWO.indexOf('양 장관'), 2], ['국방장관', TWO.indexOf('국방장관'), 1]]);
    expect(warnings.join()).toMatch(/unannotated reference "양 장관" at/);
    expect(parseGold(JSON.parse(formatGold(gold)), 'mem')).toEqual(gold);
    expect(compileGold(source([]), TWO).gold.references).toBeUndefined();
  });
  it('reports overlapping references, repeated ids and NIL ids', () => {
    const { gold } = compileGold(src(['양 장관 | group | person:kim-yong-hyun person:lloyd-austin']), TWO);
    const r = gold.references![0];
    const bad = { ...gold, references: [{ ...r, links: ['person:a', 'person:a'] }, { ...r, links: ['nil'] }] };
    const problems = validateGold(bad).join('\n');
    expect(problems).toMatch(/overlaps or precedes the previous reference/);
    expect(problems).toMatch(/lists an id twice/);
    expect(problems).toMatch(/KB ids only/);
  });
});

describe('parseMention', () => {
  it('reads entities, temporal mentions, quantities and subtypes', () => {
    expect(parseMention('로이드 오스틴 | PS | person:lloyd-austin')).toMatchObject({ context: '로이드 오스틴', span: '로이드 오스틴', offset: 0, type: 'PS', link: 'person:lloyd-austin', date: null });
    expect(parseMention('오스틴 {미} 국방장관 | LC/country | location:united-states')).toMatchObject({ context: '오스틴 미 국방장관', span: '미', offset: 4, subtype: 'country' });
    expect(parseMention('오는 30일 | DT | date | 2024-10-30')).toMatchObject({ type: 'DT', link: null, date: { kind: 'date', value: '2024-10-30' } });
    expect(parseMention('제56차 | QT')).toMatchObject({ type: 'QT', link: null, date: null });
  });
  it('rejects incomplete or malformed lines', () => {
    expect(() => parseMention('김용현 | PS')).toThrow(/link/);
    expect(() => parseMention('오는 30일 | DT | date')).toThrow(/KIND \| VALUE/);
    expect(() => parseMention('3회 | QT | nil')).toThrow(/QT/);
    expect(() => parseMention('{미}{국} | LC | nil')).toThrow(/braces/);
    expect(() => parseMention('미국 | XX | nil')).toThrow();
  });
});

describe('compileGold', () => {
  it('anchors each mention at its next occurrence, with braces picking a span inside context', () => {
    const { gold, warnings } = compileGold(source([
      '김용현 | PS | person:kim-yong-hyun',
      '로이드 오스틴 | PS | person:lloyd-austin',
      '{미} 국방장관 | LC | location:united-states',
      '오는 30일 | DT | date | 2024-10-30',
      '{김} 장관은 | PS | person:kim-yong-hyun',
      '오스틴 | PS | person:lloyd-austin',
      '{한}미동맹 | OG | location:south-korea',
      '한{미}동맹 | OG | location:united-states',
    ]), TEXT);
    expect(gold.entities.map((e) => TEXT.slice(e.start, e.end))).toEqual(['김용현', '로이드 오스틴', '미', '오는 30일', '김', '오스틴', '한', '미']);
    expect(gold.entities[5].start).toBe(TEXT.lastIndexOf('오스틴'));
    expect(gold.dates).toEqual([{ start: TEXT.indexOf('오는'), end: TEXT.indexOf('오는') + 6, text: '오는 30일', kind: 'date', value: '2024-10-30' }]);
    expect(gold.text_sha256).toBe(sha256(TEXT));
    expect(warnings).toEqual([]);
  });
  it('matches any whitespace run, so a cleaner that changes spaces or NBSP keeps the annotations', () => {
    const text = TEXT.replace('로이드 오스틴', '로이드\u00a0 오스틴');
    const { gold } = compileGold(source(['로이드 오스틴 | PS | person:lloyd-austin', '{미} 국방장관 | LC | place:united-states']), text);
    expect(gold.entities.map((e) => e.text)).toEqual(['로이드\u00a0 오스틴', '미']);
    expect(gold.entities[0].start).toBe(text.indexOf('로이드'));
  });
  it('fails on a mention that does not occur after the previous one', () => {
    expect(() => compileGold(source(['오스틴 | PS | p:a', '로이드 오스틴 | PS | p:a', '로이드 | PS | p:a']), TEXT)).toThrow(/mention 2 "로이드 오스틴/);
  });
  it('points out occurrences of an annotated name left unannotated', () => {
    const { warnings } = compileGold(source(['로이드 오스틴 | PS | person:lloyd-austin']), TEXT.replace('오스틴 장관과', '로이드 오스틴 장관과'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/unannotated "로이드 오스틴"/);
  });
});
