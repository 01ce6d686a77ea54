// Scorers on small hand-computed examples.
import { describe, expect, it } from 'vitest';
import { sha256, type GoldArticle } from '../../pipeline/eval/gold.js';
import { prf } from '../../pipeline/eval/metrics.js';
import { calibration } from '../../pipeline/eval/calibration.js';
import { evaluate, flattenMetrics, partialCounts, scoreDates, scoreEntities, scoreLinks, scoreReferences, strictCounts } from '../../pipeline/eval/score.js';
import type { OutputLine } from '../../pipeline/types.js';

const TEXT = '오스틴 장관과 국방부, 서울에서 2024년 10월 30일 15년 만에 회담 3회';

function gold(entities: GoldArticle['entities'], dates: GoldArticle['dates'] = []): GoldArticle {
  return { gold: 1, id: 'a', source: 's', published: '2024-10-01', text_sha256: sha256(TEXT), text: TEXT, entities, dates };
}
function line(entities: Partial<OutputLine['entities'][number]>[], dates: Partial<OutputLine['dates'][number]>[] = []): OutputLine {
  return {
    schema: 1, id: 'a', source: 's', published: '2024-10-01', published_from: 'input', title: null, text: TEXT,
    entities: entities.map((e) => ({ start: 0, end: 0, text: '', type: 'PS', subtype: null, confidence: 0.5, link: null, ...e })),
    dates: dates.map((d) => ({ start: 0, end: 0, text: '', kind: 'date', value: '', confidence: 0.5, ...d })),
    references: [], warnings: [], error: null,
  };
}
const link = (id: string, confidence = 0.9) => ({ id, name: '', name_en: '', confidence, candidates: [] });

