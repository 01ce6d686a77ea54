// `hanlink eval dates [FILE] [--json] [--klue FILE]`: scores the dates stage.
// - FILE (default fixtures/dates/expressions.tsv): one case a line (see fixtures/dates/README.md),
//   scored by kind for span exact (the expected text found at its place) and value exact; cases of
//   kind "none" must not be extracted at all.
// - --klue FILE: DT/TI span agreement (precision, recall, F1) of the rule spans with KLUE-NER gold.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../run/package.js';
import { PROPOSE_ENTITY, spanConfidence } from '../dates/confidence.js';
import { findTemporal, makeAnchor } from '../dates/index.js';
import { parseKlue, spansFromTags, type TypedSpan } from '../ner/klue-format.js';
import { prf as scores } from './metrics.js';

export interface DateCase {
  id: string;
  /** YYYY-MM-DD, a full ISO date-time with offset, or null for no anchor. */
  anchor: string | null;
  sentence: string;
  /** The expected mention text (first occurrence in the sentence), or the text that must not be found. */
  span: string;
  kind: string;
  value: string;
}

export interface CaseResult {
  case: DateCase;
  spanOk: boolean;
  valueOk: boolean;
  /** What the stage found where the case expects something (or overlapping a "none" span). */
  got: { text: string; kind: string; value: string } | null;
}

export const DEFAULT_CASES = 'fixtures/dates/expressions.tsv';

/**
 * Reads a case file: TSV (id, anchor, sentence, span, kind, value; see fixtures/dates/README.md) or,
 * for a .jsonl file, one object a line with the same fields ("text" and "published" are accepted for
 * "sentence" and "anchor").
 */
export function loadCases(file: string): DateCase[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const cases = lines.flatMap((line, i): DateCase[] => {
    if (!line.trim() || line.startsWith('#')) return [];
    if (file.endsWith('.jsonl')) {
      const o = JSON.parse(line) as Record<string, string | null | undefined>;
      const anchor = o.anchor ?? o.publishedDateTime ?? o.published ?? null;
      return [{ id: o.id ?? String(i + 1), anchor: anchor === '-' ? null : anchor, sentence: (o.sentence ?? o.text)!, span: o.span!, kind: o.kind!, value: o.value ?? '-' }];
    }
    const [id, anchor, sentence, span, kind, value] = line.split('\t');
    if (value === undefined) throw new Error(`${file}:${i + 1}: expected 6 tab-separated columns`);
    return [{ id, anchor: anchor === '-' ? null : anchor, sentence, span, kind, value }];
  });
  for (const c of cases) {
    if (typeof c.sentence !== 'string' || typeof c.span !== 'string' || !c.kind) throw new Error(`${file}: case ${c.id}: needs sentence, span and kind`);
    if (!c.sentence.includes(c.span)) throw new Error(`${file}: case ${c.id}: span "${c.span}" is not in the sentence`);
  }
  return cases;
}

/** Runs the dates extraction on one case and compares with what it expects. */
export function scoreCase(c: DateCase): CaseResult {
  const dateOnly = c.anchor && /^\d{4}-\d{2}-\d{2}$/.test(c.anchor);
  const anchor = makeAnchor(c.anchor ? c.anchor.slice(0, 10) : null, dateOnly ? null : c.anchor);
  const mentions = findTemporal(c.sentence, anchor).flatMap((t) => (t.mention ? [t.mention] : []));
  const start = c.sentence.indexOf(c.span);
  const end = start + c.span.length;
  if (c.kind === 'none') {
    const hit = mentions.find((m) => m.start < end && start < m.end);
    const ok = !hit;
    return { case: c, spanOk: ok, valueOk: ok, got: hit ? { text: hit.text, kind: hit.kind, value: hit.value } : null };
  }
  const exact = mentions.find((m) => m.start === start && m.end === end);
  const near = exact ?? mentions.find((m) => m.start < end && start < m.end);
  return {
    case: c,
    spanOk: !!exact,
    valueOk: !!exact && exact.kind === c.kind && exact.value === c.value,
    got: near ? { text: near.text, kind: near.kind, value: near.value } : null,
  };
}

interface Tally { n: number; span: number; value: number }

const KIND_ORDER = ['date', 'time', 'interval', 'duration', 'set', 'none', 'all'];

export function summarize(results: CaseResult[]): Record<string, Tally> {
  const by: Record<string, Tally> = Object.fromEntries(
    KIND_ORDER.filter((k) => k === 'all' || results.some((r) => r.case.kind === k)).map((k) => [k, { n: 0, span: 0, value: 0 }]),
  );
  for (const r of results) {
    for (const k of [r.case.kind, 'all']) {
      const t = (by[k] ??= { n: 0, span: 0, value: 0 });
      t.n++;
      if (r.spanOk) t.span++;
      if (r.valueOk) t.value++;
    }
  }
  return by;
}

/** Each sentence of a KLUE-NER file with its gold DT/TI spans. */
export function readKlue(file: string): Array<{ text: string; gold: TypedSpan[] }> {
  return parseKlue(readFileSync(file, 'utf8')).map((s) => ({ text: s.text, gold: spansFromTags(s.tags).filter((e) => e.type === 'DT' || e.type === 'TI') }));
}

