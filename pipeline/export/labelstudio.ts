// Label Studio: tasks with hanlink's predictions for review, and the reviewed annotations back as
// gold fixtures (docs/gold.md). The labeling config they go with is LABEL_STUDIO_CONFIG: entities
// are regions of the `label` control (KLUE's six types) with a per-region `link` text (the KB id;
// none or "nil" = the KB lacks it); temporal expressions are regions of the `timex` control (their
// kind) with a per-region `value` text (ISO 8601, CONTRACT.md). Offsets are the output's (UTF-16
// units, which is what Label Studio's editor counts in the browser).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { packageVersion } from '../run/package.js';
import { DateKindSchema, EntityTypeSchema, type OutputLine } from '../types.js';
import { GOLD_SCHEMA_VERSION, NIL, parseGold, sha256, type GoldArticle } from '../eval/gold.js';
import { jsonArrayFormat, type ExportFormat } from './format.js';

export const LABEL_STUDIO_CONFIG = `<View>
  <Text name="text" value="$text"/>
  <Labels name="label" toName="text">
    <Label value="PS"/><Label value="OG"/><Label value="LC"/><Label value="DT"/><Label value="TI"/><Label value="QT"/>
  </Labels>
  <TextArea name="link" toName="text" perRegion="true" maxSubmissions="1" placeholder="KB id, or nil"/>
  <Labels name="timex" toName="text">
    <Label value="date"/><Label value="time"/><Label value="interval"/><Label value="duration"/><Label value="set"/>
  </Labels>
  <TextArea name="value" toName="text" perRegion="true" maxSubmissions="1" placeholder="ISO 8601 value"/>
</View>
`;

const TO = 'text';

interface Region {
  id: string;
  from_name: string;
  to_name: string;
  type: string;
  value: Record<string, unknown>;
  score?: number;
}

function regions(line: OutputLine): Region[] {
  const out: Region[] = [];
  line.entities.forEach((e, i) => {
    const id = `e${i}`;
    const span = { start: e.start, end: e.end, text: e.text };
    out.push({ id, from_name: 'label', to_name: TO, type: 'labels', value: { ...span, labels: [e.type] }, score: e.confidence });
    if (e.link) out.push({ id, from_name: 'link', to_name: TO, type: 'textarea', value: { ...span, text: [e.link.id] }, score: e.link.confidence });
  });
  line.dates.forEach((d, i) => {
    const id = `d${i}`;
    const span = { start: d.start, end: d.end, text: d.text };
    out.push({ id, from_name: 'timex', to_name: TO, type: 'labels', value: { ...span, labels: [d.kind] }, score: d.confidence });
    out.push({ id, from_name: 'value', to_name: TO, type: 'textarea', value: { ...span, text: [d.value] }, score: d.confidence });
  });
  return out;
}

export function labelStudioTask(line: OutputLine) {
  return {
    data: { text: line.text, id: line.id, source: line.source, published: line.published, title: line.title },
    predictions: [{ model_version: `hanlink ${packageVersion()}`, result: regions(line) }],
  };
}

export const labelStudio: ExportFormat = jsonArrayFormat('labelstudio', ['.labelstudio.json'], labelStudioTask);

// ---- import: annotations → gold ---------------------------------------------------------------

const ResultSchema = z.looseObject({
  id: z.string(),
  from_name: z.string(),
  type: z.string(),
  value: z.looseObject({ start: z.number().int().optional(), end: z.number().int().optional(), text: z.unknown().optional(), labels: z.array(z.string()).optional() }),
});

const AnnotationSchema = z.looseObject({ result: z.array(ResultSchema), was_cancelled: z.boolean().optional() });

const TaskSchema = z.looseObject({
  id: z.union([z.number(), z.string()]).optional(),
  data: z.looseObject({ text: z.string(), id: z.string().optional(), source: z.string().optional(), published: z.string().nullable().optional() }),
  annotations: z.array(AnnotationSchema).optional(),
});
type Task = z.infer<typeof TaskSchema>;

export interface ImportResult {
  gold: GoldArticle[];
  /** Tasks left out, and why (no annotation yet). */
  skipped: string[];
}

/** Label Studio's JSON export (an array of tasks) → one gold article per annotated task (its last annotation that was not cancelled). */
export function importLabelStudio(file: string): ImportResult {
  const parsed = z.array(TaskSchema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: not a Label Studio JSON export: ${z.prettifyError(parsed.error)}`);
  const out: ImportResult = { gold: [], skipped: [] };
  parsed.data.forEach((task, i) => {
    const id = task.data.id ?? (task.id !== undefined ? `task-${task.id}` : `task-${i + 1}`);
    const annotation = (task.annotations ?? []).filter((a) => !a.was_cancelled).at(-1);
    if (!annotation) out.skipped.push(`${id}: no annotation`);
    else out.gold.push(toGold(id, task, annotation.result, `${file} task ${id}`));
  });
  return out;
}

function toGold(id: string, task: Task, result: z.infer<typeof ResultSchema>[], where: string): GoldArticle {
  const text = task.data.text;
  const byRegion = (from: string) => new Map(result.filter((r) => r.from_name === from).map((r) => [r.id, r]));
  const firstText = (r: z.infer<typeof ResultSchema> | undefined) => {
    const t = r?.value.text;
    const s = Array.isArray(t) ? t[0] : t;
    return typeof s === 'string' && s.trim() !== '' ? s.trim() : null;
  };
  const span = (r: z.infer<typeof ResultSchema>) => {
    const { start, end } = r.value;
    if (start === undefined || end === undefined) throw new Error(`${where}: region ${r.id} has no start/end`);
    return { start, end, text: text.slice(start, end) };
  };
  const links = byRegion('link');
  const values = byRegion('value');
  const entities = [...byRegion('label').values()].map((r) => {
    const type = EntityTypeSchema.parse(r.value.labels?.[0]);
    const linkable = type === 'PS' || type === 'OG' || type === 'LC';
    const link = firstText(links.get(r.id));
    // No link on a PS/OG/LC is a NIL decision, as an unlinked entity is in the output (docs/gold.md).
    return { ...span(r), type, link: linkable ? (link === null || link === NIL || link.startsWith(`${NIL}:`) ? NIL : link) : null };
  });
  const dates = [...byRegion('timex').values()].map((r) => {
    const value = firstText(values.get(r.id));
    if (value === null) throw new Error(`${where}: the ${r.value.labels?.[0]} at ${r.value.start}-${r.value.end} has no value`);
    return { ...span(r), kind: DateKindSchema.parse(r.value.labels?.[0]), value };
  });
  const byStart = <T extends { start: number; end: number }>(a: T, b: T) => a.start - b.start || a.end - b.end;
  const gold = {
    gold: GOLD_SCHEMA_VERSION,
    id,
    source: task.data.source ?? `labelstudio:${id}`,
    published: task.data.published ?? null,
    text_sha256: sha256(text),
    text,
    entities: entities.sort(byStart),
    dates: dates.sort(byStart),
  };
  return parseGold(gold, where);
}
