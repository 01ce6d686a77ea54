// `hanlink eval links [FILE...] [--json]`: entity-linking accuracy on hand-written gold
// (fixtures/links/*.txt: Korean news sentences with a date, mention spans and gold KB ids or NIL),
// run through the real stages. Reports accuracy, NIL precision/recall, and calibration (ECE and a
// reliability table), for the links and for the person spans the linker finds (the entity
// confidence of the spans it adds). `hanlink fit links-calibration --out FILE` fits Platt scaling of
// the links and the logistic span model on the calibration part and writes them to FILE.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { loadResources, STAGES, annotate, type Resources } from '../index.js';
import { calibrationPath, fitLogistic, fitPlatt, setCalibration, type Sample } from '../link/calibrate.js';
import { SPAN_FEATURES, spanConfidence } from '../link/confidence.js';
import { linkArticle, resolveMentions } from '../link/index.js';
import { packageRoot } from '../run/package.js';
import { emptyArticle } from '../types.js';
import { calibration, type CalibrationBin } from './calibration.js';

const GoldMention = z.object({ start: z.number(), end: z.number(), text: z.string(), gold: z.union([z.string(), z.array(z.string()).min(2)]) });
const GoldArticle = z.object({ id: z.string(), published: z.string().nullable(), text: z.string(), mentions: z.array(GoldMention) });
export type GoldArticle = z.infer<typeof GoldArticle>;

/**
 * Reads gold articles: the readable `.txt` format of fixtures/links/ ("@ PUBLISHED | TEXT", then
 * "MENTION | GOLD" lines whose spans are found in order), or JSONL with explicit spans.
 */
export function readGold(file: string): GoldArticle[] {
  const content = readFileSync(file, 'utf8');
  if (!file.endsWith('.txt')) {
    return content.split('\n').filter((l) => l.trim()).map((l, i) => {
      const a = GoldArticle.parse(JSON.parse(l));
      for (const m of a.mentions) if (a.text.slice(m.start, m.end) !== m.text) throw new Error(`${file}:${i + 1}: span ${m.start}-${m.end} is not "${m.text}"`);
      return a;
    });
  }
  const articles: GoldArticle[] = [];
  let searchFrom = 0;
  content.split('\n').forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const at = line.indexOf(' | ');
    if (at < 0) throw new Error(`${file}:${i + 1}: expected "A | B"`);
    const [left, right] = [line.slice(0, at), line.slice(at + 3).trim()];
    if (left.startsWith('@ ')) {
      articles.push({ id: `${basename(file, '.txt')}-${String(articles.length).padStart(3, '0')}`, published: left.slice(2).trim(), text: right, mentions: [] });
      searchFrom = 0;
      return;
    }
    const a = articles[articles.length - 1];
    if (!a) throw new Error(`${file}:${i + 1}: a mention before any article`);
    // The next occurrence that starts a word: "이" is the surname in "이 대통령", not the particle in "대통령이".
    let start = a.text.indexOf(left, searchFrom);
    while (start > 0 && /[\p{L}\p{N}]/u.test(a.text[start - 1]) && /^[\p{Script=Hangul}A-Za-z0-9]/u.test(left)) start = a.text.indexOf(left, start + 1);
    if (start < 0) throw new Error(`${file}:${i + 1}: "${left}" not found after offset ${searchFrom} in the article text`);
    const ids = right.split(/\s+/);
    a.mentions.push({ start, end: start + left.length, text: left, gold: ids.length > 1 ? ids : ids[0] });
    searchFrom = start + left.length;
  });
  return articles;
}

/** One gold (mention, id) pair and what the system said at that span. */
export interface Judged {
  article: string;
  text: string;
  gold: string; // KB id or "NIL"
  predicted: string | null; // link id at the exact span, null when nothing was linked there
  confidence: number | null;
  margin: number | null;
  correct: boolean;
}

/** A person span the linker resolved, its evidence, and whether gold has a person mention there. */
export interface SpanJudged { article: string; text: string; features: number[]; correct: boolean }

/** Calibration of the span model: over every person span, and over those whose confidence it sets (no NER person on the span). */
export interface SpanReport { n: number; ece: number; reliability: ReliabilityBin[]; applied: { n: number; ece: number } }

export interface LinkReport {
  files: string[];
  mentions: number;
  accuracy: number;
  linked: number; // share of gold mentions with any link at the exact span
  nil: { precision: number; recall: number; predicted: number; gold: number };
  ece: number;
  reliability: ReliabilityBin[];
  span: SpanReport;
  errors: Judged[];
}

/** A bin of the reliability table, its bounds named as this report has always written them. */
export interface ReliabilityBin { from: number; to: number; n: number; confidence: number; accuracy: number }

