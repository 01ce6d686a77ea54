// Training the NER model from KLUE-format sentences: featurize them exactly as the ner stage
// does (segment + tokenize stages, then features.ts), train the averaged perceptron, pick the
// epoch by entity F1 on the dev part, fit the temperature (maximum likelihood of the dev gold
// paths) and the calibration maps (isotonic, on dev spans), and measure rule precision.
import { segmentStage } from '../../segment/index.js';
import { tokenizeStage, type Tokenizers } from '../../tokenize/index.js';
import type { KnowledgeBase } from '../../link/kb.js';
import type { Resources } from '../../resources.js';
import { emptyArticle, type Article } from '../../types.js';
import { klueScores } from '../../eval/klue.js';
import { expectedCalibrationError, fitIsotonic, applyIsotonic } from '../calibrate.js';
import { LABELS, LABEL_INDEX, forwardBackward, pathSpans, sequenceLogProb, viterbi } from '../decode.js';
import { FeatureTable, type HashedFeatures } from '../feature-hash.js';
import { extractFeatures, sentenceInputs } from '../features.js';
import { gazetteerSpans, type Gazetteer } from '../gazetteer.js';
import { tagsFromSpans, type KlueSentence } from '../klue-format.js';
import { MODEL_FORMAT, NerModel, type ModelHeader, type RuleStats } from '../model.js';
import { quantityMatches } from '../rules.js';
import { AveragedPerceptron, chainScores, seededRandom, shuffle, type EncodedSentence, type Weights } from './perceptron.js';

/** One taggable unit (a sentence as the segment stage cuts it) with its gold labels. */
export interface Unit {
  id: string;
  text: string;
  feats: HashedFeatures;
  gold: number[];
  gazetteer: Gazetteer | null;
}

export interface FeaturizeResources {
  kb: KnowledgeBase | null;
  tokenizers: Tokenizers;
  gazetteer: Gazetteer | null;
}

/** Runs segment + tokenize on each sentence as its own article, then extracts features per unit. */
export async function featurize(sentences: readonly KlueSentence[], res: FeaturizeResources): Promise<Unit[]> {
  // Training uses the stages without a NER model; only kb and tokenizers are read before the ner stage.
  const stageRes = { kb: res.kb, tokenizers: res.tokenizers } as Resources;
  const units: Unit[] = [];
  for (const s of sentences) {
    let doc: Article = emptyArticle({ id: s.id, source: 'klue', text: s.text });
    doc = await segmentStage.run(doc, stageRes);
    doc = await tokenizeStage.run(doc, stageRes);
    for (const input of sentenceInputs(doc, res.gazetteer)) {
      const tags = s.tags.slice(input.offset, input.offset + input.text.length);
      // A unit cut inside an entity starts with I-X; the chain model reads it as B-X.
      if (tags[0]?.startsWith('I-')) tags[0] = `B-${tags[0].slice(2)}`;
      units.push({ id: s.id, text: input.text, feats: extractFeatures(input), gold: tags.map((t) => LABEL_INDEX.get(t)!), gazetteer: res.gazetteer });
    }
  }
  return units;
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  /** Features seen fewer times in training are dropped. */
  minCount: number;
  /** Probability fitting taken from an earlier run instead of fitted on `dev` (a refit on train + dev has no held-out part). */
  fitted?: Pick<ModelHeader, 'temperature' | 'spanCalibration' | 'kbCalibration' | 'ruleCalibration' | 'minConfidence'>;
  log?: (line: string) => void;
}

export interface TrainResult {
  model: NerModel;
  bestEpoch: number;
  epochs: { epoch: number; errors: number; devEntityF1: number }[];
}

/** The units' features as ids: a feature's id is `ids[row]` of its row in `table`, dropped where negative. */
function encode(units: readonly Unit[], table: FeatureTable, ids: Int32Array): EncodedSentence[] {
  return units.map(({ feats, gold }) => {
    const out: number[] = [];
    const offsets = new Int32Array(feats.n + 1);
    for (let t = 0; t < feats.n; t++) {
      for (let k = feats.offsets[t]; k < feats.offsets[t + 1]; k++) {
        const r = table.get(feats.a[k], feats.b[k]);
        if (r >= 0 && ids[r] >= 0) out.push(ids[r]);
      }
      offsets[t + 1] = out.length;
    }
    return { n: feats.n, offsets, ids: Int32Array.from(out), gold: Int32Array.from(gold) };
  });
}

const tagsOf = (path: ArrayLike<number>) => Array.from(path, (y) => LABELS[y]);
const spanKey = (s: { start: number; end: number; type: string }) => `${s.start}:${s.end}:${s.type}`;
/** The gold spans of a unit, as spanKey()s. */
const goldKeys = (u: Unit) => new Set(pathSpans(u.gold).map(spanKey));

