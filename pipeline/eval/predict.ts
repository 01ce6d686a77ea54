// Runs the pipeline over gold texts: the gold text is taken as already cleaned (so gold offsets
// index it), anchored to the gold publication date, and annotated by every stage after ingest.
import { annotate, type Resources } from '../index.js';
import { emptyArticle, toOutputLine, type OutputLine } from '../types.js';
import type { GoldArticle } from './gold.js';

export async function predictGold(gold: readonly GoldArticle[], res: Resources): Promise<OutputLine[]> {
  const out: OutputLine[] = [];
  for (const g of gold) {
    const doc = emptyArticle({ id: g.id, source: g.source, text: g.text, published: g.published, publishedFrom: g.published ? 'input' : 'none' });
    out.push(toOutputLine(await annotate(doc, res)));
  }
  return out;
}
