// Scorers for hanlink's output against gold: entities (strict and partial overlap, per type),
// links (accuracy, NIL precision/recall, KB-link P/R/F1), date values, and the calibration of
// entity and link confidences. Pure functions of (gold, predicted lines); counts are summed over
// articles (micro averages).
import type { EntityType, OutputLine } from '../types.js';
import { calibration, type Calibration } from './calibration.js';
import { NIL, type GoldArticle } from './gold.js';
import { prf, type Counts, type PRF } from './metrics.js';

export const ENTITY_TYPES: readonly EntityType[] = ['PS', 'OG', 'LC', 'DT', 'TI', 'QT'];

const add = (a: Counts, b: Counts): Counts => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn });
const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

interface Spanned { start: number; end: number }
const overlaps = (a: Spanned, b: Spanned) => a.start < b.end && b.start < a.end;
const spanKey = (s: Spanned) => `${s.start}:${s.end}`;

/** Exact span and type; each gold entity matches one prediction, so a duplicate prediction is a false positive. */
export function strictCounts(gold: readonly (Spanned & { type: string })[], pred: readonly (Spanned & { type: string })[]): Counts {
  const unmatched = new Map<string, number>();
  for (const g of gold) unmatched.set(`${spanKey(g)}:${g.type}`, (unmatched.get(`${spanKey(g)}:${g.type}`) ?? 0) + 1);
  let tp = 0;
  for (const p of pred) {
    const k = `${spanKey(p)}:${p.type}`;
    const left = unmatched.get(k) ?? 0;
    if (left > 0) { unmatched.set(k, left - 1); tp++; }
  }
  return { tp, fp: pred.length - tp, fn: gold.length - tp };
}

/** Same type and overlapping spans, each gold entity matched at most once (predictions in text order). */
export function partialCounts(gold: readonly (Spanned & { type: string })[], pred: readonly (Spanned & { type: string })[]): Counts {
  const used = new Set<number>();
  let tp = 0;
  for (const p of [...pred].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const i = gold.findIndex((g, j) => !used.has(j) && g.type === p.type && overlaps(g, p));
    if (i >= 0) { used.add(i); tp++; }
  }
  return { tp, fp: pred.length - tp, fn: gold.length - tp };
}

export interface EntityScores { strict: PRF; partial: PRF; byType: Record<EntityType, { strict: PRF; partial: PRF }> }

export function scoreEntities(pairs: readonly ArticlePair[]): EntityScores {
  let strict = zero(), partial = zero();
  const byType = Object.fromEntries(ENTITY_TYPES.map((t) => [t, { strict: zero(), partial: zero() }])) as Record<EntityType, { strict: Counts; partial: Counts }>;
  for (const { gold, pred } of pairs) {
    const p = pred?.entities ?? [];
    strict = add(strict, strictCounts(gold.entities, p));
    partial = add(partial, partialCounts(gold.entities, p));
    for (const t of ENTITY_TYPES) {
      const g = gold.entities.filter((e) => e.type === t);
      const q = p.filter((e) => e.type === t);
      byType[t].strict = add(byType[t].strict, strictCounts(g, q));
      byType[t].partial = add(byType[t].partial, partialCounts(g, q));
    }
  }
  return {
    strict: prf(strict),
    partial: prf(partial),
    byType: Object.fromEntries(ENTITY_TYPES.map((t) => [t, { strict: prf(byType[t].strict), partial: prf(byType[t].partial) }])) as EntityScores['byType'],
  };
}

type PredEntity = OutputLine['entities'][number];

/** A predicted link read as a decision: a KB id, or NIL when unlinked or linked to a "nil:..." id. */
export function linkDecision(e: Pick<PredEntity, 'link'>): string {
  const id = e.link?.id;
  return !id || id === NIL || id.startsWith(`${NIL}:`) ? NIL : id;
}

export interface LinkScores {
  /** Gold entities that carry a link decision (PS/OG/LC). */
  gold: number;
  /** Of those, how many a prediction found with the exact span (type not required). */
  found: number;
  /** Right link among the found ones. */
  correct: number;
  /** correct / found: linking quality given the right span. */
  accuracy: number;
  /** correct / gold: end to end, missed spans count as wrong. */
  endToEnd: number;
  /** NIL decisions on found spans. */
  nil: PRF;
  /** (span, KB id) pairs, predicted vs gold, over all predictions: the end-to-end linking score. */
  kb: PRF;
  /** The same counts per gold type: people, organizations and places link very differently. */
  byType: Record<LinkedType, LinkAccuracy>;
}

