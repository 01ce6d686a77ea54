// A reviewer's corrections and the gold they build. The review state of an article is its run's
// output line turned into gold (docs/gold.md) with every correction applied in order, so a saved
// correction log is the whole truth: undo drops one correction and replays the rest.
import { z } from 'zod';
import { linkDecision } from '../eval/score.js';
import { GOLD_SCHEMA_VERSION, NIL, sha256, validateGold, type GoldArticle } from '../eval/gold.js';
import { DateKindSchema, EntityTypeSchema, type EntityType, type OutputLine } from '../types.js';

const Offset = z.number().int().nonnegative();
const At = { start: Offset, end: Offset };
/** A KB id as models/kb writes them (person:lloyd-austin). */
const KbIdSchema = z.string().regex(/^(person|org|place|event|title):[a-z0-9][a-z0-9-]*$/);

/** One correction; entities and dates are named by their current span (spans never overlap). */
export const CorrectionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept'), ...At }),
  z.strictObject({ action: z.literal('reject'), ...At }),
  z.strictObject({ action: z.literal('retype'), ...At, type: EntityTypeSchema }),
  z.strictObject({ action: z.literal('resize'), ...At, newStart: Offset, newEnd: Offset }),
  z.strictObject({ action: z.literal('create'), ...At, type: EntityTypeSchema, link: z.union([KbIdSchema, z.literal(NIL)]).optional() }),
  z.strictObject({ action: z.literal('relink'), ...At, link: KbIdSchema }),
  z.strictObject({ action: z.literal('nil'), ...At }),
  z.strictObject({ action: z.literal('date'), ...At, kind: DateKindSchema, value: z.string().regex(/^[0-9A-Z:/.+-]{1,40}$/) }),
  z.strictObject({ action: z.literal('reviewed'), done: z.boolean() }),
]);
export type Correction = z.infer<typeof CorrectionSchema>;

/** Where a span of the review state stands: as the run gave it, accepted as is, or changed by a reviewer. */
export type SpanStatus = 'pending' | 'accepted' | 'corrected';

export interface ReviewEntity {
  start: number; end: number; text: string; type: EntityType; subtype: string | null;
  /** A KB id, "nil", or null for DT/TI/QT (the gold link decision). */
  link: string | null;
  /** Index of the run's entity this one comes from (its confidence and candidates), or null for a new span. */
  origin: number | null;
  status: SpanStatus;
}

export interface ReviewDate {
  start: number; end: number; text: string; kind: z.infer<typeof DateKindSchema>; value: string;
  origin: number | null;
  status: SpanStatus;
}

export interface ReviewState {
  id: string;
  source: string;
  published: string | null;
  text: string;
  entities: ReviewEntity[];
  dates: ReviewDate[];
  /** The reviewer marked the article done: it is exported as gold. */
  reviewed: boolean;
}

export class CorrectionError extends Error {}

const isLinkable = (t: EntityType) => t === 'PS' || t === 'OG' || t === 'LC';
const isTemporal = (t: EntityType) => t === 'DT' || t === 'TI';
const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start;

/** The run's line as gold-in-progress: every span pending, every PS/OG/LC with a link decision. */
export function initialState(line: OutputLine): ReviewState {
  return {
    id: line.id,
    source: line.source,
    published: line.published,
    text: line.text,
    entities: line.entities.map((e, i) => ({
      start: e.start, end: e.end, text: e.text, type: e.type, subtype: e.subtype,
      link: isLinkable(e.type) ? linkDecision(e) : null, origin: i, status: 'pending' as const,
    })).sort(byStart),
    dates: line.dates.map((d, i) => ({ start: d.start, end: d.end, text: d.text, kind: d.kind, value: d.value, origin: i, status: 'pending' as const })).sort(byStart),
    reviewed: false,
  };
}

