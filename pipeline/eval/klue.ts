// `hanlink eval klue FILE.tsv [--json] [--ner-model DIR] [--limit N] [--part K/M]`: runs the pipeline over a
// KLUE-NER file and scores its entities the way KLUE does:
// - entity level: strict span + type, as seqeval's IOB2 strict mode (a predicted entity counts only
//   when start, end and type all match a gold one); per type P/R/F1, macro F1 over the six types
//   (KLUE's headline figure) and micro F1;
// - character level: per-label P/R/F1 over the twelve B-/I- labels (O left out), macro-averaged,
//   one position per character (code point) as in KLUE's files.
import { readFileSync } from 'node:fs';
import { ENTITY_TYPES, charLevelTags, parseKlue, spansFromTags, tagsFromSpans, type TypedSpan } from '../ner/klue-format.js';
import { emptyArticle } from '../types.js';
import { prf as scores } from './metrics.js';

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  /** True positives, predicted count, gold count. */
  tp: number;
  pred: number;
  gold: number;
}

export interface Scores {
  perLabel: Record<string, PRF>;
  macroF1: number;
  micro: PRF;
}

/** KLUE's per-label figures: P/R/F1 (0 where nothing was predicted or nothing is gold) with predicted and gold counts. */
function prf(tp: number, pred: number, gold: number): PRF {
  const { precision, recall, f1 } = scores({ tp, fp: pred - tp, fn: gold - tp }, 'zero');
  return { precision, recall, f1, tp, pred, gold };
}

function summarize(labels: readonly string[], counts: Map<string, { tp: number; pred: number; gold: number }>): Scores {
  const perLabel: Record<string, PRF> = {};
  let tp = 0, pred = 0, gold = 0;
  for (const l of labels) {
    const c = counts.get(l) ?? { tp: 0, pred: 0, gold: 0 };
    perLabel[l] = prf(c.tp, c.pred, c.gold);
    tp += c.tp; pred += c.pred; gold += c.gold;
  }
  // Labels absent from both gold and prediction are left out of the macro average, as seqeval does.
  const present = labels.filter((l) => perLabel[l].gold + perLabel[l].pred > 0);
  const macroF1 = present.length ? present.reduce((s, l) => s + perLabel[l].f1, 0) / present.length : 0;
  return { perLabel, macroF1, micro: prf(tp, pred, gold) };
}

function bump(counts: Map<string, { tp: number; pred: number; gold: number }>, label: string, key: 'tp' | 'pred' | 'gold'): void {
  let c = counts.get(label);
  if (!c) counts.set(label, (c = { tp: 0, pred: 0, gold: 0 }));
  c[key]++;
}

/** Entity-level scores from per-sentence tag sequences (strict IOB2). */
export function entityScores(gold: readonly (readonly string[])[], pred: readonly (readonly string[])[]): Scores {
  const counts = new Map<string, { tp: number; pred: number; gold: number }>();
  gold.forEach((g, i) => {
    const key = (s: TypedSpan) => `${s.start}:${s.end}:${s.type}`;
    const gs = new Set(spansFromTags(g).map((s) => { bump(counts, s.type, 'gold'); return key(s); }));
    for (const s of spansFromTags(pred[i])) {
      bump(counts, s.type, 'pred');
      if (gs.has(key(s))) bump(counts, s.type, 'tp');
    }
  });
  return summarize(ENTITY_TYPES, counts);
}

export const CHAR_LABELS: readonly string[] = ENTITY_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`]);

/** Character-level scores over the twelve B-/I- labels (per position, O excluded). */
export function charScores(gold: readonly (readonly string[])[], pred: readonly (readonly string[])[]): Scores {
  const counts = new Map<string, { tp: number; pred: number; gold: number }>();
  gold.forEach((g, i) => {
    const p = pred[i];
    if (p.length !== g.length) throw new Error(`sentence ${i}: ${p.length} predicted tags for ${g.length} characters`);
    for (let k = 0; k < g.length; k++) {
      if (g[k] !== 'O') bump(counts, g[k], 'gold');
      if (p[k] !== 'O') bump(counts, p[k], 'pred');
      if (g[k] !== 'O' && g[k] === p[k]) bump(counts, g[k], 'tp');
    }
  });
  return summarize(CHAR_LABELS, counts);
}

/** Scores from per-sentence text, gold tags and predicted tags (tags per UTF-16 unit). */
export function klueScores(items: readonly { text: string; gold: readonly string[]; pred: readonly string[] }[]): { entity: Scores; char: Scores } {
  return {
    entity: entityScores(items.map((s) => s.gold), items.map((s) => s.pred)),
    char: charScores(items.map((s) => charLevelTags(s.text, s.gold)), items.map((s) => charLevelTags(s.text, s.pred))),
  };
}

export function formatScores(s: { entity: Scores; char: Scores }): string {
  const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
  const rows = (sc: Scores, labels: readonly string[]) =>
    labels.map((l) => { const r = sc.perLabel[l]; return `  ${l.padEnd(5)} P ${pct(r.precision)}  R ${pct(r.recall)}  F1 ${pct(r.f1)}  (gold ${r.gold}, pred ${r.pred})`; });
  return [
    `entity-level (strict span+type): macro F1 ${pct(s.entity.macroF1)}  micro P ${pct(s.entity.micro.precision)} R ${pct(s.entity.micro.recall)} F1 ${pct(s.entity.micro.f1)}`,
    ...rows(s.entity, ENTITY_TYPES),
    `character-level (12 B-/I- labels): macro F1 ${pct(s.char.macroF1)}  micro F1 ${pct(s.char.micro.f1)}`,
    ...rows(s.char, CHAR_LABELS),
  ].join('\n');
}

export interface KlueEvalOptions {
  file: string;
  json?: boolean;
  nerModelDir?: string;
  limit?: number;
  /** [K, M]: the sentences whose 0-based index i has i % M == K. */
  part?: [number, number];
}

export async function run({ file, json, nerModelDir, limit, part }: KlueEvalOptions): Promise<number> {
  const { loadResources, annotate } = await import('../index.js');
  let sentences = parseKlue(readFileSync(file, 'utf8'));
  if (part !== undefined) {
    // e.g. 9/10 is the NER model's test split.
    const [k, m] = part;
    sentences = sentences.filter((_, i) => i % m === k);
  }
  if (limit !== undefined) sentences = sentences.slice(0, limit);
  const res = await loadResources({ nerModelDir });
  const items = [];
  for (const s of sentences) {
    const doc = await annotate(emptyArticle({ id: s.id, source: file, text: s.text }), res);
    if (doc.error) console.error(`${s.id}: ${doc.error.stage}: ${doc.error.message}`);
    items.push({ text: s.text, gold: s.tags, pred: tagsFromSpans(s.text.length, doc.entities) });
  }
  const scores = klueScores(items);
  console.log(json ? JSON.stringify({ file, sentences: items.length, ...scores }) : `${items.length} sentences of ${file}\n${formatScores(scores)}`);
  return 0;
}