export interface Prf { tp: number; fp: number; fn: number; p: number; r: number; f1: number }
/** Rounded for the report; 0 where nothing was found or nothing is gold, as KLUE scores. */
const prf = (tp: number, fp: number, fn: number): Prf => {
  const s = scores({ tp, fp, fn }, 'zero');
  return { tp, fp, fn, p: round(s.precision), r: round(s.recall), f1: round(s.f1) };
};
const round = (x: number) => Math.round(x * 1000) / 1000;

export interface KlueScores {
  DT: Prf; TI: Prf; all: Prf; 'span-only': Prf;
  /** Precision of each pattern row's spans ("row:type"), all proposed or not: the basis of pipeline/dates/confidence.ts. */
  rows: Record<string, { n: number; precision: number }>;
}

/** Span agreement with KLUE's DT and TI (entity level: exact span and type), without an anchor. */
export function scoreKlue(file: string): KlueScores {
  const counts = { DT: [0, 0, 0], TI: [0, 0, 0], all: [0, 0, 0], 'span-only': [0, 0, 0] };
  const rows: Record<string, [number, number]> = {};
  for (const s of readKlue(file)) {
    const found = findTemporal(s.text, makeAnchor(null, null));
    // Scored as the stage proposes them: spans below PROPOSE_ENTITY are not entities.
    const pred = found.filter((t) => spanConfidence(t.pattern, t.entity.type) >= PROPOSE_ENTITY).map((t) => t.entity);
    const key = (e: { start: number; end: number }) => `${e.start}:${e.end}`;
    const goldTyped = new Set(s.gold.map((e) => `${key(e)}:${e.type}`));
    const goldSpans = new Set(s.gold.map(key));
    for (const { entity: e, pattern } of found) {
      const row = (rows[`${pattern}:${e.type}`] ??= [0, 0]);
      row[goldTyped.has(`${key(e)}:${e.type}`) ? 0 : 1]++;
    }
    for (const e of pred) {
      const hit = goldTyped.has(`${key(e)}:${e.type}`);
      counts[e.type][hit ? 0 : 1]++;
      counts.all[hit ? 0 : 1]++;
      counts['span-only'][goldSpans.has(key(e)) ? 0 : 1]++;
    }
    const predTyped = new Set(pred.map((e) => `${key(e)}:${e.type}`));
    const predSpans = new Set(pred.map(key));
    for (const e of s.gold) {
      if (!predTyped.has(`${key(e)}:${e.type}`)) { counts[e.type as 'DT' | 'TI'][2]++; counts.all[2]++; }
      if (!predSpans.has(key(e))) counts['span-only'][2]++;
    }
  }
  const out = { rows: {} } as KlueScores;
  for (const [k, [tp, fp, fn]] of Object.entries(counts)) out[k as keyof typeof counts] = prf(tp, fp, fn);
  for (const [k, [tp, fp]] of Object.entries(rows).sort()) out.rows[k] = { n: tp + fp, precision: round(tp / (tp + fp)) };
  return out;
}

export interface DatesEvalOptions {
  /** The cases (default: the package's fixtures/dates/expressions.tsv, wherever the command runs from). */
  file?: string;
  json?: boolean;
  /** A KLUE-NER .tsv file: DT/TI span agreement of the rule spans. */
  klue?: string;
}

export async function run({ file = join(packageRoot(), DEFAULT_CASES), json, klue }: DatesEvalOptions): Promise<number> {
  if (!existsSync(file)) {
    console.error(`hanlink eval dates: no such file: ${file}`);
    return 2;
  }
  const results = loadCases(file).map(scoreCase);
  const summary = summarize(results);
  const failures = results.filter((r) => !r.valueOk).map((r) => ({ id: r.case.id, sentence: r.case.sentence, expected: { span: r.case.span, kind: r.case.kind, value: r.case.value }, got: r.got }));
  const klueScores = klue ? (existsSync(klue) ? scoreKlue(klue) : null) : undefined;
  if (klue && !klueScores) {
    console.error(`hanlink eval dates: no such file: ${klue}`);
    return 2;
  }
  if (json) {
    console.log(JSON.stringify({ file, summary, failures, ...(klueScores ? { klue: klueScores } : {}) }, null, 2));
    return 0;
  }
  console.log(`dates: ${file}`);
  console.log('kind        cases  span-exact  value-exact');
  for (const [kind, t] of Object.entries(summary)) {
    console.log(`${kind.padEnd(10)} ${String(t.n).padStart(6)}  ${pct(t.span, t.n).padStart(10)}  ${pct(t.value, t.n).padStart(11)}`);
  }
  for (const f of failures) console.log(`  ✗ ${f.id}: expected ${f.expected.span} → ${f.expected.kind} ${f.expected.value}; got ${f.got ? `${f.got.text} → ${f.got.kind} ${f.got.value}` : 'nothing'}`);
  if (klueScores) {
    console.log(`\nKLUE-NER span agreement (${klue}): type    P      R      F1`);
    for (const k of ['DT', 'TI', 'all', 'span-only'] as const) {
      const s = klueScores[k];
      console.log(`  ${k.padEnd(10)} ${s.p.toFixed(3)}  ${s.r.toFixed(3)}  ${s.f1.toFixed(3)}   (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`);
    }
    console.log('  precision by pattern row:');
    for (const [k, r] of Object.entries(klueScores.rows)) console.log(`    ${k.padEnd(22)} ${r.precision.toFixed(3)}  (${r.n} spans)`);
  }
  return 0;
}

const pct = (a: number, n: number) => `${((100 * a) / Math.max(1, n)).toFixed(1)}%`;
