// How likely a DT/TI span of each pattern row is to be the span KLUE-NER would mark: the row's
// precision on the KLUE-NER part in ../shared/corpora (measured with
// `hanlink eval dates --klue klue-ner-v1.1_train-part.tsv`, "precision by pattern row"),
// smoothed towards the precision of its type so that rows seen a few times are not trusted blindly.
// Spans below 0.5 (bare 매일/매년: KLUE rarely marks them) are not proposed as entities; their date
// mention is written all the same.

/** [spans KLUE agrees with, spans proposed] by "row:type". */
const MEASURED: Record<string, [number, number]> = {
  'anniversary:DT': [12, 14], 'bare-year:DT': [24, 26], 'century:DT': [4, 4], 'day-range:DT': [8, 9],
  'decade:DT': [41, 43], 'duration-range:DT': [4, 6], 'duration-range:TI': [3, 3], 'duration:DT': [121, 135],
  'duration:TI': [104, 112], 'elapsed:DT': [26, 28], 'elapsed:TI': [7, 8], 'every:TI': [1, 1], 'game-time:TI': [11, 12],
  'hour-range:TI': [2, 2], 'interval:DT': [50, 54], 'interval:TI': [15, 15], 'month-range:DT': [1, 3],
  'offset:DT': [34, 42], 'offset:TI': [2, 5], 'point:DT': [1086, 1224], 'point:TI': [212, 227],
  'set:DT': [4, 13], 'set:TI': [2, 2], 'span:DT': [46, 54], 'span:TI': [6, 11], 'sports-season:DT': [7, 10],
  'year-range:DT': [2, 3],
};

/** Precision of all rows together, by type (the prior). */
const TYPE_PRECISION = { DT: 0.886, TI: 0.917 };
const PRIOR_WEIGHT = 5;

export function spanConfidence(pattern: string, type: 'DT' | 'TI'): number {
  const [agreed, proposed] = MEASURED[`${pattern}:${type}`] ?? [0, 0];
  return Math.round(((agreed + PRIOR_WEIGHT * TYPE_PRECISION[type]) / (proposed + PRIOR_WEIGHT)) * 100) / 100;
}

/** A span is proposed as an entity only when it is more likely right than not. */
export const PROPOSE_ENTITY = 0.5;
