// A worker thread of the runner: loads the resources once (over the parts the main thread shares),
// then runs articles through the pipeline. The knowledge base loads at once, while the main
// thread is still reading the shared parts.
import type { InputItem } from '../ingest/index.js';
import { loadKnowledge, loadResources, type ResourceOptions, type SharedResources } from '../resources.js';
import { processArticle, type ArticleOptions } from './article.js';
import { serveTasks } from './worker-protocol.js';

export interface ArticleWorkerData {
  resources: ResourceOptions;
  /** The dictionary and the NER table in shared memory, read once by the main thread. */
  shared: SharedResources;
  article: ArticleOptions;
}

const knowledge = loadKnowledge();
knowledge.catch(() => {}); // a failure is reported by init, which awaits it

serveTasks(
  async (data) => {
    const { resources, shared, article } = data as ArticleWorkerData;
    return { res: await loadResources(resources, shared, knowledge), opts: article };
  },
  (state, item: InputItem) => processArticle(item, state.res, state.opts),
);
