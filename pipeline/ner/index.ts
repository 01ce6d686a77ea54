// The NER stage: tags each sentence with the character-level model (features.ts + model.ts),
// adds knowledge-base gazetteer names, quantity rules and, when `--ner-model DIR` is given, an
// ONNX token-classification model, and merges them (merge.ts) into doc.entities.
// Phone numbers, URLs and e-mail addresses block entities inside them (rules.ts); spans never
// end in a particle (조사): a trailing particle token is cut off.
import { join } from 'node:path';
import type { Stage } from '../stage.js';
import type { KnowledgeBase } from '../link/kb.js';
import { packageRoot } from '../run/package.js';
import { StageError, type Article, type Entity, type EntityType, type Token } from '../types.js';
import { applyIsotonic } from './calibrate.js';
import { extractFeatures, sentenceInputs } from './features.js';
import { nameIndex } from '../link/name-index.js';
import { buildGazetteer, gazetteerSpans, type Gazetteer } from './gazetteer.js';
import { mergeEntities } from './merge.js';
import { NerModel } from './model.js';
import { Scratch } from './scratch.js';
import { loadOnnxTagger, type OnnxTagger } from './onnx.js';
import { blockedMatches, quantityMatches } from './rules.js';
import { isSpaceCode } from '../segment/scripts.js';

export interface NerResources {
  model: NerModel;
  gazetteer: Gazetteer | null;
  /** Finer class of a KB name ("country", "ministry", ...) for an entity's subtype. */
  subtypeOf: (name: string) => string | null;
  onnx: OnnxTagger | null;
  /** The features' per-sentence arrays, reused (the resources belong to one thread). */
  scratch: Scratch;
}

/** The shipped model, which `npm run train:ner` writes. */
export function defaultModelPath(): string {
  return join(packageRoot(), 'models', 'ner', 'model.bin.gz');
}

/** The NER resources; `model` is the shipped model shared by the worker threads (read here when absent). */
export async function loadNer(opts: { onnxDir?: string; kb?: KnowledgeBase | null; model?: NerModel }): Promise<NerResources> {
  const model = opts.model ?? NerModel.load(defaultModelPath());
  const terms = opts.kb?.terms() ?? [];
  const byText = new Map(terms.map((t) => [t.text, t]));
  const subtypeOf = (name: string) => {
    const term = byText.get(name);
    if (!term) return null;
    const entity = opts.kb?.get(term.id.split('|')[0]) as { kind?: string } | undefined;
    return entity?.kind ?? term.kind;
  };
  return {
    model,
    gazetteer: opts.kb && terms.length ? buildGazetteer(nameIndex(opts.kb)) : null,
    subtypeOf,
    onnx: opts.onnxDir ? await loadOnnxTagger(opts.onnxDir) : null,
    scratch: new Scratch(),
  };
}

/**
 * Probability of a rule's match: where the model file has a fitted map, the precision of rule
 * matches on dev given the model's mean QT marginal over the match (a match the model disagrees
 * with is far less often right); otherwise the rule's precision on training sentences, smoothed.
 */
function ruleConfidence(model: NerModel, rule: string, qtMarginal: number): number {
  if (model.header.ruleCalibration) return applyIsotonic(model.header.ruleCalibration, qtMarginal);
  const s = model.header.rules[rule] ?? { hits: 0, n: 0 };
  return (s.hits + 1) / (s.n + 2);
}

/**
 * Cuts trailing whitespace and particle (J*) tokens off a span: "오스틴 장관은" → never "오스틴은".
 * `tokens` are in text order; only those starting inside the span are read.
 */
export function trimSpan(text: string, tokens: readonly Token[], start: number, end: number): number {
  // The first token starting after `start`.
  let lo = 0, hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start > start) hi = mid;
    else lo = mid + 1;
  }
  for (;;) {
    while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
    let cut = -1;
    for (let k = lo; k < tokens.length && tokens[k].start < end; k++) {
      if (tokens[k].end >= end && tokens[k].pos.startsWith('J')) { cut = tokens[k].start; break; }
    }
    if (cut < 0) return end;
    end = cut;
  }
}

/** Whether offset `i` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, i: number): boolean {
  return i > 0 && i < text.length && /[\uD800-\uDBFF]/.test(text[i - 1]) && /[\uDC00-\uDFFF]/.test(text[i]);
}

async function tagDocument(doc: Article, ner: NerResources): Promise<Entity[]> {
  const proposals: Entity[] = [];
  const blocked: { start: number; end: number }[] = [];
  for (const input of sentenceInputs(doc, ner.gazetteer)) {
    const off = input.offset;
    const make = (start: number, end: number, type: EntityType, confidence: number, source: Entity['source'], subtype: string | null = null): Entity => {
      // The character model tags UTF-16 units: widen a span that cuts a surrogate pair ("3𝟜일") to whole characters.
      const s = splitsPair(doc.text, off + start) ? off + start - 1 : off + start;
      const e = trimSpan(doc.text, doc.tokens, s, splitsPair(doc.text, off + end) ? off + end + 1 : off + end);
      return { start: s, end: e, text: doc.text.slice(s, e), type, subtype, confidence, link: null, source };
    };
    const { spans, typeMarginal } = ner.model.tag(extractFeatures(input, ner.scratch));
    for (const s of spans) proposals.push(make(s.start, s.end, s.type, s.confidence, 'model'));
    if (ner.gazetteer) {
      const cal = ner.model.header.kbCalibration ?? ner.model.header.spanCalibration;
      for (const g of gazetteerSpans(input.text, ner.gazetteer)) {
        const name = input.text.slice(g.start, g.end);
        proposals.push(make(g.start, g.end, g.type, applyIsotonic(cal, typeMarginal(g.start, g.end, g.type)), 'kb', ner.subtypeOf(name) ?? g.kind));
      }
    }
    const blockedHere = blockedMatches(input.text);
    for (const m of quantityMatches(input.text, blockedHere)) proposals.push(make(m.start, m.end, 'QT', ruleConfidence(ner.model, m.rule, typeMarginal(m.start, m.end, 'QT')), 'rule'));
    for (const b of blockedHere) blocked.push({ start: off + b.start, end: off + b.end });
    if (ner.onnx) for (const s of await ner.onnx.tag(input.text)) proposals.push(make(s.start, s.end, s.type, s.confidence, 'onnx'));
  }
  // The model's F1-optimal confidence cut applies to every calibrated proposal (model, kb, rule);
  // an ONNX model's scores are its own.
  const cut = ner.model.header.minConfidence ?? 0;
  const allowed = proposals.filter((e) => e.end > e.start && (e.source === 'onnx' || e.confidence >= cut) && !blocked.some((b) => b.start < e.end && e.start < b.end));
  return mergeEntities(doc.entities, allowed);
}

export const nerStage: Stage = {
  name: 'ner',
  async run(doc, res) {
    try {
      return { ...doc, entities: await tagDocument(doc, res.ner) };
    } catch (err) {
      throw StageError.from(doc.id, 'ner', err);
    }
  },
};
