// What the review page shows, read from the store: runs, a run's queue and overview, an article
// with its review state, the original source. The server answers with these; the static report
// (`hanlink report`) embeds the same objects, so both show one view.
import { existsSync } from 'node:fs';
import { decodeBytes } from '../ingest/decode.js';
import { ingest, type InputItem } from '../ingest/index.js';
import { diffArticle, type ArticleDiff } from '../eval/diff.js';
import { goldToOutputLine, NIL, sha256 } from '../eval/gold.js';
import { linkDecision } from '../eval/score.js';
import { parseResultLines } from '../eval/runs.js';
import { inOffice, loadKnowledgeBase, type KnowledgeBase } from '../link/kb.js';
import { Store, type RunInfo } from '../store/index.js';
import { CorrectionStore, type CorrectionRow, type ReviewKey } from '../store/corrections.js';
import { EntityTypeSchema, type OutputLine } from '../types.js';
import { applyCorrection, CorrectionError, CorrectionSchema, initialState, toGold, type Correction, type ReviewState } from './corrections.js';

/** Below this an entity or link counts as low-confidence in the queue. */
const LOW_CONFIDENCE = 0.6;
/** Confidence bands of the queue's filter: an article is in a band when one of its entities is. */
const BANDS = [{ name: 'low', below: 0.5 }, { name: 'mid', below: 0.8 }, { name: 'high', below: Infinity }] as const;

export interface Sources {
  store: Store;
  corrections: CorrectionStore;
  kb: KnowledgeBase;
}

export class NotFound extends Error {}

/** How sure the run is of an entity, link included: what review need and the bands go by. */
function sureness(e: OutputLine['entities'][number]): number {
  return Math.min(e.confidence, e.link ? e.link.confidence : 1);
}

function bandOf(c: number): string {
  return BANDS.find((b) => c < b.below)!.name;
}

interface QueueRow {
  seq: number;
  id: string;
  title: string | null;
  published: string | null;
  error: string | null;
  warnings: number;
  byType: Record<string, number>;
  lowEntities: number;
  lowLinks: number;
  nils: number;
  /** Review need: failures first, then low-confidence entities and links, NILs, warnings. */
  need: number;
  links: string[];
  bands: Record<string, number>;
  review: { corrections: number; reviewed: boolean; agrees: boolean | null } | null;
}

function queueRow(seq: number, line: OutputLine, review: QueueRow['review']): QueueRow {
  const byType = Object.fromEntries(EntityTypeSchema.options.map((t) => [t, 0]));
  const bands = Object.fromEntries(BANDS.map((b) => [b.name, 0]));
  let lowEntities = 0, lowLinks = 0, nils = 0;
  const links = new Set<string>();
  for (const e of line.entities) {
    byType[e.type]++;
    bands[bandOf(sureness(e))]++;
    if (e.confidence < LOW_CONFIDENCE) lowEntities++;
    if (e.link && e.link.confidence < LOW_CONFIDENCE) lowLinks++;
    if ((e.type === 'PS' || e.type === 'OG' || e.type === 'LC') && linkDecision(e) === NIL) nils++;
    if (e.link && linkDecision(e) !== NIL) links.add(e.link.id);
  }
  const need = (line.error ? 10 : 0) + 2 * lowEntities + 2 * lowLinks + nils + line.warnings.length;
  return {
    seq, id: line.id, title: line.title, published: line.published, error: line.error ? `${line.error.stage}: ${line.error.message}` : null,
    warnings: line.warnings.length, byType, lowEntities, lowLinks, nils, need, links: [...links].sort(), bands, review,
  };
}

export function runs(src: Sources): RunInfo[] {
  return src.store.runs();
}

function runOrThrow(src: Sources, runId: number): RunInfo {
  const run = src.store.run(runId);
  if (!run) throw new NotFound(`no run ${runId}`);
  return run;
}

/** A run's lines with their seq. */
function runLines(src: Sources, runId: number): { seq: number; line: OutputLine }[] {
  return src.store.seqLines(runId).map(({ seq, line }) => ({ seq, line: parseResultLines(line, `run:${runId} #${seq}`)[0] }));
}

function keyOf(src: Sources, runId: number, seq: number, line: OutputLine): ReviewKey {
  const article = src.store.resultArticle(runId, seq);
  if (!article) throw new NotFound(`run ${runId} has no article #${seq}`);
  return { articleHash: article.hash, textSha256: sha256(line.text) };
}

export interface Review {
  state: ReviewState;
  /** Corrections in order, each with whether it still applies (undone ones and ones that no longer fit do not). */
  log: (CorrectionRow & { applied: boolean; problem: string | null })[];
  /** The run whose line the corrections were made on. */
  baseRun: number;
  base: OutputLine;
}

