// `npm run train:ner [-- --corpus FILE] [--out FILE] [--epochs N] [--seed N] [--min-count N] [--no-kb] [--no-refit]`
// Trains the NER model on KLUE-NER with a fixed split of the corpus by sentence index:
// i % 10 == 8 → dev (epoch choice, temperature, calibration), i % 10 == 9 → test (reported,
// never tuned on), the rest → train. The shipped model is then refit on train + dev.
// Deterministic for a given seed, corpus and KB.
// Writes the model (models/ner/model.bin.gz) and its measured scores (models/ner/scores.json).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { loadKnowledgeBase } from '../../link/kb.js';
import { corpora } from '../../run/package.js';
import { loadTokenizers } from '../../tokenize/index.js';
import { buildGazetteer } from '../gazetteer.js';
import { nameIndex } from '../../link/name-index.js';
import { defaultModelPath } from '../index.js';
import { parseKlue } from '../klue-format.js';
import { evaluateModel, featurize, trainModel, type Evaluation } from './trainer.js';

const SPLIT = { dev: 8, test: 9, modulo: 10 } as const;

const brief = (e: Evaluation) => ({
  entityMacroF1: e.entity.macroF1,
  entityMicro: e.entity.micro,
  charMacroF1: e.char.macroF1,
  perType: Object.fromEntries(Object.entries(e.entity.perLabel).map(([k, v]) => [k, { precision: v.precision, recall: v.recall, f1: v.f1, gold: v.gold }])),
  charPerLabel: Object.fromEntries(Object.entries(e.char.perLabel).map(([k, v]) => [k, v.f1])),
  eceRaw: e.eceRaw,
  eceCalibrated: e.eceCalibrated,
  spans: e.spans,
});

export async function main(argv: string[]): Promise<number> {
  const { values: opt } = parseArgs({
    args: argv,
    options: {
      corpus: { type: 'string', default: corpora.klueNer() },
      out: { type: 'string', default: defaultModelPath() },
      epochs: { type: 'string', default: '16' },
      seed: { type: 'string', default: '1' },
      'min-count': { type: 'string', default: '1' },
      'no-kb': { type: 'boolean', default: false },
      'no-refit': { type: 'boolean', default: false },
    },
  });
  const { corpus, out } = opt;
  const epochs = Number(opt.epochs);
  const seed = Number(opt.seed);
  const minCount = Number(opt['min-count']);
  const t0 = Date.now();
  const sentences = parseKlue(readFileSync(corpus, 'utf8'));
  // The KB is optional: a model trained without it has no gazetteer features.
  const kb = opt['no-kb'] ? null : await loadKnowledgeBase().catch((err: Error) => { console.warn(`training without the KB: ${err.message.split('\n')[0]}`); return null; });
  const names = kb ? nameIndex(kb) : null;
  const tokenizers = await loadTokenizers(names ?? []);
  const gazetteer = names ? buildGazetteer(names) : null;
  const part = (i: number) => (i % SPLIT.modulo === SPLIT.dev ? 'dev' : i % SPLIT.modulo === SPLIT.test ? 'test' : 'train');
  const split = { train: sentences.filter((_, i) => part(i) === 'train'), dev: sentences.filter((_, i) => part(i) === 'dev'), test: sentences.filter((_, i) => part(i) === 'test') };
  const res = { kb, tokenizers, gazetteer };
  const [train, dev, test] = [await featurize(split.train, res), await featurize(split.dev, res), await featurize(split.test, res)];
  const tFeat = Date.now();
  console.log(`${sentences.length} sentences: ${split.train.length} train, ${split.dev.length} dev, ${split.test.length} test; ${names?.size ?? 0} KB terms; featurized in ${((tFeat - t0) / 1000).toFixed(1)} s`);
  const selection = trainModel(train, dev, { epochs, seed, minCount, log: (l) => console.log(l) });
  const selectionDev = evaluateModel(selection.model, dev);
  // The shipped model is refit on train + dev with the chosen epoch count, keeping the temperature
  // and calibration fitted on dev (--no-refit ships the train-only model).
  const refit = !opt['no-refit'];
  if (refit) console.log(`refit on train + dev for ${selection.bestEpoch} epochs`);
  const result = refit
    ? trainModel([...train, ...dev], [], { epochs: selection.bestEpoch, seed, minCount, fitted: selection.model.header })
    : selection;
  const trainSeconds = (Date.now() - t0) / 1000;
  // Dev scores are those of the train-only model (the refit has seen dev).
  const devEval = selectionDev;
  const testEval = evaluateModel(result.model, test);
  const testTrainOnly = refit ? evaluateModel(selection.model, test) : testEval;
  Object.assign(result.model.header.meta, {
    trainedAt: new Date().toISOString().slice(0, 10),
    corpus: corpus.split('/').pop(),
    split: `sentence index i: i % ${SPLIT.modulo} == ${SPLIT.dev} dev, == ${SPLIT.test} test, else train`,
    sentences: { train: split.train.length, dev: split.dev.length, test: split.test.length },
    kbTerms: names?.size ?? 0,
    epochs, bestEpoch: selection.bestEpoch, refitOnTrainAndDev: refit, seed, minCount,
    features: result.model.featureCount,
  });
  result.model.save(out);
  const scores = {
    model: out.split('/').pop(),
    bytes: statSync(out).size,
    trainSeconds,
    cpu: cpus()[0]?.model,
    ...result.model.header.meta,
    epochHistory: selection.epochs,
    temperature: result.model.header.temperature,
    rules: result.model.header.rules,
    dev: brief(devEval),
    test: brief(testEval),
    testOfTrainOnlyModel: brief(testTrainOnly),
  };
  writeFileSync(join(dirname(out), 'scores.json'), JSON.stringify(scores, null, 2) + '\n');
  const pct = (x: number) => (100 * x).toFixed(2);
  console.log(`best epoch ${selection.bestEpoch}; ${result.model.featureCount} features; ${scores.bytes} bytes; ${trainSeconds.toFixed(0)} s`);
  for (const [name, e] of [['dev (train-only model)', devEval], ['test (train-only model)', testTrainOnly], ['test (shipped model)', testEval]] as const) {
    console.log(`${name}: entity macro F1 ${pct(e.entity.macroF1)} (micro ${pct(e.entity.micro.f1)}), char macro F1 ${pct(e.char.macroF1)}, ECE raw ${e.eceRaw.toFixed(3)} calibrated ${e.eceCalibrated.toFixed(3)}`);
    console.log('  ' + Object.entries(e.entity.perLabel).map(([k, v]) => `${k} ${pct(v.f1)}`).join('  '));
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main(process.argv.slice(2)).then((c) => { process.exitCode = c; }, (err) => { console.error(err); process.exitCode = 1; });
}
