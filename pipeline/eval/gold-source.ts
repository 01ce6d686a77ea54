// The authoring form of gold (fixtures/gold/src/<id>.yaml, docs/gold.md): mentions are written as
// text in document order, not as offsets, so that when the cleaner changes the text the same
// annotations can be anchored again (`hanlink eval gold-compile`).
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DateKindSchema, EntityTypeSchema, type DateKind, type EntityType } from '../types.js';
import { GOLD_SCHEMA_VERSION, sha256, validateGold, type GoldArticle, type GoldDate, type GoldEntity } from './gold.js';

export const GoldSourceSchema = z.object({
  id: z.string().min(1),
  source: z.string(),
  published: z.string().nullable(),
  /** Where the cleaned text comes from, relative to the repository root (fixtures/ingest/<id>.txt). */
  text_from: z.string(),
  mentions: z.array(z.string()),
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

export function parseMention(line: string): MentionSpec {
  const fields = line.split(' | ').map((f) => f.trim());
  const [mention, typeField, ...rest] = fields;
  if (!mention || !typeField) throw new Error(`mention ${JSON.stringify(line)}: expected "MENTION | TYPE ..."`);
  const open = mention.indexOf('{');
  const close = mention.indexOf('}');
  const braced = open >= 0 || close >= 0;
  if (braced && !(open >= 0 && close > open + 1 && mention.indexOf('{', open + 1) < 0 && mention.indexOf('}', close + 1) < 0))
    throw new Error(`mention ${JSON.stringify(line)}: braces must mark one non-empty span`);
  const context = braced ? mention.slice(0, open) + mention.slice(open + 1, close) + mention.slice(close + 1) : mention;
  const span = braced ? mention.slice(open + 1, close) : mention;
  const [typeName, subtype = null] = typeField.split('/');
  const type = EntityTypeSchema.parse(typeName);
  const spec: MentionSpec = { context, offset: braced ? open : 0, span, type, subtype, link: null, date: null };
  if (type === 'PS' || type === 'OG' || type === 'LC') {
    if (rest.length !== 1 || !rest[0]) throw new Error(`mention ${JSON.stringify(line)}: ${type} needs exactly one link (KB id or nil)`);
    spec.link = rest[0];
  } else if (type === 'DT' || type === 'TI') {
    if (rest.length !== 2) throw new Error(`mention ${JSON.stringify(line)}: ${type} needs KIND | VALUE`);
    spec.date = { kind: DateKindSchema.parse(rest[0]), value: rest[1] };
  } else if (rest.length !== 0) throw new Error(`mention ${JSON.stringify(line)}: QT takes no further fields`);
  return spec;
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
function findAfter(text: string, m: MentionSpec, from: number): { start: number; end: number } | null {
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
  const gold: GoldArticle = { gold: GOLD_SCHEMA_VERSION, id: src.id, source: src.source, published: src.published, text_sha256: sha256(text), text, entities, dates };
  const problems = validateGold(gold);
  if (problems.length > 0) throw new Error(`${src.id}: compiled gold is invalid:\n  ${problems.join('\n  ')}`);
  return { gold, warnings: unannotatedOccurrences(gold) };
}

function unannotatedOccurrences(g: GoldArticle): string[] {
  const names = new Set(g.entities.filter((e) => e.link !== null && e.text.length >= 2).map((e) => e.text));
  const covered = (s: number, e: number) => g.entities.some((x) => x.start <= s && e <= x.end);
  const out: string[] = [];
  for (const name of names) {
    for (let at = g.text.indexOf(name); at >= 0; at = g.text.indexOf(name, at + 1)) {
      if (!covered(at, at + name.length)) out.push(`${g.id}: unannotated ${JSON.stringify(name)} at ${at}: …${g.text.slice(Math.max(0, at - 12), at + name.length + 12).replace(/\s+/g, ' ')}…`);
    }
  }
  return out;
}

export function readGoldSource(path: string): GoldSource {
  const parsed = GoldSourceSchema.safeParse(parseYaml(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: not a gold source: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
