// The merge policy of pipeline/ner/merge.ts, case by case.
import { describe, expect, it } from 'vitest';
import { mergeEntities } from '../../pipeline/ner/merge.js';
import type { Entity, EntitySource, EntityType, Link } from '../../pipeline/types.js';

const text = '서울중앙지검은 오스틴 장관과 2023년 7월 24일 만났다';
function ent(start: number, end: number, type: EntityType, confidence: number, source: EntitySource, extra: Partial<Entity> = {}): Entity {
  return { start, end, text: text.slice(start, end), type, subtype: null, confidence, link: null, source, ...extra };
}
const link: Link = { id: 'person:lloyd-austin', name: '오스틴', name_en: 'Lloyd Austin', confidence: 0.9, candidates: [{ id: 'person:lloyd-austin', score: 0.9 }] };

describe('mergeEntities', () => {
  it('keeps the outer name over a less confident nested one', () => {
    const out = mergeEntities([ent(0, 6, 'OG', 0.8, 'model')], [ent(0, 2, 'LC', 0.4, 'kb', { subtype: 'city' })]);
    expect(out.map((e) => [e.text, e.type])).toEqual([['서울중앙지검', 'OG']]);
  });

  it('keeps a probable outer span even over a more confident inner name', () => {
    const out = mergeEntities([ent(0, 6, 'OG', 0.6, 'model')], [ent(0, 2, 'LC', 0.95, 'link', { link })]);
    expect(out.map((e) => [e.text, e.type, e.source])).toEqual([['서울중앙지검', 'OG', 'model']]);
  });

  it('lets a more confident nested span win over a doubtful outer one', () => {
    const out = mergeEntities([ent(0, 6, 'OG', 0.3, 'model')], [ent(0, 2, 'LC', 0.7, 'kb')]);
    expect(out.map((e) => [e.text, e.type, e.source])).toEqual([['서울', 'LC', 'kb']]);
  });

  it('merges identical spans: type of the most confident, link and subtype carried over', () => {
    const out = mergeEntities([ent(8, 11, 'PS', 0.9, 'model')], [ent(8, 11, 'PS', 0.6, 'link', { link, subtype: 'person' })]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ text: '오스틴', type: 'PS', confidence: 0.9, source: 'model', subtype: 'person', link });
  });

  it('does not take a subtype from a proposal of another type', () => {
    const out = mergeEntities([ent(8, 11, 'PS', 0.9, 'model')], [ent(8, 11, 'LC', 0.2, 'kb', { subtype: 'city' })]);
    expect(out[0]).toMatchObject({ type: 'PS', subtype: null });
  });

  it('resolves crossing spans by confidence, then source rank, then length', () => {
    const date = ent(16, 28, 'DT', 0.85, 'date');
    const model = ent(22, 28, 'DT', 0.8, 'model');
    expect(mergeEntities([model], [date]).map((e) => e.text)).toEqual(['2023년 7월 24일']);
    // equal confidence: the higher-ranked source (date > model) wins
    expect(mergeEntities([ent(16, 22, 'DT', 0.8, 'model')], [ent(16, 25, 'DT', 0.8, 'date')]).map((e) => e.source)).toEqual(['date']);
    // equal confidence and source: the longer span wins
    expect(mergeEntities([ent(16, 21, 'DT', 0.8, 'model'), ent(16, 25, 'DT', 0.8, 'model')], []).map((e) => e.end)).toEqual([25]);
  });

  it('keeps disjoint spans, sorted, without touching the inputs', () => {
    const base = [ent(8, 11, 'PS', 0.9, 'model')];
    const added = [ent(0, 6, 'OG', 0.7, 'model'), ent(16, 28, 'DT', 0.9, 'date')];
    const out = mergeEntities(base, added);
    expect(out.map((e) => e.text)).toEqual(['서울중앙지검', '오스틴', '2023년 7월 24일']);
    expect(out[1]).not.toBe(base[0]);
    expect(base).toHaveLength(1);
    expect(mergeEntities([], [])).toEqual([]);
  });

  it('drops empty spans', () => {
    expect(mergeEntities([ent(3, 3, 'PS', 0.9, 'model')], [])).toEqual([]);
  });
});
