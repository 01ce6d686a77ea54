// One article through the whole pipeline, as the runner needs it: the serialized output line plus
// what the store and the summary want from it, and the time each stage took.
import type { InputItem } from '../ingest/index.js';
import { processDocument, STAGES, type Resources } from '../index.js';
import type { Stage } from '../stage.js';
import { emptyArticle, StageError, toOutputLine, type Article, type ArticleError, type EntityType, type OutputLine, type Removal, type Span } from '../types.js';

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

/** The error stage of an article that ran past its time budget. */
export const BUDGET_STAGE = 'budget';

/**
 * One article through the pipeline. With `budgetMs`, the article fails (stage "budget") once a stage
 * ends past it: in-process, that is as close as the budget gets (a worker is stopped on time by the pool).
 */
export async function processArticle(item: InputItem, res: Resources, opts: ArticleOptions, budgetMs?: number): Promise<ArticleOutcome> {
  const timings: Record<string, number> = { ingest: 0 }; // ingest first, as it runs
  const t0 = performance.now();
  const deadline = budgetMs === undefined ? Infinity : t0 + budgetMs;
  const doc = onCodePoints(await processDocument(item, res, STAGES.map((stage) => timed(stage, timings, deadline))));
  // Ingest is what the whole took beyond the timed stages.
  const staged = Object.values(timings).reduce((a, b) => a + b, 0); // ingest is still 0 here
  timings.ingest = performance.now() - t0 - staged;
  return outcome(toOutputLine(doc), doc.removed, opts, timings);
}

/**
 * The last guard of the contract's offsets: a span with an end inside a surrogate pair (half a
 * character) is dropped, with a warning. Stages emit none that we know of; this keeps one that
 * slips through from reaching the output.
 */
export function onCodePoints(doc: Article): Article {
  const splits = (i: number) => i > 0 && i < doc.text.length && /[\uD800-\uDBFF]/.test(doc.text[i - 1]) && /[\uDC00-\uDFFF]/.test(doc.text[i]);
  const whole = (s: Span) => !splits(s.start) && !splits(s.end);
  const entities = doc.entities.filter(whole);
  const dates = doc.dates.filter(whole);
  const references = doc.references.filter(whole);
  const dropped = doc.entities.length + doc.dates.length + doc.references.length - entities.length - dates.length - references.length;
  if (dropped === 0) return doc;
  const warning = `${dropped} span(s) dropped: an offset fell inside a surrogate pair`;
  return { ...doc, entities, dates, references, warnings: [...doc.warnings, warning] };
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

/** The same stage, adding its running time to `timings`, and failing the article once it ends past `deadline`. */
function timed(stage: Stage, timings: Record<string, number>, deadline: number): Stage {
  return {
    name: stage.name,
    async run(doc, res) {
      const t = performance.now();
      let out;
      try {
        out = await stage.run(doc, res);
      } finally {
        timings[stage.name] = (timings[stage.name] ?? 0) + performance.now() - t;
      }
      // Checked after a stage that succeeded: a stage's own error is the better reason.
      const now = performance.now();
      if (now > deadline) throw new StageError(doc.id, BUDGET_STAGE, `over the time budget (${stage.name} ended ${((now - deadline) / 1000).toFixed(1)} s past it)`);
      return out;
    },
  };
}