export function trainModel(train: readonly Unit[], dev: readonly Unit[], opts: TrainOptions): TrainResult {
  const log = opts.log ?? (() => {});
  // Every training feature gets a row of `seen` (first seen first); those seen often enough get ids.
  const seen = FeatureTable.withCapacity(1 << 20);
  let counts = new Int32Array(1 << 20);
  for (const { feats } of train) {
    for (let k = 0; k < feats.a.length; k++) {
      const r = seen.add(feats.a[k], feats.b[k]);
      if (r === counts.length) { const more = new Int32Array(2 * counts.length); more.set(counts); counts = more; }
      counts[r]++;
    }
  }
  // Row of `seen` → feature id, or -1 for a feature seen fewer than minCount times.
  const ids = new Int32Array(seen.size);
  let featureCount = 0;
  for (let r = 0; r < seen.size; r++) ids[r] = counts[r] >= opts.minCount ? featureCount++ : -1;
  log(`${featureCount} features (of ${seen.size}) seen at least ${opts.minCount} times`);
  const trainEnc = encode(train, seen, ids);
  const devEnc = encode(dev, seen, ids);
  const all = seen.keys();
  const keys = { a: all.a.filter((_, r) => ids[r] >= 0), b: all.b.filter((_, r) => ids[r] >= 0) };

  const perceptron = new AveragedPerceptron(featureCount);
  const random = seededRandom(opts.seed);
  const order = trainEnc.map((_, i) => i);
  let best: { weights: Weights; f1: number; epoch: number } | null = null;
  const history: TrainResult['epochs'] = [];
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    let errors = 0;
    for (const i of shuffle(order, random)) if (perceptron.learn(trainEnc[i])) errors++;
    const weights = perceptron.averaged();
    const f1 = devEnc.length ? klueScores(devEnc.map((s, k) => ({ text: dev[k].text, gold: tagsOf(s.gold), pred: tagsOf(viterbi(chainScores(weights, s))) }))).entity.macroF1 : 0;
    history.push({ epoch, errors, devEntityF1: f1 });
    log(`epoch ${epoch}: ${errors} of ${trainEnc.length} units wrong; dev entity macro F1 ${(100 * f1).toFixed(2)}`);
    // Ties go to the later epoch: more training at equal dev score.
    if (!best || f1 >= best.f1) best = { weights, f1, epoch };
  }
  const w = best!.weights;

  const temperature = opts.fitted?.temperature ?? fitTemperature(devEnc.map((s) => ({ s, scores: chainScores(w, s) })));
  log(`temperature ${temperature.toFixed(3)}`);
  const header: ModelHeader = {
    format: MODEL_FORMAT,
    labels: [...LABELS],
    transition: Array.from(w.transition, (x) => Number(x.toPrecision(6))),
    start: Array.from(w.start, (x) => Number(x.toPrecision(6))),
    temperature,
    spanCalibration: { x: [], y: [] },
    kbCalibration: null,
    ruleCalibration: null,
    rules: ruleStats(train),
    meta: {},
  };
  if (opts.fitted) {
    header.spanCalibration = opts.fitted.spanCalibration;
    header.kbCalibration = opts.fitted.kbCalibration;
    header.ruleCalibration = opts.fitted.ruleCalibration ?? null;
    header.minConfidence = opts.fitted.minConfidence ?? 0;
  } else {
    const { spanPoints, kbPoints, rulePoints } = calibrationPoints(NerModel.fromDense(header, keys, w.emission), dev);
    header.spanCalibration = fitIsotonic(spanPoints);
    header.kbCalibration = kbPoints.length >= 30 ? fitIsotonic(kbPoints) : null;
    header.ruleCalibration = rulePoints.length >= 30 ? fitIsotonic(rulePoints) : null;
    log(`calibration: ${spanPoints.length} dev spans, ${kbPoints.length} dev gazetteer hits, ${rulePoints.length} dev quantity-rule matches`);
    header.minConfidence = fitThreshold(NerModel.fromDense(header, keys, w.emission), dev);
    log(`minimum span confidence ${header.minConfidence}`);
  }
  return { model: NerModel.fromDense(header, keys, w.emission), bestEpoch: best!.epoch, epochs: history };
}

