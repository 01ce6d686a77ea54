// Gold fixtures (docs/gold.md): one JSON file per article with its own copy of the cleaned text, so
// that gold stays valid when the cleaner changes; spans index that copy.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DateKindSchema, EntityTypeSchema, ReferenceSchema, SpanSchema, type OutputLine } from '../types.js';

const ReferenceKindSchema = ReferenceSchema.shape.kind;

export const GOLD_SCHEMA_VERSION = 1 as const;

/** A link decision: a knowledge-base id, "nil" (the KB lacks the entity), or null (not judged: DT/TI/QT). */
export const GoldLinkSchema = z.string().min(1).nullable();

export const GoldEntitySchema = SpanSchema.extend({
  text: z.string().min(1),
  type: EntityTypeSchema,
  subtype: z.string().nullable().optional(),
  link: GoldLinkSchema,
});
export type GoldEntity = z.infer<typeof GoldEntitySchema>;

export const GoldDateSchema = SpanSchema.extend({
  text: z.string().min(1),
  kind: DateKindSchema,
  value: z.string().min(1),
});
export type GoldDate = z.infer<typeof GoldDateSchema>;

/**
 * A title or group phrase that refers to specific people ("양 장관", "3국 차관", "미 국방장관"): the
 * KB ids it stands for. KLUE annotates no entity there; the output carries these as `references`.
 */
export const GoldReferenceSchema = SpanSchema.extend({
  text: z.string().min(1),
  kind: ReferenceKindSchema,
  links: z.array(z.string().min(1)).min(1),
});
export type GoldReference = z.infer<typeof GoldReferenceSchema>;

export const GoldArticleSchema = z.object({
  gold: z.literal(GOLD_SCHEMA_VERSION),
  id: z.string().min(1),
  source: z.string(),
  published: z.string().nullable(),
  text_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  text: z.string(),
  entities: z.array(GoldEntitySchema),
  dates: z.array(GoldDateSchema),
  /** Absent: the article's references were not annotated (reference scores leave it out); [] means none. */
  references: z.array(GoldReferenceSchema).optional(),
});
export type GoldArticle = z.infer<typeof GoldArticleSchema>;

export const NIL = 'nil';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Everything wrong with a gold article, as readable lines; empty when it is valid. */
export function validateGold(g: GoldArticle): string[] {
  const problems: string[] = [];
  if (sha256(g.text) !== g.text_sha256) problems.push(`${g.id}: text_sha256 does not match the text`);
  const checkSpan = (what: string, s: { start: number; end: number; text: string }, i: number) => {
    if (s.end <= s.start || s.end > g.text.length) problems.push(`${g.id}: ${what}[${i}] span ${s.start}-${s.end} is out of range`);
    else if (g.text.slice(s.start, s.end) !== s.text)
      problems.push(`${g.id}: ${what}[${i}] text ${JSON.stringify(s.text)} != text.slice(${s.start}, ${s.end}) ${JSON.stringify(g.text.slice(s.start, s.end))}`);
  };
  g.entities.forEach((e, i) => {
    checkSpan('entities', e, i);
    const linkable = e.type === 'PS' || e.type === 'OG' || e.type === 'LC';
    if (linkable && e.link === null) problems.push(`${g.id}: entities[${i}] ${e.type} ${JSON.stringify(e.text)} needs a link (KB id or "nil")`);
    if (!linkable && e.link !== null) problems.push(`${g.id}: entities[${i}] ${e.type} ${JSON.stringify(e.text)} cannot carry a link`);
    const prev = g.entities[i - 1];
    if (prev && e.start < prev.end) problems.push(`${g.id}: entities[${i}] ${JSON.stringify(e.text)} overlaps or precedes the previous entity (keep them sorted, disjoint)`);
  });
  g.dates.forEach((d, i) => {
    checkSpan('dates', d, i);
    const prev = g.dates[i - 1];
    if (prev && d.start < prev.end) problems.push(`${g.id}: dates[${i}] ${JSON.stringify(d.text)} overlaps or precedes the previous date`);
  });
  (g.references ?? []).forEach((r, i) => {
    checkSpan('references', r, i);
    const prev = g.references![i - 1];
    if (prev && r.start < prev.end) problems.push(`${g.id}: references[${i}] ${JSON.stringify(r.text)} overlaps or precedes the previous reference`);
    if (new Set(r.links).size !== r.links.length) problems.push(`${g.id}: references[${i}] ${JSON.stringify(r.text)} lists an id twice`);
    if (r.links.some((id) => id === NIL || id.startsWith(`${NIL}:`))) problems.push(`${g.id}: references[${i}] ${JSON.stringify(r.text)} links KB ids only (a reference to no KB person is not annotated)`);
  });
  return problems;
}

