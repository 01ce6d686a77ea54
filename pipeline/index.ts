// hanlink's one entry point: load resources once, then turn input items into output lines.
import { ingest, type InputItem } from './ingest/index.js';
import { segmentStage } from './segment/index.js';
import { tokenizeStage } from './tokenize/index.js';
import { nerStage } from './ner/index.js';
import { datesStage } from './dates/index.js';
import { linkStage } from './link/index.js';
import { loadResources, loadSharedResources, type ResourceOptions, type Resources, type SharedResources } from './resources.js';
import type { Stage } from './stage.js';
import { emptyArticle, StageError, toOutputLine, type Article, type OutputLine } from './types.js';

/** The stages in order; each reads what earlier ones wrote. */
export const STAGES: readonly Stage[] = [segmentStage, tokenizeStage, nerStage, datesStage, linkStage];

export { loadResources, loadSharedResources, type ResourceOptions, type Resources, type SharedResources };

/** Runs the stages over one document; a failure becomes the article's `error`, never an exception. */
export async function annotate(doc: Article, res: Resources, stages: readonly Stage[] = STAGES): Promise<Article> {
  for (const stage of stages) {
    try {
      doc = await stage.run(doc, res);
    } catch (err) {
      return failed(doc, stage.name, err);
    }
  }
  return doc;
}

/** Ingest one input item and run the stages: the whole pipeline for one article, as a document. */
export async function processDocument(item: InputItem, res: Resources, stages: readonly Stage[] = STAGES): Promise<Article> {
  let doc: Article;
  try {
    doc = ingest(item);
  } catch (err) {
    return failed(emptyArticle({ id: item.id, source: item.source, text: '' }), 'ingest', err);
  }
  return annotate(doc, res, stages);
}

/** The whole pipeline for one article, as its output line. */
export async function processItem(item: InputItem, res: Resources): Promise<OutputLine> {
  return toOutputLine(await processDocument(item, res));
}

function failed(doc: Article, stage: string, err: unknown): Article {
  const e = StageError.from(doc.id, stage, err);
  return { ...doc, entities: [], dates: [], references: [], error: { stage: e.stage, message: e.detail } };
}