/** The state after `c`; throws CorrectionError when `c` does not fit the state (no span there, bad offsets). */
export function applyCorrection(s: ReviewState, c: Correction): ReviewState {
  if (c.action === 'reviewed') return { ...s, reviewed: c.done };
  const checkRange = (start: number, end: number) => {
    if (!(start < end && end <= s.text.length)) throw new CorrectionError(`span ${start}-${end} is outside the text (length ${s.text.length})`);
    if (s.text.slice(start, end).trim() === '') throw new CorrectionError(`span ${start}-${end} is only whitespace`);
  };
  if (c.action === 'create') {
    checkRange(c.start, c.end);
    const kept = s.entities.filter((e) => e.end <= c.start || e.start >= c.end);
    const entity: ReviewEntity = {
      start: c.start, end: c.end, text: s.text.slice(c.start, c.end), type: c.type, subtype: null,
      link: isLinkable(c.type) ? (c.link ?? NIL) : null, origin: null, status: 'corrected',
    };
    return syncDate({ ...s, entities: [...kept, entity].sort(byStart) }, null, entity);
  }
  if (c.action === 'date') {
    checkRange(c.start, c.end);
    const others = s.dates.filter((d) => d.end <= c.start || d.start >= c.end);
    const old = s.dates.find((d) => d.start === c.start && d.end === c.end);
    const date: ReviewDate = { start: c.start, end: c.end, text: s.text.slice(c.start, c.end), kind: c.kind, value: c.value, origin: old?.origin ?? null, status: 'corrected' };
    return { ...s, dates: [...others, date].sort(byStart) };
  }
  const i = s.entities.findIndex((e) => e.start === c.start && e.end === c.end);
  if (i < 0) throw new CorrectionError(`no entity at ${c.start}-${c.end}`);
  const old = s.entities[i];
  const replace = (e: ReviewEntity) => syncDate({ ...s, entities: s.entities.map((x, j) => (j === i ? e : x)) }, old, e);
  switch (c.action) {
    case 'accept':
      return replace({ ...old, status: 'accepted' });
    case 'reject':
      return syncDate({ ...s, entities: s.entities.filter((_, j) => j !== i) }, old, null);
    case 'retype':
      return replace({ ...old, type: c.type, subtype: null, link: isLinkable(c.type) ? (old.link ?? NIL) : null, status: 'corrected' });
    case 'relink':
    case 'nil':
      if (!isLinkable(old.type)) throw new CorrectionError(`${old.type} "${old.text}" takes no link`);
      return replace({ ...old, link: c.action === 'nil' ? NIL : c.link, status: 'corrected' });
    case 'resize': {
      checkRange(c.newStart, c.newEnd);
      const moved: ReviewEntity = { ...old, start: c.newStart, end: c.newEnd, text: s.text.slice(c.newStart, c.newEnd), status: 'corrected' };
      // A span grown over its neighbours replaces them: the reviewer says this is the one mention.
      const kept = s.entities.filter((e, j) => j !== i && (e.end <= c.newStart || e.start >= c.newEnd));
      return syncDate({ ...s, entities: [...kept, moved].sort(byStart) }, old, moved);
    }
  }
}

/**
 * Keeps gold's rule that every DT/TI entity has a date with the same span: a date follows its
 * entity when it moves, goes when it goes, and a new DT/TI span gets one whose value is still unknown.
 */
function syncDate(s: ReviewState, before: ReviewEntity | null, after: ReviewEntity | null): ReviewState {
  let dates = s.dates;
  const prior = before && isTemporal(before.type) ? dates.find((d) => d.start === before.start && d.end === before.end) : undefined;
  if (prior) dates = dates.filter((d) => d !== prior);
  if (after && isTemporal(after.type)) {
    dates = dates.filter((d) => d.end <= after.start || d.start >= after.end);
    const kind = prior?.kind ?? (after.type === 'TI' ? 'time' : 'date');
    const moved = prior && (prior.start !== after.start || prior.end !== after.end);
    dates.push({ start: after.start, end: after.end, text: after.text, kind, value: prior?.value ?? 'XXXX-XX-XX', origin: prior?.origin ?? null, status: moved || !prior ? 'corrected' : prior.status });
    dates.sort(byStart);
  }
  return { ...s, dates };
}

/** The review state as a gold article (docs/gold.md); `problems` lists what validateGold finds. */
export function toGold(s: ReviewState): { gold: GoldArticle; problems: string[] } {
  const gold: GoldArticle = {
    gold: GOLD_SCHEMA_VERSION,
    id: s.id,
    source: s.source,
    published: s.published,
    text_sha256: sha256(s.text),
    text: s.text,
    entities: s.entities.map((e) => ({ start: e.start, end: e.end, text: e.text, type: e.type, ...(e.subtype ? { subtype: e.subtype } : {}), link: e.link })),
    dates: s.dates.map((d) => ({ start: d.start, end: d.end, text: d.text, kind: d.kind, value: d.value })),
  };
  return { gold, problems: validateGold(gold) };
}
