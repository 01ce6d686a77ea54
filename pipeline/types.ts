// The shared types of hanlink: the article document that flows through the stages, its spans,
// entities, links and dates, and the output line of ../shared/CONTRACT.md (schema 1).
// Every offset is a JavaScript string index (UTF-16 code unit) into `Article.text`, end exclusive.
import { z } from 'zod';

export const SCHEMA_VERSION = 1 as const;

export const SpanSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });
export type Span = z.infer<typeof SpanSchema>;

export const ScriptSchema = z.enum(['hangul', 'latin', 'han', 'kana', 'digit', 'other']);
export type Script = z.infer<typeof ScriptSchema>;

/** A maximal run of one script (whitespace and punctuation are left out of runs). */
export const ScriptRunSchema = SpanSchema.extend({ script: ScriptSchema });
export type ScriptRun = z.infer<typeof ScriptRunSchema>;

/** What cleaning dropped from the raw input, and why (shown with `--explain-removals`). */
export const RemovalSchema = z.object({
  reason: z.string(), // e.g. "front-matter", "html:script", "boilerplate:menu", "duplicate-paragraph"
  text: z.string(),   // the removed text (raw, possibly abbreviated for very long removals)
});
export type Removal = z.infer<typeof RemovalSchema>;

export const TokenSchema = SpanSchema.extend({
  surface: z.string(),
  /** Part of speech as the tokenizer gives it: mecab-ko-dic tags (NNG, NNP, JKS, ...), IPADIC tags for Japanese, compromise tags for English. */
  pos: z.string(),
  /** ko-dic semantic class (인명, 지명, ...), IPADIC's 人名/地域, compromise's Person/Place/Organization,
   *  or for a merged term the KB kind (person, title, ...); null where none is given. */
  semantic: z.string().nullable(),
  /** Katakana reading of Japanese tokens; hangul reading of hanja in Korean text (北 → 북). */
  reading: z.string().nullable(),
  /** Dictionary form where known. */
  lemma: z.string().nullable(),
  script: ScriptSchema,
  /** Which tokenizer produced it; "term" for a KB term merged into one token. */
  source: z.enum(['ko', 'ja', 'en', 'term']),
  /** For source "term": the knowledge-base id (or ids, "|"-joined) whose alias matched. */
  term: z.string().nullable(),
});
export type Token = z.infer<typeof TokenSchema>;

export const EntityTypeSchema = z.enum(['PS', 'OG', 'LC', 'DT', 'TI', 'QT']);
export type EntityType = z.infer<typeof EntityTypeSchema>;

export const CandidateSchema = z.object({ id: z.string(), score: z.number() });
export type Candidate = z.infer<typeof CandidateSchema>;

export const LinkSchema = z.object({
  id: z.string(), // knowledge-base id, or "nil:..." for an entity the KB lacks
  name: z.string(),
  name_en: z.string(),
  confidence: z.number().min(0).max(1),
  candidates: z.array(CandidateSchema).max(5),
});
export type Link = z.infer<typeof LinkSchema>;

/** Which component proposed an entity; the merge policy (pipeline/ner/merge.ts) ranks by it. */
export const EntitySourceSchema = z.enum(['model', 'onnx', 'kb', 'rule', 'date', 'link']);
export type EntitySource = z.infer<typeof EntitySourceSchema>;

export const EntitySchema = SpanSchema.extend({
  text: z.string(),
  type: EntityTypeSchema,
  subtype: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  link: LinkSchema.nullable(),
});
export type OutputEntity = z.infer<typeof EntitySchema>;
/** Inside the pipeline an entity also remembers who proposed it; the output line drops that. */
export type Entity = OutputEntity & { source: EntitySource };

export const DateKindSchema = z.enum(['date', 'time', 'interval', 'duration', 'set']);
export type DateKind = z.infer<typeof DateKindSchema>;

export const DateMentionSchema = SpanSchema.extend({
  text: z.string(),
  kind: DateKindSchema,
  value: z.string(),
  confidence: z.number().min(0).max(1),
});
export type DateMention = z.infer<typeof DateMentionSchema>;

/**
 * A title or group phrase resolved to the people it refers to ("양 장관" → both ministers,
 * "미 국방장관" → the office holder on the publication date). KLUE annotates no entity there, so these
 * stand beside the entities (an extension of the contract, field `references`).
 */