export const LINKED_TYPES = ['PS', 'OG', 'LC'] as const;
export type LinkedType = (typeof LINKED_TYPES)[number];
export interface LinkAccuracy { gold: number; found: number; correct: number; accuracy: number; endToEnd: number }
const linkAccuracy = (gold: number, found: number, correct: number): LinkAccuracy =>
  ({ gold, found, correct, accuracy: found === 0 ? 0 : correct / found, endToEnd: gold === 0 ? 0 : correct / gold });

export function scoreLinks(pairs: readonly ArticlePair[]): LinkScores {
  const count = (): Record<LinkedType, [number, number, number]> => ({ PS: [0, 0, 0], OG: [0, 0, 0], LC: [0, 0, 0] });
  const byType = count();
  let nil = zero(), kb = zero();
  for (const { gold: g, pred } of pairs) {
    const predBySpan = new Map((pred?.entities ?? []).map((e) => [spanKey(e), e]));
    for (const e of g.entities) {
      if (e.link === null) continue;
      // [gold, found, correct] of the gold entity's type; other types never carry a link decision.
      const c = byType[e.type as LinkedType] ?? [0, 0, 0];
      c[0]++;
      const p = predBySpan.get(spanKey(e));
      if (!p) continue;
      c[1]++;
      const decided = linkDecision(p);
      if (decided === e.link) c[2]++;
      const goldNil = e.link === NIL, predNil = decided === NIL;
      nil = add(nil, { tp: goldNil && predNil ? 1 : 0, fp: !goldNil && predNil ? 1 : 0, fn: goldNil && !predNil ? 1 : 0 });
    }
    const goldPairs = new Set(g.entities.filter((e) => e.link !== null && e.link !== NIL).map((e) => `${spanKey(e)}=${e.link}`));
    const predPairs = new Set((pred?.entities ?? []).filter((e) => linkDecision(e) !== NIL).map((e) => `${spanKey(e)}=${linkDecision(e)}`));
    let tp = 0;
    for (const k of predPairs) if (goldPairs.has(k)) tp++;
    kb = add(kb, { tp, fp: predPairs.size - tp, fn: goldPairs.size - tp });
  }
  const total = LINKED_TYPES.reduce((t, k) => t.map((x, i) => x + byType[k][i]), [0, 0, 0]);
  return {
    ...linkAccuracy(total[0], total[1], total[2]),
    nil: prf(nil),
    kb: prf(kb),
    byType: Object.fromEntries(LINKED_TYPES.map((t) => [t, linkAccuracy(...byType[t])])) as Record<LinkedType, LinkAccuracy>,
  };
}

/**
 * References (title and group phrases resolved to people) as (span, KB id) pairs, over the articles
 * whose gold annotates references; a NIL member of a predicted group is left out, as in `kb`.
 */
export function scoreReferences(pairs: readonly ArticlePair[]): PRF & { articles: number } {
  let counts = zero(), articles = 0;
  for (const { gold: g, pred } of pairs) {
    if (!g.references) continue;
    articles++;
    const goldPairs = new Set(g.references.flatMap((r) => r.links.map((id) => `${spanKey(r)}=${id}`)));
    const predPairs = new Set((pred?.references ?? []).flatMap((r) => r.links.filter((l) => linkDecision({ link: l }) !== NIL).map((l) => `${spanKey(r)}=${l.id}`)));
    let tp = 0;
    for (const k of predPairs) if (goldPairs.has(k)) tp++;
    counts = add(counts, { tp, fp: predPairs.size - tp, fn: goldPairs.size - tp });
  }
  return { ...prf(counts), articles };
}

export interface DateScores {
  /** Exact span. */
  span: PRF;
  /** Exact span and equal value: the end-to-end temporal score. */
  value: PRF;
  /** Equal value among the exactly matched spans. */
  valueAccuracy: number;
}

export function scoreDates(pairs: readonly ArticlePair[]): DateScores {
  let span = zero(), value = zero();
  let matched = 0, right = 0;
  for (const { gold: g, pred } of pairs) {
    const p = pred?.dates ?? [];
    span = add(span, strictCounts(g.dates.map((d) => ({ ...d, type: '' })), p.map((d) => ({ ...d, type: '' }))));
    value = add(value, strictCounts(g.dates.map((d) => ({ ...d, type: d.value })), p.map((d) => ({ ...d, type: d.value }))));
    const goldBySpan = new Map(g.dates.map((d) => [spanKey(d), d.value]));
    for (const d of p) {
      const v = goldBySpan.get(spanKey(d));
      if (v === undefined) continue;
      matched++;
      if (v === d.value) right++;
    }
  }
  return { span: prf(span), value: prf(value), valueAccuracy: matched === 0 ? 0 : right / matched };
}

