// The authoring form of gold (fixtures/gold/src/<id>.yaml, docs/gold.md): mentions are written as
// text in document order, not as offsets, so that when the cleaner changes the text the same
// annotations can be anchored again (`hanlink eval gold-compile`).
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DateKindSchema, EntityTypeSchema, ReferenceSchema, type DateKind, type EntityType, type Reference } from '../types.js';
import { GOLD_SCHEMA_VERSION, sha256, validateGold, type GoldArticle, type GoldDate, type GoldEntity, type GoldReference } from './gold.js';

type ReferenceKind = Reference['kind'];

export const GoldSourceSchema = z.object({
  id: z.string().min(1),
  source: z.string(),
  published: z.string().nullable(),
  /** Where the cleaned text comes from, relative to the repository root (fixtures/ingest/<id>.txt). */
  text_from: z.string(),
  mentions: z.array(z.string()),
  /** `PHRASE | title|group | ID [ID...]`, in document order, anchored like the mentions (on their own cursor). */
  references: z.array(z.string()).optional(),
});
export type GoldSource = z.infer<typeof GoldSourceSchema>;

/** One parsed mention line: `MENTION | TYPE[/subtype] | LINK`, `MENTION | DT|TI | KIND | VALUE`, `MENTION | QT`. */
export interface MentionSpec {
  /** The text searched for; equals `span` unless braces mark the span inside a longer context. */
  context: string;
  /** Offset of the span within `context`. */
  offset: number;
  span: string;
  type: EntityType;
  subtype: string | null;
  link: string | null;
  date: { kind: DateKind; value: string } | null;
}

/** The searched context and the span inside it: braces mark a span within a longer context. */
function parseSpan(mention: string, line: string): { context: string; offset: number; span: string } {
  const open = mention.indexOf('{');
  const close = mention.indexOf('}');
  const braced = open >= 0 || close >= 0;
  if (braced && !(open >= 0 && close > open + 1 && mention.indexOf('{', open + 1) < 0 && mention.indexOf('}', close + 1) < 0))
    throw new Error(`mention ${JSON.stringify(line)}: braces must mark one non-empty span`);
  const context = braced ? mention.slice(0, open) + mention.slice(open + 1, close) + mention.slice(close + 1) : mention;
  return { context, offset: braced ? open : 0, span: braced ? mention.slice(open + 1, close) : mention };
}

export function parseMention(line: string): MentionSpec {
  const fields = line.split(' | ').map((f) => f.trim());
  const [mention, typeField, ...rest] = fields;
  if (!mention || !typeField) throw new Error(`mention ${JSON.stringify(line)}: expected "MENTION | TYPE ..."`);
  const [typeName, subtype = null] = typeField.split('/');
  const type = EntityTypeSchema.parse(typeName);
  const spec: MentionSpec = { ...parseSpan(mention, line), type, subtype, link: null, date: null };
  if (type === 'PS' || type === 'OG' || type === 'LC') {
    if (rest.length !== 1 || !rest[0]) throw new Error(`mention ${JSON.stringify(line)}: ${type} needs exactly one link (KB id or nil)`);
    spec.link = rest[0];
  } else if (type === 'DT' || type === 'TI') {
    if (rest.length !== 2) throw new Error(`mention ${JSON.stringify(line)}: ${type} needs KIND | VALUE`);
    spec.date = { kind: DateKindSchema.parse(rest[0]), value: rest[1] };
  } else if (rest.length !== 0) throw new Error(`mention ${JSON.stringify(line)}: QT takes no further fields`);
  return spec;
}

/** One parsed reference line: `PHRASE | title|group | ID [ID...]` (braces mark the span as in mentions). */
export interface ReferenceSpec { context: string; offset: number; span: string; kind: ReferenceKind; links: string[] }

export function parseReference(line: string): ReferenceSpec {
  const [phrase, kindField, ids, ...rest] = line.split(' | ').map((f) => f.trim());
  if (!phrase || !kindField || !ids || rest.length) throw new Error(`reference ${JSON.stringify(line)}: expected "PHRASE | title|group | ID [ID...]"`);
  const kind = ReferenceSchema.shape.kind.safeParse(kindField);
  if (!kind.success) throw new Error(`reference ${JSON.stringify(line)}: the kind is title or group, not ${JSON.stringify(kindField)}`);
  return { ...parseSpan(phrase, line), kind: kind.data, links: ids.split(/\s+/) };
}

