// The segment stage: sentence spans and script runs over the cleaned text.
import type { Stage } from '../stage.js';
import type { Article } from '../types.js';
import { splitSentences } from './sentences.js';
import { scriptRuns } from './scripts.js';

export { splitSentences } from './sentences.js';
export { scriptOf, scriptAt, scriptRuns } from './scripts.js';

/** The article with `sentences` and `scripts` set. */
export function segmentArticle(doc: Article): Article {
  const sentences = splitSentences(doc.text);
  return { ...doc, sentences, scripts: scriptRuns(doc.text, sentences) };
}

export const segmentStage: Stage = { name: 'segment', run: segmentArticle };