/** Grid search (log scale, then refined) for the T maximizing the dev gold paths' log-likelihood. */
function fitTemperature(items: readonly { s: EncodedSentence; scores: ReturnType<typeof chainScores> }[]): number {
  if (!items.length) return 1;
  const ll = (T: number) => items.reduce((sum, { s, scores }) => sum + sequenceLogProb(forwardBackward(scores, T), s.gold), 0);
  let bestT = 1, bestLL = -Infinity;
  for (let e = -3; e <= 3; e += 0.25) {
    const T = 10 ** e, v = ll(T);
    if (v > bestLL) { bestLL = v; bestT = T; }
  }
  for (const f of [0.8, 0.85, 0.9, 0.95, 1.05, 1.1, 1.15, 1.2]) {
    const T = bestT * f, v = ll(T);
    if (v > bestLL) { bestLL = v; bestT = T; }
  }
  return Number(bestT.toPrecision(4));
}

/** (raw score, correct?) pairs on held-out units: predicted spans, gazetteer spans, quantity-rule matches. */
export function calibrationPoints(model: NerModel, units: readonly Unit[]): Record<'spanPoints' | 'kbPoints' | 'rulePoints', { score: number; correct: boolean }[]> {
  const spanPoints: { score: number; correct: boolean }[] = [];
  const kbPoints: { score: number; correct: boolean }[] = [];
  const rulePoints: { score: number; correct: boolean }[] = [];
  for (const u of units) {
    const gold = goldKeys(u);
    const { spans, typeMarginal } = model.tag(u.feats, { all: true });
    for (const s of spans) spanPoints.push({ score: s.probability, correct: gold.has(spanKey(s)) });
    if (u.gazetteer) for (const g of gazetteerSpans(u.text, u.gazetteer)) kbPoints.push({ score: typeMarginal(g.start, g.end, g.type), correct: gold.has(spanKey(g)) });
    for (const m of quantityMatches(u.text)) rulePoints.push({ score: typeMarginal(m.start, m.end, 'QT'), correct: gold.has(spanKey({ ...m, type: 'QT' })) });
  }
  return { spanPoints, kbPoints, rulePoints };
}

/**
 * The confidence cut (0, 0.05, …, 0.6) that maximizes the mean of entity-level and
 * character-level micro F1 (KLUE's two measures) on held-out units; ties go to the lower cut.
 */
function fitThreshold(model: NerModel, units: readonly Unit[]): number {
  if (!units.length) return 0;
  const tagged = units.map((u) => ({ u, spans: model.tag(u.feats, { all: true }).spans }));
  let best = { cut: 0, score: -1 };
  for (let k = 0; k <= 12; k++) {
    const cut = k / 20;
    const items = tagged.map(({ u, spans }) => ({
      text: u.text,
      gold: tagsOf(u.gold),
      pred: tagsFromSpans(u.text.length, spans.filter((s) => s.confidence >= cut)),
    }));
    const { entity, char } = klueScores(items);
    const score = (entity.micro.f1 + char.micro.f1) / 2;
    if (score > best.score + 1e-12) best = { cut, score };
  }
  return best.cut;
}

/** Precision of each rule on the training units: how often its match is exactly a gold QT span. */
function ruleStats(units: readonly Unit[]): RuleStats {
  const stats: RuleStats = {};
  for (const u of units) {
    const gold = goldKeys(u);
    for (const m of quantityMatches(u.text)) {
      const st = (stats[m.rule] ??= { hits: 0, n: 0 });
      st.n++;
      if (gold.has(spanKey({ ...m, type: 'QT' }))) st.hits++;
    }
  }
  return stats;
}

export interface Evaluation {
  entity: ReturnType<typeof klueScores>['entity'];
  char: ReturnType<typeof klueScores>['char'];
  /** Expected calibration error of span confidences: raw span probability, and after calibration. */
  eceRaw: number;
  eceCalibrated: number;
  spans: number;
}

/** Scores of the model alone (no rules, gazetteer or merge) on units with gold labels. */
export function evaluateModel(model: NerModel, units: readonly Unit[]): Evaluation {
  const items = [];
  const raw: { p: number; correct: boolean }[] = [];
  const cal: { p: number; correct: boolean }[] = [];
  for (const u of units) {
    const { spans } = model.tag(u.feats);
    const gold = goldKeys(u);
    for (const s of spans) {
      const correct = gold.has(spanKey(s));
      raw.push({ p: s.probability, correct });
      cal.push({ p: applyIsotonic(model.header.spanCalibration, s.probability), correct });
    }
    items.push({ text: u.text, gold: tagsOf(u.gold), pred: tagsFromSpans(u.text.length, spans) });
  }
  const { entity, char } = klueScores(items);
  return { entity, char, eceRaw: expectedCalibrationError(raw), eceCalibrated: expectedCalibrationError(cal), spans: raw.length };
}
