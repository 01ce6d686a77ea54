// Precision, recall and F1 from match counts: the one definition every scorer (gold fixtures,
// KLUE-NER, the dates suite) reports.

export interface Counts { tp: number; fp: number; fn: number }
export interface PRF extends Counts { precision: number; recall: number; f1: number }

/**
 * P/R/F1 from counts. A ratio with nothing to count (no predictions, or no gold) is by default 1
 * when nothing was missed or invented, else 0 (a gold article without dates and a run that finds
 * none scores perfectly); `empty: 'zero'` makes it 0, the convention of KLUE and seqeval.
 */
export function prf({ tp, fp, fn }: Counts, empty: 'vacuous' | 'zero' = 'vacuous'): PRF {
  const vacuous = (other: number) => (empty === 'zero' || other !== 0 ? 0 : 1);
  const precision = tp + fp === 0 ? vacuous(fn) : tp / (tp + fp);
  const recall = tp + fn === 0 ? vacuous(fp) : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}