/** Entity confidence is right when span and type match gold; link confidence when the link matches on a gold span. */
export function calibrationPoints(pairs: readonly ArticlePair[]): { entity: { confidence: number; correct: boolean }[]; link: { confidence: number; correct: boolean }[] } {
  const entity: { confidence: number; correct: boolean }[] = [];
  const link: { confidence: number; correct: boolean }[] = [];
  for (const { gold, pred } of pairs) {
    const goldTyped = new Set(gold.entities.map((e) => `${spanKey(e)}:${e.type}`));
    const goldLink = new Map(gold.entities.filter((e) => e.link !== null).map((e) => [spanKey(e), e.link as string]));
    for (const p of pred?.entities ?? []) {
      entity.push({ confidence: p.confidence, correct: goldTyped.has(`${spanKey(p)}:${p.type}`) });
      const g = goldLink.get(spanKey(p));
      if (p.link && g !== undefined) link.push({ confidence: p.link.confidence, correct: linkDecision(p) === g });
    }
  }
  return { entity, link };
}

/** A gold article and the prediction for it (undefined when the run lacks the article). */
export interface ArticlePair { gold: GoldArticle; pred: OutputLine | undefined }

export function pairUp(gold: readonly GoldArticle[], pred: readonly OutputLine[]): ArticlePair[] {
  const byId = new Map(pred.map((p) => [p.id, p]));
  return gold.map((g) => ({ gold: g, pred: byId.get(g.id) }));
}

export interface EvalReport {
  articles: number;
  /** Entity scores of the output as it stood after each stage (when the run recorded them). */
  stages: { stage: string; ner: EntityScores }[];
  /** Articles the run lacks or failed on. */
  missing: string[];
  failed: { id: string; stage: string; message: string }[];
  ner: EntityScores;
  dates: DateScores;
  link: LinkScores;
  /** Title and group references, (span, id) pairs. */
  references: PRF & { articles: number };
  calibration: { entity: Calibration; link: Calibration };
}

export function evaluate(gold: readonly GoldArticle[], pred: readonly OutputLine[], afterStage: readonly { stage: string; lines: readonly OutputLine[] }[] = []): EvalReport {
  const pairs = pairUp(gold, pred);
  const points = calibrationPoints(pairs);
  return {
    articles: gold.length,
    stages: afterStage.map(({ stage, lines }) => ({ stage, ner: scoreEntities(pairUp(gold, lines)) })),
    missing: pairs.filter((p) => !p.pred).map((p) => p.gold.id),
    failed: pairs.flatMap((p) => (p.pred?.error ? [{ id: p.gold.id, ...p.pred.error }] : [])),
    ner: scoreEntities(pairs),
    dates: scoreDates(pairs),
    link: scoreLinks(pairs),
    references: scoreReferences(pairs),
    calibration: { entity: calibration(points.entity), link: calibration(points.link) },
  };
}

/** The report as flat named numbers: what the baseline stores and the gate compares. */
export function flattenMetrics(r: EvalReport): Record<string, number> {
  const m: Record<string, number> = {
    'ner.strict.f1': r.ner.strict.f1,
    'ner.strict.precision': r.ner.strict.precision,
    'ner.strict.recall': r.ner.strict.recall,
    'ner.partial.f1': r.ner.partial.f1,
  };
  for (const t of ENTITY_TYPES) {
    const s = r.ner.byType[t];
    if (s.strict.tp + s.strict.fn === 0) continue; // no gold of this type: nothing to gate on
    m[`ner.strict.${t}.f1`] = s.strict.f1;
    m[`ner.partial.${t}.f1`] = s.partial.f1;
  }
  m['link.accuracy'] = r.link.accuracy;
  m['link.end_to_end'] = r.link.endToEnd;
  m['link.kb.f1'] = r.link.kb.f1;
  for (const t of LINKED_TYPES) {
    const a = r.link.byType[t];
    if (a.gold === 0) continue;
    m[`link.${t}.accuracy`] = a.accuracy;
    m[`link.${t}.end_to_end`] = a.endToEnd;
  }
  m['link.nil.precision'] = r.link.nil.precision;
  m['link.nil.recall'] = r.link.nil.recall;
  if (r.references.articles > 0) {
    m['link.references.precision'] = r.references.precision;
    m['link.references.recall'] = r.references.recall;
    m['link.references.f1'] = r.references.f1;
  }
  m['dates.span.f1'] = r.dates.span.f1;
  m['dates.value.f1'] = r.dates.value.f1;
  m['dates.value_accuracy'] = r.dates.valueAccuracy;
  m['calibration.entity.ece'] = r.calibration.entity.ece;
  m['calibration.link.ece'] = r.calibration.link.ece;
  return m;
}

/** Metrics where lower is better (everything else: higher is better). */
export const lowerIsBetter = (name: string) => name.startsWith('calibration.');
