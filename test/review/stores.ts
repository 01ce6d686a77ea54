// Stores for the review tests: one written by hand (small, with hostile article text), and one
// written by the real pipeline over the seeds.
import { join } from 'node:path';
import { request } from 'node:http';
import { runProcess } from '../../pipeline/cli/process.js';
import { packageRoot } from '../../pipeline/run/package.js';
import { Store } from '../../pipeline/store/index.js';
import { emptyArticle, toOutputLine, type Entity } from '../../pipeline/types.js';

/** Text that would run script if it were ever rendered as HTML. */
export const HOSTILE = '국방부 <script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> 발표';

/** A store with one run of one article whose text is HOSTILE and whose `source` names a real file (/etc/hostname). */
export function handMadeStore(path: string): void {
  const store = Store.open(path);
  const run = store.beginRun({ code: 'test', model: 'test' }, { explainRemovals: false });
  const entity: Entity = { start: 0, end: 3, text: '국방부', type: 'OG', subtype: null, confidence: 0.55, source: 'kb',
    link: { id: 'org:kr-mnd', name: '국방부', name_en: 'Ministry of National Defense', confidence: 0.4, candidates: [{ id: 'org:kr-mnd', score: 0.4 }] } };
  const doc = emptyArticle({ id: 'hostile', source: '/etc/hostname', text: HOSTILE, entities: [entity], published: '2024-10-30' });
  store.recordResult(run, {
    seq: 0,
    article: { hash: 'h-hostile', id: 'hostile', source: '/etc/hostname', kind: 'txt', raw: new TextEncoder().encode(HOSTILE), cleaned: HOSTILE, published: '2024-10-30' },
    line: JSON.stringify(toOutputLine(doc)),
    reused: false,
    error: null,
  });
  store.finishRun(run, 'done');
  store.close();
}

/** Runs the pipeline over the seeds into `db` (in-process); resolves to the run id. */
export async function seedStore(db: string, dir: string): Promise<number> {
  const { runId } = await runProcess({ inputs: [join(packageRoot(), 'seeds')], out: join(dir, 'seeds.jsonl'), db, workers: 0, force: false, explainRemovals: false, progress: false });
  return runId;
}

export interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** A raw HTTP request (node:http, so that Host and Origin are sent exactly as given). */
export function call(url: string, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