/** The article's review: the line of the run it started on, with every correction in force replayed. */
export function review(src: Sources, key: ReviewKey, current: { runId: number; line: OutputLine }): Review {
  const rows = src.corrections.list(key);
  const baseRun = rows[0]?.runId ?? current.runId;
  const base = baseRun === current.runId ? current.line : lineOf(src, baseRun, key) ?? current.line;
  let state = initialState(base);
  const log = rows.map((row) => {
    if (row.undoneAt) return { ...row, applied: false, problem: null };
    try {
      state = applyCorrection(state, CorrectionSchema.parse(JSON.parse(row.correction)));
      return { ...row, applied: true, problem: null };
    } catch (err) {
      return { ...row, applied: false, problem: err instanceof Error ? err.message : String(err) };
    }
  });
  return { state, log, baseRun, base };
}

/** The line of run `runId` for the article of `key`, if that run has one. */
function lineOf(src: Sources, runId: number, key: ReviewKey): OutputLine | undefined {
  for (const { seq, line } of runLines(src, runId)) {
    if (sha256(line.text) === key.textSha256 && src.store.resultArticle(runId, seq)?.hash === key.articleHash) return line;
  }
  return undefined;
}

/** Whether a run agrees with a review as gold: the differences, as `hanlink diff` finds them. */
function agreement(state: ReviewState, line: OutputLine): ArticleDiff {
  return diffArticle(goldToOutputLine(toGold(state).gold), line);
}

const agrees = (d: ArticleDiff) =>
  d.gained.length + d.lost.length + d.retyped.length + d.relinked.length + d.dates.gained.length + d.dates.lost.length + d.dates.changed.length === 0 && !d.error;

export function queue(src: Sources, runId: number): { run: RunInfo; rows: QueueRow[] } {
  const run = runOrThrow(src, runId);
  const reviewed = new Set(src.corrections.keys().map((k) => `${k.articleHash} ${k.textSha256}`));
  const rows = runLines(src, runId).map(({ seq, line }) => {
    const key = keyOf(src, runId, seq, line);
    if (!reviewed.has(`${key.articleHash} ${key.textSha256}`)) return queueRow(seq, line, null);
    const r = review(src, key, { runId, line });
    return queueRow(seq, line, { corrections: r.log.filter((c) => c.applied).length, reviewed: r.state.reviewed, agrees: agrees(agreement(r.state, line)) });
  });
  return { run, rows };
}

export interface KbInfo {
  id: string;
  name: string;
  name_en: string;
  type: string;
  /** Offices held on the article's date ("?" marks a record whose dates leave it open). */
  offices: string[];
}

/** What the page shows about a KB id: names, and for a person the offices held on `day`. */
function kbInfo(kb: KnowledgeBase, id: string, day: string | null): KbInfo | null {
  const e = kb.get(id);
  if (!e) return null;
  const offices: string[] = [];
  if (e.type === 'person' && day) {
    for (const o of e.offices) {
      const held = inOffice(o, day);
      const title = kb.get(o.title);
      if (held === false || !title) continue;
      offices.push(`${title.name.ko} (${title.name.en})${o.acting ? ' acting' : ''}${held === null ? ' ?' : ''}`);
    }
  }
  return { id, name: e.name.ko, name_en: e.name.en, type: e.type, offices };
}

export interface ArticleView {
  run: RunInfo;
  seq: number;
  line: OutputLine;
  review: Review;
  /** How the viewed run differs from the review, when the article has corrections; null otherwise. */
  agreement: { agrees: boolean; diff: ArticleDiff } | null;
  kb: Record<string, KbInfo>;
  prev: number | null;
  next: number | null;
}

export function articleView(src: Sources, runId: number, seq: number): ArticleView {
  const run = runOrThrow(src, runId);
  const all = src.store.seqLines(runId);
  const at = all.findIndex((r) => r.seq === seq);
  if (at < 0) throw new NotFound(`run ${runId} has no article #${seq}`);
  const line = parseResultLines(all[at].line, `run:${runId} #${seq}`)[0];
  const key = keyOf(src, runId, seq, line);
  const r = review(src, key, { runId, line });
  const corrected = r.log.length > 0;
  const diff = corrected ? agreement(r.state, line) : null;
  const ids = new Set<string>();
  for (const l of [line, r.base]) for (const e of l.entities) for (const id of [e.link?.id, ...(e.link?.candidates ?? []).map((c) => c.id)]) if (id) ids.add(id);
  for (const e of r.state.entities) if (e.link && e.link !== NIL) ids.add(e.link);
  const kb: Record<string, KbInfo> = {};
  for (const id of ids) {
    const info = kbInfo(src.kb, id, line.published);
    if (info) kb[id] = info;
  }
  return {
    run, seq, line, review: r, agreement: diff && { agrees: agrees(diff), diff }, kb,
    prev: at > 0 ? all[at - 1].seq : null, next: at + 1 < all.length ? all[at + 1].seq : null,
  };
}

/** Records a correction made while looking at run `runId`; it must fit the current review state. */
export function correct(src: Sources, runId: number, seq: number, reviewer: string, c: Correction): void {
  const view = articleView(src, runId, seq);
  if ((c.action === 'relink' || (c.action === 'create' && c.link && c.link !== NIL)) && !src.kb.get(c.link!)) throw new CorrectionError(`${c.link} is not in the knowledge base`);
  applyCorrection(view.review.state, c); // throws when it does not fit
  src.corrections.add(keyOf(src, runId, seq, view.line), view.review.baseRun, reviewer, JSON.stringify(c));
}

