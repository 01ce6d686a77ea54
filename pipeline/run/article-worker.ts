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
  async (data) => {
    const { resources, article } = data as ArticleWorkerData;
    return { res: await loadResources(resources), opts: article };
  },
  (state, item: InputItem) => processArticle(item, state.res, state.opts),
);