export const ReferenceSchema = SpanSchema.extend({
  text: z.string(),
  kind: z.enum(['title', 'group']),
  links: z.array(LinkSchema),
});
export type Reference = z.infer<typeof ReferenceSchema>;

export const PublishedFromSchema = z.enum(['input', 'front-matter', 'text', 'none']);
export type PublishedFrom = z.infer<typeof PublishedFromSchema>;

export const ArticleErrorSchema = z.object({ stage: z.string(), message: z.string() });
export type ArticleError = z.infer<typeof ArticleErrorSchema>;

/** The document every stage reads and enriches. */
export interface Article {
  id: string;
  source: string;
  title: string | null;
  /** Cleaned text; every offset indexes it. */
  text: string;
  /** YYYY-MM-DD (the anchor day in Asia/Seoul) or null. */
  published: string | null;
  /** The full ISO date-time with offset when the input gave one; enables time-of-day arithmetic. */
  publishedDateTime: string | null;
  publishedFrom: PublishedFrom;
  /** Front-matter or input metadata kept for later stages (categories, url, ...). */
  meta: Record<string, unknown>;
  removed: Removal[];
  sentences: Span[];
  scripts: ScriptRun[];
  tokens: Token[];
  entities: Entity[];
  dates: DateMention[];
  references: Reference[];
  warnings: string[];
  error: ArticleError | null;
}

export function emptyArticle(init: Pick<Article, 'id' | 'source' | 'text'> & Partial<Article>): Article {
  return {
    title: null,
    published: null,
    publishedDateTime: null,
    publishedFrom: 'none',
    meta: {},
    removed: [],
    sentences: [],
    scripts: [],
    tokens: [],
    entities: [],
    dates: [],
    references: [],
    warnings: [],
    error: null,
    ...init,
  };
}

/** One line of the JSON Lines output (CONTRACT.md, schema 1). Key order here is output key order. */
export const OutputLineSchema = z.object({
  schema: z.literal(SCHEMA_VERSION),
  id: z.string(),
  source: z.string(),
  published: z.string().nullable(),
  published_from: PublishedFromSchema,
  title: z.string().nullable(),
  text: z.string(),
  entities: z.array(EntitySchema),
  dates: z.array(DateMentionSchema),
  references: z.array(ReferenceSchema),
  warnings: z.array(z.string()),
  error: ArticleErrorSchema.nullable(),
});
export type OutputLine = z.infer<typeof OutputLineSchema>;

/** The output line of an article, with keys in contract order so that output is byte-stable. */
export function toOutputLine(doc: Article): OutputLine {
  return {
    schema: SCHEMA_VERSION,
    id: doc.id,
    source: doc.source,
    published: doc.published,
    published_from: doc.publishedFrom,
    title: doc.title,
    text: doc.text,
    entities: doc.entities.map((e) => ({
      start: e.start,
      end: e.end,
      text: e.text,
      type: e.type,
      subtype: e.subtype,
      confidence: e.confidence,
      link: e.link && outputLink(e.link),
    })),
    dates: doc.dates.map((d) => ({ start: d.start, end: d.end, text: d.text, kind: d.kind, value: d.value, confidence: d.confidence })),
    references: doc.references.map((r) => ({ start: r.start, end: r.end, text: r.text, kind: r.kind, links: r.links.map(outputLink) })),
    warnings: doc.warnings,
    error: doc.error,
  };
}

function outputLink(l: Link): Link {
  return { id: l.id, name: l.name, name_en: l.name_en, confidence: l.confidence, candidates: l.candidates.map((c) => ({ id: c.id, score: c.score })) };
}

/** An error raised inside a stage: it carries the article id and the stage name. */
export class StageError extends Error {
  constructor(readonly articleId: string, readonly stage: string, readonly detail: string, options?: { cause?: unknown }) {
    super(`[${articleId}] ${stage}: ${detail}`, options);
    this.name = 'StageError';
  }

  /** `err` as a StageError of this article and stage (kept as it is when it already is one). */
  static from(articleId: string, stage: string, err: unknown): StageError {
    return err instanceof StageError ? err : new StageError(articleId, stage, err instanceof Error ? err.message : String(err), { cause: err });
  }
}

/** A knowledge-base name or term that the tokenizer keeps whole and the gazetteer matches. */
export interface Term {
  text: string;
  /** KB id(s) it can refer to; "|"-joined when ambiguous. */
  id: string;
  /** KB entity type (person, organization, location, event, title, ...). */
  kind: string;
}
