// KLUE metrics and format on small examples computed by hand.
import { describe, expect, it } from 'vitest';
import { charScores, entityScores, klueScores } from '../../pipeline/eval/klue.js';
import { charLevelTags, formatKlue, parseKlue, spansFromTags, tagsFromSpans } from '../../pipeline/ner/klue-format.js';

const goldA = ['B-PS', 'I-PS', 'O', 'B-LC', 'O'];
const predA = ['B-PS', 'I-PS', 'O', 'B-OG', 'O'];
const goldB = ['B-DT', 'I-DT', 'O'];
const predB = ['B-DT', 'O', 'O'];

describe('entity-level scores (seqeval strict IOB2)', () => {
  it('counts a span only when start, end and type match', () => {
    const s = entityScores([goldA, goldB], [predA, predB]);
    expect(s.perLabel.PS).toMatchObject({ tp: 1, pred: 1, gold: 1, f1: 1 });
    expect(s.perLabel.LC).toMatchObject({ tp: 0, pred: 0, gold: 1, f1: 0 });
    expect(s.perLabel.OG).toMatchObject({ tp: 0, pred: 1, gold: 0, f1: 0 });
    expect(s.perLabel.DT).toMatchObject({ tp: 0, pred: 1, gold: 1, f1: 0 }); // 1-char DT vs 2-char gold
    // Macro over the four types present in gold or prediction: (1 + 0 + 0 + 0) / 4.
    expect(s.macroF1).toBeCloseTo(0.25, 10);
    expect(s.micro.f1).toBeCloseTo(1 / 3, 10);
  });

  it('gives a stray I- tag no entity', () => {
    expect(spansFromTags(['O', 'I-PS', 'I-PS', 'B-LC', 'I-LC', 'I-PS'])).toEqual([{ start: 3, end: 5, type: 'LC' }]);
    const s = entityScores([['B-PS', 'I-PS', 'O']], [['I-PS', 'I-PS', 'O']]);
    expect(s.perLabel.PS).toMatchObject({ tp: 0, pred: 0, gold: 1 });
  });
});

describe('character-level scores', () => {
  it('macro-averages per-label F1 over the B-/I- labels present', () => {
    const s = charScores([goldA, goldB], [predA, predB]);
    expect(s.perLabel['B-PS'].f1).toBe(1);
    expect(s.perLabel['I-PS'].f1).toBe(1);
    expect(s.perLabel['B-DT'].f1).toBe(1);
    expect(s.perLabel['I-DT']).toMatchObject({ tp: 0, gold: 1, pred: 0, f1: 0 });
    expect(s.perLabel['B-LC'].f1).toBe(0);
    expect(s.perLabel['B-OG'].f1).toBe(0);
    expect(s.macroF1).toBeCloseTo(3 / 6, 10);
    // micro: 3 right of 4 predicted, of 5 gold → P .75, R .6, F1 2·.45/1.35
    expect(s.micro.precision).toBeCloseTo(0.75, 10);
    expect(s.micro.recall).toBeCloseTo(0.6, 10);
    expect(s.micro.f1).toBeCloseTo(0.9 / 1.35, 10);
  });

  it('counts one position per character, not per UTF-16 unit', () => {
    const text = '😀김';
    const r = klueScores([{ text, gold: ['O', 'O', 'B-PS'], pred: ['B-PS', 'I-PS', 'B-PS'] }]);
    expect(charLevelTags(text, ['B-PS', 'I-PS', 'B-PS'])).toEqual(['B-PS', 'B-PS']);
    expect(r.char.perLabel['B-PS']).toMatchObject({ tp: 1, pred: 2, gold: 1 });
  });
});

describe('KLUE format', () => {
  const sample = [
    '## 토큰, 레이블 구분자 : \\t',
    '## klue-ner-test_0\t<김:PS>씨 😀',
    '김\tB-PS', '씨\tO', ' \tO', '😀\tO',
    '',
    '## klue-ner-test_1\t<3명:QT>',
    '3\tB-QT', '명\tI-QT',
    '',
  ].join('\n');

  it('parses sentences with per-unit tags and writes them back', () => {
    const s = parseKlue(sample);
    expect(s.map((x) => [x.id, x.text])).toEqual([['klue-ner-test_0', '김씨 😀'], ['klue-ner-test_1', '3명']]);
    expect(s[0].tags).toEqual(['B-PS', 'O', 'O', 'O', 'O']);
    expect(spansFromTags(s[1].tags)).toEqual([{ start: 0, end: 2, type: 'QT' }]);
    expect(parseKlue(formatKlue(s))).toEqual(s);
    expect(tagsFromSpans(3, [{ start: 1, end: 3, type: 'OG' }])).toEqual(['O', 'B-OG', 'I-OG']);
  });

  it('rejects tags outside the six types', () => {
    expect(() => parseKlue('## x_0\ta\na\tB-XX\n')).toThrow(/unknown KLUE tag/);
  });
});