function reliability(points: readonly { confidence: number; correct: boolean }[]): { bins: ReliabilityBin[]; ece: number } {
  const { bins, ece } = calibration(points);
  return { bins: bins.map(({ lo, hi, ...b }: CalibrationBin) => ({ from: lo, to: hi, ...b })), ece };
}

const isNil = (id: string | null) => id !== null && (id === 'NIL' || id.startsWith('nil:'));

/** Runs the stages before linking, then the link stage, and judges every gold mention and every person span found. */
export async function judge(articles: readonly GoldArticle[], res: Resources): Promise<{ judged: Judged[]; spans: SpanJudged[] }> {
  const before = STAGES.filter((s) => s.name !== 'link');
  const out: Judged[] = [];
  const spans: SpanJudged[] = [];
  for (const a of articles) {
    let doc = emptyArticle({ id: a.id, source: 'fixtures/links', text: a.text, published: a.published, publishedFrom: a.published ? 'input' : 'none' });
    doc = await annotate(doc, res, before);
    if (doc.error) throw new Error(`${a.id}: ${doc.error.stage}: ${doc.error.message}`);
    const margins = resolveMentions(res.kb, doc.text, doc.published, doc.sentences, doc.entities);
    const { doc: linked, persons } = linkArticle(doc, res);
    for (const p of persons) {
      // Right when gold has a mention of a person there: a person id, NIL (a person the KB lacks), or a group.
      const g = a.mentions.find((m) => m.start === p.start && m.end === p.end);
      const person = !!g && (Array.isArray(g.gold) || g.gold === 'NIL' || g.gold.startsWith('person:'));
      spans.push({ article: a.id, text: a.text.slice(p.start, p.end), features: p.features, correct: person });
    }
    for (const m of a.mentions) {
      const golds = Array.isArray(m.gold) ? m.gold : [m.gold];
      // Title and group phrases are resolved into doc.references, beside the entities.
      const refs = linked.references.filter((r) => r.start === m.start && r.end === m.end);
      const here = [...linked.entities.filter((e) => e.start === m.start && e.end === m.end && e.link), ...refs.flatMap((r) => r.links.map((link) => ({ link })))];
      for (const gold of golds) {
        const hit = here.find((e) => e.link!.id === gold) ?? (gold === 'NIL' ? here.find((e) => isNil(e.link!.id)) : undefined) ?? here.find((e) => !golds.includes(e.link!.id)) ?? here[0];
        const predicted = hit?.link?.id ?? null;
        const r = margins.find((x) => x.mention.start === m.start && x.mention.end === m.end && x.link.id === predicted);
        out.push({
          article: a.id, text: m.text, gold, predicted, confidence: hit?.link?.confidence ?? null, margin: r?.margin ?? null,
          correct: predicted !== null && (predicted === gold || (gold === 'NIL' && isNil(predicted))),
        });
      }
    }
  }
  return { judged: out, spans };
}

export function spanReport(spans: readonly SpanJudged[]): SpanReport {
  const points = spans.map((s) => ({ confidence: spanConfidence(s.features), correct: s.correct, applied: s.features[SPAN_FEATURES.indexOf('ner_same')] === 0 }));
  const all = reliability(points);
  return { n: points.length, ece: all.ece, reliability: all.bins, applied: { n: points.filter((p) => p.applied).length, ece: reliability(points.filter((p) => p.applied)).ece } };
}

