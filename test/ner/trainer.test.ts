// A tiny training run on hand-made sentences: the trainer fits them, is deterministic, and the
// saved model tags exactly as the trained one.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTokenizers } from '../../pipeline/tokenize/index.js';
import { tagsFromSpans, type KlueSentence, type TypedSpan } from '../../pipeline/ner/klue-format.js';
import { NerModel } from '../../pipeline/ner/model.js';
import { evaluateModel, featurize, trainModel } from '../../pipeline/ner/train/trainer.js';

function sentence(id: string, text: string, names: [string, TypedSpan['type']][]): KlueSentence {
  const spans = names.map(([name, type]) => { const start = text.indexOf(name); return { start, end: start + name.length, type }; });
  return { id, text, tags: tagsFromSpans(text.length, spans) };
}

const SENTENCES = [
  sentence('t0', '김민수 장관은 서울에서 회의를 열었다.', [['김민수', 'PS'], ['서울', 'LC']]),
  sentence('t1', '박영희 의원이 부산을 방문했다.', [['박영희', 'PS'], ['부산', 'LC']]),
  sentence('t2', '국방부는 3일 성명을 냈다.', [['국방부', 'OG'], ['3일', 'DT']]),
  sentence('t3', '이철호 대표는 대구에서 5명을 만났다.', [['이철호', 'PS'], ['대구', 'LC'], ['5명', 'QT']]),
  sentence('t4', '외교부는 오후 2시 발표했다.', [['외교부', 'OG'], ['오후 2시', 'TI']]),
  sentence('t5', '최지우 장관은 광주에 갔다.', [['최지우', 'PS'], ['광주', 'LC']]),
];

describe('NER trainer', () => {
  it('fits a handful of sentences deterministically and saves a model that tags the same', async () => {
    const res = { kb: null, tokenizers: await loadTokenizers([]), gazetteer: null };
    const units = await featurize(SENTENCES, res);
    expect(units.map((u) => u.id)).toEqual(SENTENCES.map((s) => s.id));
    const opts = { epochs: 6, seed: 3, minCount: 1 };
    const a = trainModel(units, units.slice(0, 2), opts);
    const b = trainModel(units, units.slice(0, 2), opts);
    const fit = evaluateModel(a.model, units);
    expect(fit.entity.micro.f1).toBe(1);
    expect(a.model.header.temperature).toBeGreaterThan(0);

    const dir = mkdtempSync(join(tmpdir(), 'hanlink-ner-'));
    try {
      a.model.save(join(dir, 'a.gz'));
      b.model.save(join(dir, 'b.gz'));
      expect(readFileSync(join(dir, 'a.gz')).equals(readFileSync(join(dir, 'b.gz')))).toBe(true);
      const loaded = NerModel.load(join(dir, 'a.gz'));
      for (const u of units) expect(loaded.tag(u.feats).spans).toEqual(a.model.tag(u.feats).spans);
      // The rule statistics count the quantity rule's hits on training sentences: "5명" is one.
      expect(loaded.header.rules.quantity).toEqual({ hits: 1, n: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
