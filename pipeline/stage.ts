// A stage takes the article document and returns it enriched. Heavy resources are loaded once per
// worker (pipeline/resources.ts) and passed in, so a stage itself holds no state.
import type { Article } from './types.js';
import type { Resources } from './resources.js';

export interface Stage {
  readonly name: string;
  run(doc: Article, res: Resources): Article | Promise<Article>;
}