export function report(files: string[], judged: readonly Judged[], spans: readonly SpanJudged[]): LinkReport {
  const n = judged.length;
  const predNil = judged.filter((j) => isNil(j.predicted));
  const goldNil = judged.filter((j) => j.gold === 'NIL');
  const both = judged.filter((j) => j.gold === 'NIL' && isNil(j.predicted)).length;
  const scored = judged.filter((j) => j.confidence !== null).map((j) => ({ confidence: j.confidence!, correct: j.correct }));
  const { bins, ece } = reliability(scored);
  return {
    files,
    mentions: n,
    accuracy: n ? judged.filter((j) => j.correct).length / n : 0,
    linked: n ? judged.filter((j) => j.predicted !== null).length / n : 0,
    nil: { precision: predNil.length ? both / predNil.length : 0, recall: goldNil.length ? both / goldNil.length : 0, predicted: predNil.length, gold: goldNil.length },
    ece,
    reliability: bins,
    span: spanReport(spans),
    errors: judged.filter((j) => !j.correct),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const table = (bins: readonly ReliabilityBin[]) => bins.filter((b) => b.n).map((b) => `  ${b.from.toFixed(1)}-${b.to.toFixed(1)}   ${String(b.n).padEnd(5)} ${b.confidence.toFixed(3).padEnd(11)} ${b.accuracy.toFixed(3)}`);

function render(r: LinkReport): string {
  const lines = [
    `entity linking: ${r.files.join(', ')}`,
    `  gold mentions     ${r.mentions}`,
    `  accuracy          ${pct(r.accuracy)}`,
    `  linked at span    ${pct(r.linked)}`,
    `  NIL precision     ${pct(r.nil.precision)} (${r.nil.predicted} predicted NIL)`,
    `  NIL recall        ${pct(r.nil.recall)} (${r.nil.gold} gold NIL)`,
    `  ECE (10 bins)     ${r.ece.toFixed(4)}`,
    '',
    '  reliability   n     confidence  accuracy',
    ...table(r.reliability),
    '',
    `  person spans (entity confidence, span model): ${r.span.n}`,
    `  ECE (10 bins)     ${r.span.ece.toFixed(4)}; on the ${r.span.applied.n} spans no NER person covers (the ones it sets): ${r.span.applied.ece.toFixed(4)}`,
    '',
    '  reliability   n     confidence  accuracy',
    ...table(r.span.reliability),
  ];
  if (r.errors.length) {
    lines.push('', '  errors (gold → predicted):');
    for (const e of r.errors) lines.push(`    ${e.article} ${JSON.stringify(e.text)}: ${e.gold} → ${e.predicted ?? '(none)'}${e.confidence !== null ? ` @${e.confidence}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

/** The gold of FILES (default: the test part); a file that cannot be read is reported (null). */
function readGoldFiles(command: string, given: readonly string[], part: 'test' | 'calibration'): { files: string[]; articles: GoldArticle[] } | null {
  const files = given.length ? [...given] : [join(packageRoot(), 'fixtures', 'links', `${part}.txt`)];
  try {
    return { files, articles: files.flatMap(readGold) };
  } catch (err) {
    process.stderr.write(`hanlink ${command}: ${err instanceof Error ? err.message : String(err)}\n`);
    return null;
  }
}

export async function run({ files: given = [], json }: { files?: string[]; json?: boolean }): Promise<number> {
  const gold = readGoldFiles('eval links', given, 'test');
  if (!gold) return 2;
  const { judged, spans } = await judge(gold.articles, await loadResources());
  const r = report(gold.files, judged, spans);
  process.stdout.write(json ? JSON.stringify(r, null, 2) + '\n' : render(r));
  return 0;
}

/**
 * Fits Platt scaling of the links and the logistic span model on FILES (default: the calibration
 * part) and writes them to `out` (the shipped model is models/kb/calibration.json: calibrationPath()).
 */
export async function fit({ files: given = [], out }: { files?: string[]; out: string }): Promise<number> {
  const gold = readGoldFiles('fit links-calibration', given, 'calibration');
  if (!gold) return 2;
  const { files, articles } = gold;
  const res = await loadResources();
  const { judged } = await judge(articles, res);
  // Each judged link is a sample at its margin; a correct one also says that its runner-up, at the
  // negated margin, was wrong. Without these the few errors of a small gold set leave the slope unfit.
  const samples: Sample[] = judged.filter((j) => j.margin !== null).flatMap((j): Sample[] => (j.correct ? [{ x: j.margin!, y: 1 }, { x: -j.margin!, y: 0 }] : [{ x: j.margin!, y: 0 }]));
  const platt = fitPlatt(samples);
  setCalibration(platt);
  // The span model reads link confidences as evidence: judge again with the new ones.
  const relinked = await judge(articles, res);
  const span = fitLogistic(SPAN_FEATURES, relinked.spans.map((s) => ({ x: s.features, y: (s.correct ? 1 : 0) as 0 | 1 })));
  setCalibration(platt, span);
  const root = packageRoot();
  const fittedOn = files.map((f) => f.replace(root + '/', '')).join(',');
  const file = {
    method: 'platt', a: round(platt.a), b: round(platt.b), fitted_on: fittedOn, n: samples.length,
    span: { method: 'logistic', features: span.features, bias: round(span.bias), weights: span.weights.map(round), fitted_on: fittedOn, n: relinked.spans.length },
  };
  writeFileSync(out, JSON.stringify(file, null, 2) + '\n');
  process.stdout.write(`wrote ${out}: Platt scaling of link confidences fitted on ${samples.length} mentions (a=${platt.a.toFixed(4)} b=${platt.b.toFixed(4)}) and the span model on ${relinked.spans.length} person spans, from ${fittedOn}\n`);
  if (out !== calibrationPath()) process.stdout.write(`the pipeline reads ${calibrationPath()}: copy the file there to use it\n`);
  process.stdout.write(render(report(files, relinked.judged, relinked.spans)));
  return 0;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
