// A worker thread of the runner: loads the resources once, then runs articles through the pipeline.
import type { InputItem } from '../ingest/index.js';
import { loadResources, type ResourceOptions } from '../index.js';
import { processArticle, type ArticleOptions } from './article.js';
import { serveTasks } from './worker-protocol.js';

export interface ArticleWorkerData {
  resources: ResourceOptions;
  article: ArticleOptions;
}

serveTasks(
  async (data) => ({ res: await loadResources((data as ArticleWorkerData).resources), opts: (data as ArticleWorkerData).article }),
  (state, item: InputItem) => processArticle(item, state.res, state.opts),
);
