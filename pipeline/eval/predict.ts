// Runs the pipeline over gold texts: the gold text is taken as already cleaned (so gold offsets
// index it), anchored to the gold publication date, and annotated by every stage after ingest.
// The output is also kept after each stage, so that scores show what each stage adds or breaks.
import { annotate, STAGES, type Resources } from '../index.js';
import type { Stage } from '../stage.js';
import { emptyArticle, toOutputLine, type OutputLine } from '../types.js';
import type { GoldArticle } from './gold.js';

export interface Prediction {
  /** The final output line of each gold article. */
  lines: OutputLine[];
  /** The output as it stood after each stage, in stage order (an article that failed earlier is absent). */
  afterStage: { stage: string; lines: OutputLine[] }[];
}

export async function predictGold(gold: readonly GoldArticle[], res: Resources, stages: readonly Stage[] = STAGES): Promise<Prediction> {
  const afterStage = stages.map((s) => ({ stage: s.name, lines: [] as OutputLine[] }));
  const watched: Stage[] = stages.map((stage, i) => ({
    name: stage.name,
    run: async (doc, r) => {
      const out = await stage.run(doc, r);
      afterStage[i].lines.push(toOutputLine(out));
      return out;
    },
  }));
  const lines: OutputLine[] = [];
  for (const g of gold) {
    const doc = emptyArticle({ id: g.id, source: g.source, text: g.text, published: g.published, publishedFrom: g.published ? 'input' : 'none' });
    lines.push(toOutputLine(await annotate(doc, res, watched)));
  }
  return { lines, afterStage };
}
