// One article through the whole pipeline, as the runner needs it: the serialized output line plus
// what the store and the summary want from it, and the time each stage took.
import type { InputItem } from '../ingest/index.js';
import { processDocument, STAGES, type Resources } from '../index.js';
import type { Stage } from '../stage.js';
import { emptyArticle, toOutputLine, type ArticleError, type EntityType, type OutputLine, type Removal } from '../types.js';

export interface ArticleOptions {
  /** Add the removals (what cleaning dropped, and why) as an extra last field `removed` on the line. */
  explainRemovals: boolean;
}

/** Counts for the end-of-run summary. */
export interface LineStats {
  entities: Partial<Record<EntityType, number>>;
  links: number;
  dates: number;
  /** Length of the cleaned text (UTF-16 code units). */
  chars: number;
}

export interface ArticleOutcome {
  /** The output line, serialized, without the newline. */
  line: string;
  text: string;
  published: string | null;
  error: ArticleError | null;
  stats: LineStats;
  /** Milliseconds per stage ("ingest" first); empty for a reused line. */
  timings: Record<string, number>;
}

export async function processArticle(item: InputItem, res: Resources, opts: ArticleOptions): Promise<ArticleOutcome> {
  const timings: Record<string, number> = { ingest: 0 }; // ingest first, as it runs
  const t0 = performance.now();
  const doc = await processDocument(item, res, STAGES.map((stage) => timed(stage, timings)));
  // Ingest is what the whole took beyond the timed stages.
  const staged = Object.values(timings).reduce((a, b) => a + b, 0); // ingest is still 0 here
  timings.ingest = performance.now() - t0 - staged;
  return outcome(toOutputLine(doc), doc.removed, opts, timings);
}

/** The line of an article that never got through the pipeline (its worker died under it). */
export function failedOutcome(item: InputItem, error: ArticleError, opts: ArticleOptions): ArticleOutcome {
  const line = toOutputLine({ ...emptyArticle({ id: item.id, source: item.source, text: '' }), error });
  return outcome(line, [], opts, {});
}

/** The outcome of a stored line reused as it is. */
export function reusedOutcome(serialized: string): ArticleOutcome {
  return described(serialized, JSON.parse(serialized) as OutputLine, {});
}

function outcome(line: OutputLine, removed: Removal[], opts: ArticleOptions, timings: Record<string, number>): ArticleOutcome {
  // `removed` goes last so that the contract's fields keep their order and place.
  return described(JSON.stringify(opts.explainRemovals ? { ...line, removed } : line), line, timings);
}

function described(serialized: string, line: OutputLine, timings: Record<string, number>): ArticleOutcome {
  return { line: serialized, text: line.text, published: line.published, error: line.error, stats: lineStats(line), timings };
}

function lineStats(line: OutputLine): LineStats {
  const entities: Partial<Record<EntityType, number>> = {};
  let links = 0;
  for (const e of line.entities) {
    entities[e.type] = (entities[e.type] ?? 0) + 1;
    if (e.link) links++;
  }
  return { entities, links, dates: line.dates.length, chars: line.text.length };
}

/** The same stage, adding its running time to `timings` (behaviour unchanged). */
function timed(stage: Stage, timings: Record<string, number>): Stage {
  return {
    name: stage.name,
    async run(doc, res) {
      const t = performance.now();
      try {
        return await stage.run(doc, res);
      } finally {
        timings[stage.name] = (timings[stage.name] ?? 0) + performance.now() - t;
      }
    },
  };
}