export interface Compiled {
  gold: GoldArticle;
  /** Occurrences of an annotated name left unannotated: a hint for the annotator, not an error. */
  warnings: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Any run of whitespace in a mention matches any run in the text (the cleaner may turn NBSP into spaces or back). */
const pattern = (s: string) => s.split(/\s+/).map(escape).join('\\s+');

/** The first occurrence of the mention's context whose span starts at or after `from`. */
function findAfter(text: string, m: { context: string; offset: number; span: string }, from: number): { start: number; end: number } | null {
  const pre = m.context.slice(0, m.offset), post = m.context.slice(m.offset + m.span.length);
  const re = new RegExp(`${pattern(pre)}(${pattern(m.span)})${pattern(post)}`, 'dg');
  re.lastIndex = 0;
  for (let hit = re.exec(text); hit; hit = re.exec(text)) {
    const [start, end] = hit.indices![1];
    if (start >= from) return { start, end };
    re.lastIndex = hit.index + 1;
  }
  return null;
}

/** Anchors the mentions in `text`: each is the first occurrence at or after the end of the previous one. */
export function compileGold(src: GoldSource, text: string): Compiled {
  const entities: GoldEntity[] = [];
  const dates: GoldDate[] = [];
  let cursor = 0;
  src.mentions.forEach((line, i) => {
    const m = parseMention(line);
    const found = findAfter(text, m, cursor);
    if (!found)
      throw new Error(`${src.id}: mention ${i + 1} ${JSON.stringify(line)} not found after offset ${cursor} (…${JSON.stringify(text.slice(Math.max(0, cursor - 20), cursor))})`);
    const { start, end } = found;
    cursor = end;
    const span = text.slice(start, end);
    entities.push({ start, end, text: span, type: m.type, ...(m.subtype ? { subtype: m.subtype } : {}), link: m.link });
    if (m.date) dates.push({ start, end, text: span, kind: m.date.kind, value: m.date.value });
  });
  let refCursor = 0;
  const references = src.references?.map((line, i): GoldReference => {
    const r = parseReference(line);
    const found = findAfter(text, r, refCursor);
    if (!found) throw new Error(`${src.id}: reference ${i + 1} ${JSON.stringify(line)} not found after offset ${refCursor}`);
    refCursor = found.end;
    return { start: found.start, end: found.end, text: text.slice(found.start, found.end), kind: r.kind, links: r.links };
  });
  const gold: GoldArticle = { gold: GOLD_SCHEMA_VERSION, id: src.id, source: src.source, published: src.published, text_sha256: sha256(text), text, entities, dates, ...(references ? { references } : {}) };
  const problems = validateGold(gold);
  if (problems.length > 0) throw new Error(`${src.id}: compiled gold is invalid:\n  ${problems.join('\n  ')}`);
  return { gold, warnings: unannotatedOccurrences(gold) };
}

function unannotatedOccurrences(g: GoldArticle): string[] {
  const out: string[] = [];
  type Span = { start: number; end: number; text: string };
  const check = (what: string, named: readonly Span[], spans: readonly Span[]) => {
    const covered = (s: number, e: number) => spans.some((x) => x.start <= s && e <= x.end);
    for (const name of new Set(named.filter((x) => x.text.length >= 2).map((x) => x.text))) {
      for (let at = g.text.indexOf(name); at >= 0; at = g.text.indexOf(name, at + 1)) {
        if (!covered(at, at + name.length)) out.push(`${g.id}: unannotated ${what}${JSON.stringify(name)} at ${at}: …${g.text.slice(Math.max(0, at - 12), at + name.length + 12).replace(/\s+/g, ' ')}…`);
      }
    }
  };
  check('', g.entities.filter((e) => e.link !== null), g.entities);
  // An annotated reference phrase seen again unannotated is checked too (양 장관 five times).
  if (g.references) check('reference ', g.references, g.references);
  return out;
}

export function readGoldSource(path: string): GoldSource {
  const parsed = GoldSourceSchema.safeParse(parseYaml(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: not a gold source: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