export function undo(src: Sources, runId: number, seq: number, reviewer: string): number | null {
  const line = articleView(src, runId, seq).line;
  return src.corrections.undo(keyOf(src, runId, seq, line), reviewer);
}

export interface SourceView {
  source: string;
  kind: string;
  /** The input as read (decoded bytes, or a JSONL record as JSON). */
  original: string;
  /** What cleaning dropped, with the ranges of `original` where each piece was found. */
  removed: { reason: string; text: string; ranges: [number, number][] }[];
  note: string | null;
}

/** The original input behind a result and what cleaning removed from it (ingest is re-run on the stored input: it needs no resources). */
export function sourceView(src: Sources, runId: number, seq: number): SourceView {
  runOrThrow(src, runId);
  const a = src.store.resultArticle(runId, seq);
  if (!a) throw new NotFound(`run ${runId} has no article #${seq}`);
  const kind = a.kind as InputItem['kind'];
  const original = a.raw instanceof Uint8Array ? decodeBytes(a.raw).text : a.raw ?? '';
  const item: InputItem = a.raw instanceof Uint8Array ? { id: a.id, source: a.source, kind, bytes: a.raw } : { id: a.id, source: a.source, kind, record: JSON.parse(original || 'null') };
  try {
    const removed = ingest(item).removed.map((r) => ({ ...r, ranges: locate(original, r.text) }));
    return { source: a.source, kind: a.kind, original, removed, note: removed.length === 0 ? 'cleaning removed nothing' : null };
  } catch (err) {
    return { source: a.source, kind: a.kind, original, removed: [], note: `ingest fails on this input: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Where the lines of a removal occur in the original (an abbreviated removal is found by its kept head). */
function locate(original: string, removed: string): [number, number][] {
  const ranges: [number, number][] = [];
  let from = 0;
  for (const piece of removed.replace(/ … \[\d+ more chars\]$/, '').split('\n')) {
    const p = piece.trim();
    if (!p) continue;
    const at = original.indexOf(p, from);
    if (at < 0) continue;
    ranges.push([at, at + p.length]);
    from = at + p.length;
  }
  return ranges;
}

export interface Overview {
  byType: Record<string, number>;
  topLinked: { id: string; name_en: string; count: number }[];
  /** Ten equal-width bins over [0, 1]. */
  entityConfidence: number[];
  linkConfidence: number[];
}

export function overview(src: Sources, runId: number): Overview {
  runOrThrow(src, runId);
  const byType = Object.fromEntries(EntityTypeSchema.options.map((t) => [t, 0]));
  const linked = new Map<string, { name_en: string; count: number }>();
  const entityConfidence = new Array(10).fill(0), linkConfidence = new Array(10).fill(0);
  const bin = (c: number) => Math.min(9, Math.floor(c * 10));
  for (const { line } of runLines(src, runId)) {
    for (const e of line.entities) {
      byType[e.type]++;
      entityConfidence[bin(e.confidence)]++;
      if (!e.link) continue;
      linkConfidence[bin(e.link.confidence)]++;
      if (linkDecision(e) === NIL) continue;
      const seen = linked.get(e.link.id) ?? { name_en: e.link.name_en, count: 0 };
      seen.count++;
      linked.set(e.link.id, seen);
    }
  }
  const topLinked = [...linked].map(([id, v]) => ({ id, ...v })).sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1)).slice(0, 10);
  return { byType, topLinked, entityConfidence, linkConfidence };
}

/** KB search by any alias (names, aliases, romanizations): the relink picker's list. */
export function searchKb(src: Sources, query: string, day: string | null): KbInfo[] {
  return src.kb.find(query).slice(0, 20).map((e) => kbInfo(src.kb, e.id, day)!);
}

/** Gold of every article of the run marked reviewed, with what validateGold finds wrong in each. */
export function reviewedGold(src: Sources, runId: number): { id: string; seq: number; gold: ReturnType<typeof toGold> }[] {
  const keys = new Set(src.corrections.keys().map((k) => `${k.articleHash} ${k.textSha256}`));
  const out: { id: string; seq: number; gold: ReturnType<typeof toGold> }[] = [];
  for (const { seq, line } of runLines(src, runId)) {
    const key = keyOf(src, runId, seq, line);
    if (!keys.has(`${key.articleHash} ${key.textSha256}`)) continue;
    const r = review(src, key, { runId, line });
    if (r.state.reviewed) out.push({ id: line.id, seq, gold: toGold(r.state) });
  }
  return out;
}

/** Opens an existing store for review; a missing file is an error, not a new empty store. */
export async function openSources(dbPath: string): Promise<Sources & { close(): void }> {
  if (!existsSync(dbPath)) throw new NotFound(`no store at ${dbPath}: run \`hanlink process --db ${dbPath}\` first`);
  const store = Store.open(dbPath);
  const corrections = new CorrectionStore(dbPath);
  const kb = await loadKnowledgeBase();
  return { store, corrections, kb, close: () => { corrections.close(); store.close(); } };
}
