// A worker thread of the runner: loads the resources once (over the parts the main thread shares),
// then runs articles through the pipeline.
import type { InputItem } from '../ingest/index.js';
import { loadResources, type ResourceOptions, type SharedResources } from '../index.js';
import { processArticle, type ArticleOptions } from './article.js';
import { serveTasks } from './worker-protocol.js';

export interface ArticleWorkerData {
  resources: ResourceOptions;
  /** The dictionary and the NER table in shared memory, read once by the main thread. */
  shared: SharedResources;
  article: ArticleOptions;
}

serveTasks(
  async (data) => {
    const { resources, shared, article } = data as ArticleWorkerData;
    return { res: await loadResources(resources, shared), opts: article };
  },
  (state, item: InputItem) => processArticle(item, state.res, state.opts),
);