describe('prf', () => {
  it('computes precision, recall and F1 from counts', () => {
    const s = prf({ tp: 1, fp: 3, fn: 2 });
    expect(s.precision).toBeCloseTo(0.25);
    expect(s.recall).toBeCloseTo(1 / 3);
    expect(s.f1).toBeCloseTo(2 / 7);
  });
  it('treats nothing to find and nothing found as perfect, and nothing found as zero', () => {
    expect(prf({ tp: 0, fp: 0, fn: 0 }).f1).toBe(1);
    expect(prf({ tp: 0, fp: 0, fn: 4 })).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('entity scores', () => {
  const g = [
    { start: 0, end: 3, text: '오스틴', type: 'PS' as const, link: 'person:lloyd-austin' },
    { start: 8, end: 11, text: '국방부', type: 'OG' as const, link: 'organization:mnd' },
    { start: 13, end: 15, text: '서울', type: 'LC' as const, link: 'location:seoul' },
  ];
  const p = [
    { start: 0, end: 3, type: 'PS' }, // exact
    { start: 8, end: 12, type: 'OG' }, // overlaps with a comma: partial only
    { start: 13, end: 15, type: 'OG' }, // right span, wrong type
    { start: 40, end: 42, type: 'QT' }, // invented
  ];
  it('counts strict matches on span and type', () => {
    expect(strictCounts(g, p)).toEqual({ tp: 1, fp: 3, fn: 2 });
  });
  it('counts a duplicate prediction of a right entity as a false positive', () => {
    expect(strictCounts(g, [p[0], p[0]])).toEqual({ tp: 1, fp: 1, fn: 2 });
  });
  it('counts partial matches on overlap and type, one prediction per gold entity', () => {
    expect(partialCounts(g, p)).toEqual({ tp: 2, fp: 2, fn: 1 });
    expect(partialCounts([{ start: 0, end: 5, type: 'PS' }], [{ start: 0, end: 2, type: 'PS' }, { start: 3, end: 5, type: 'PS' }])).toEqual({ tp: 1, fp: 1, fn: 0 });
  });
  it('scores per type', () => {
    const s = scoreEntities([{ gold: gold(g), pred: line(p as never) }]);
    expect(s.strict.f1).toBeCloseTo(2 / 7);
    expect(s.partial.f1).toBeCloseTo(4 / 7);
    expect(s.byType.PS.strict.f1).toBe(1);
    expect(s.byType.LC.strict).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    expect(s.byType.OG.strict).toMatchObject({ tp: 0, fp: 2, fn: 1 });
    expect(s.byType.OG.partial).toMatchObject({ tp: 1, fp: 1, fn: 0 });
  });
  it('counts a missing prediction as all misses', () => {
    expect(scoreEntities([{ gold: gold(g), pred: undefined }]).strict).toMatchObject({ tp: 0, fp: 0, fn: 3, f1: 0 });
  });
});

describe('link scores', () => {
  const g = [
    { start: 0, end: 3, text: '오스틴', type: 'PS' as const, link: 'person:lloyd-austin' },
    { start: 8, end: 11, text: '국방부', type: 'OG' as const, link: 'nil' },
    { start: 13, end: 15, text: '서울', type: 'LC' as const, link: 'location:seoul' },
    { start: 32, end: 35, text: '15년', type: 'DT' as const, link: null },
  ];
  it('scores accuracy on found spans, NIL decisions and KB links', () => {
    const p = [
      { start: 0, end: 3, type: 'PS', link: link('person:lloyd-austin') }, // right
      { start: 8, end: 11, type: 'OG', link: null }, // unlinked = NIL: right
      { start: 13, end: 15, type: 'OG', link: link('location:busan') }, // wrong (type does not matter here)
    ];
    const s = scoreLinks([{ gold: gold(g), pred: line(p as never) }]);
    expect(s).toMatchObject({ gold: 3, found: 3, correct: 2 });
    expect(s.accuracy).toBeCloseTo(2 / 3);
    expect(s.nil).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(s.kb).toMatchObject({ tp: 1, fp: 1, fn: 1 });
  });
  it('reads "nil:..." ids as NIL and counts unfound spans against end-to-end accuracy', () => {
    const p = [{ start: 8, end: 11, type: 'OG', link: link('nil:국방부') }, { start: 13, end: 15, type: 'LC', link: link('nil:서울') }];
    const s = scoreLinks([{ gold: gold(g), pred: line(p as never) }]);
    expect(s).toMatchObject({ gold: 3, found: 2, correct: 1 });
    expect(s.endToEnd).toBeCloseTo(1 / 3);
    expect(s.nil).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(s.kb).toMatchObject({ tp: 0, fp: 0, fn: 2 });
  });
});

describe('reference scores', () => {
  const TWO = '양 장관은 만났다';
  const span = { start: 0, end: 4, text: '양 장관', kind: 'group' as const };
  const goldRefs = (references: GoldArticle['references']): GoldArticle => ({ ...gold([]), text: TWO, text_sha256: sha256(TWO), references });
  const predRefs = (ids: string[]): OutputLine => ({ ...line([]), text: TWO, references: [{ ...span, links: ids.map((id) => link(id)) }] });
  it('scores (span, id) pairs: a group member is one pair, a NIL member is left out', () => {
    const g = goldRefs([{ ...span, links: ['person:kim-yong-hyun', 'person:lloyd-austin'] }]);
    const s = scoreReferences([{ gold: g, pred: predRefs(['person:kim-yong-hyun', 'person:jim-mattis', 'nil:person:누구']) }]);
    expect(s).toMatchObject({ tp: 1, fp: 1, fn: 1, articles: 1 });
    expect(s.f1).toBeCloseTo(0.5);
  });
  it('counts a reference on another span as wrong, and leaves out gold without references', () => {
    const g = goldRefs([{ ...span, links: ['person:kim-yong-hyun'] }]);
    const shifted: OutputLine = { ...line([]), text: TWO, references: [{ ...span, start: 2, text: '장관', kind: 'title', links: [link('person:kim-yong-hyun')] }] };
    expect(scoreReferences([{ gold: g, pred: shifted }])).toMatchObject({ tp: 0, fp: 1, fn: 1 });
    const unannotated = scoreReferences([{ gold: goldRefs(undefined), pred: predRefs(['person:kim-yong-hyun']) }]);
    expect(unannotated).toMatchObject({ tp: 0, fp: 0, fn: 0, articles: 0 });
    expect(flattenMetrics(evaluate([goldRefs(undefined)], [predRefs(['person:kim-yong-hyun'])]))['link.references.f1']).toBeUndefined();
    expect(flattenMetrics(evaluate([g], [predRefs(['person:kim-yong-hyun'])]))['link.references.f1']).toBe(1);
  });
});

describe('date scores', () => {
  it('scores spans, values on spans, and span+value', () => {
    const gd = [
      { start: 18, end: 31, text: '2024년 10월 30일', kind: 'date' as const, value: '2024-10-30' },
      { start: 32, end: 35, text: '15년', kind: 'duration' as const, value: 'P15Y' },
    ];
    const pd = [
      { start: 18, end: 31, value: '2024-10-30' },
      { start: 32, end: 35, kind: 'duration' as const, value: 'P14Y' },
      { start: 18, end: 23, value: '2024' },
    ];
    const s = scoreDates([{ gold: gold([], gd), pred: line([], pd) }]);
    expect(s.span).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    expect(s.value).toMatchObject({ tp: 1, fp: 2, fn: 1 });
    expect(s.valueAccuracy).toBe(0.5);
  });
});

describe('calibration', () => {
  it('computes the expected calibration error over ten bins', () => {
    const c = calibration([
      { confidence: 0.95, correct: true },
      { confidence: 0.9, correct: false },
      { confidence: 0.15, correct: false },
      { confidence: 0.05, correct: false },
    ]);
    // bin 9: 2 points, mean confidence .925, accuracy .5; bin 1: .15 vs 0; bin 0: .05 vs 0
    expect(c.ece).toBeCloseTo((2 / 4) * 0.425 + (1 / 4) * 0.15 + (1 / 4) * 0.05);
    expect(c.bins[9]).toMatchObject({ n: 2, accuracy: 0.5 });
  });
  it('puts confidence 1 in the top bin and is 0 when perfectly calibrated', () => {
    expect(calibration([{ confidence: 1, correct: true }, { confidence: 1, correct: true }]).ece).toBe(0);
    expect(calibration([]).ece).toBe(0);
  });
});

describe('evaluate', () => {
  it('flattens the report into named metrics, only for types that gold has', () => {
    const g = gold([{ start: 0, end: 3, text: '오스틴', type: 'PS', link: 'person:lloyd-austin' }]);
    const m = flattenMetrics(evaluate([g], [line([{ start: 0, end: 3, type: 'PS', confidence: 1, link: link('person:lloyd-austin', 1) }])]));
    expect(m['ner.strict.f1']).toBe(1);
    expect(m['ner.strict.PS.f1']).toBe(1);
    expect(m['ner.strict.OG.f1']).toBeUndefined();
    expect(m['link.accuracy']).toBe(1);
    expect(m['calibration.entity.ece']).toBe(0);
  });
  it('lists articles the run lacks or failed on', () => {
    const g = gold([]);
    expect(evaluate([g], []).missing).toEqual(['a']);
    const failed = { ...line([]), error: { stage: 'ner', message: 'boom' } };
    expect(evaluate([g], [failed]).failed).toEqual([{ id: 'a', stage: 'ner', message: 'boom' }]);
  });
});