/** Parses and validates one gold file; throws with every problem listed. */
export function parseGold(json: unknown, where: string): GoldArticle {
  const parsed = GoldArticleSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${where}: not a gold article: ${z.prettifyError(parsed.error)}`);
  const problems = validateGold(parsed.data);
  if (problems.length > 0) throw new Error(`${where}: invalid gold:\n  ${problems.join('\n  ')}`);
  return parsed.data;
}

/** The gold files named by PATHS (files or folders; folders give their *.json, not recursively), sorted by id. */
export function goldFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) files.push(...readdirSync(p).filter((f) => f.endsWith('.json')).sort().map((f) => join(p, f)));
    else files.push(p);
  }
  return files;
}

export function loadGold(paths: readonly string[]): GoldArticle[] {
  const articles = goldFiles(paths).map((f) => parseGold(JSON.parse(readFileSync(f, 'utf8')), f));
  return articles.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Gold as an output line (confidence 1), so that gold can be diffed against a run like any other run. */
export function goldToOutputLine(g: GoldArticle): OutputLine {
  return {
    schema: 1,
    id: g.id,
    source: g.source,
    published: g.published,
    published_from: g.published ? 'input' : 'none',
    title: null,
    text: g.text,
    entities: g.entities.map((e) => ({
      start: e.start,
      end: e.end,
      text: e.text,
      type: e.type,
      subtype: e.subtype ?? null,
      confidence: 1,
      link: e.link === null ? null : { id: e.link, name: e.text, name_en: '', confidence: 1, candidates: [] },
    })),
    dates: g.dates.map((d) => ({ ...d, confidence: 1 })),
    references: (g.references ?? []).map((r) => ({
      start: r.start, end: r.end, text: r.text, kind: r.kind,
      links: r.links.map((id) => ({ id, name: r.text, name_en: '', confidence: 1, candidates: [] })),
    })),
    warnings: [],
    error: null,
  };
}

/** Serializes gold with a stable key order and one entity per line, so that reviews diff cleanly. */
export function formatGold(g: GoldArticle): string {
  const line = (o: unknown) => `    ${JSON.stringify(o)}`;
  const head = { gold: g.gold, id: g.id, source: g.source, published: g.published, text_sha256: g.text_sha256, text: g.text };
  const headJson = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  const list = (items: unknown[]) => (items.length === 0 ? '[]' : `[\n${items.map(line).join(',\n')}\n  ]`);
  const entities = g.entities.map((e) => ({ start: e.start, end: e.end, text: e.text, type: e.type, ...(e.subtype ? { subtype: e.subtype } : {}), link: e.link }));
  const dates = g.dates.map((d) => ({ start: d.start, end: d.end, text: d.text, kind: d.kind, value: d.value }));
  const references = g.references?.map((r) => ({ start: r.start, end: r.end, text: r.text, kind: r.kind, links: r.links }));
  return `${headJson},\n  "entities": ${list(entities)},\n  "dates": ${list(dates)}${references ? `,\n  "references": ${list(references)}` : ''}\n}\n`;
}
