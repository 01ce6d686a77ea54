// The ONNX backend end to end: a tiny token-classification model built here (tiny-onnx.ts) runs
// through @huggingface/transformers' pipeline, and through the ner stage beside the built-in model.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipeline, env } from '@huggingface/transformers';
import { loadNer, nerStage } from '../../pipeline/ner/index.js';
import { loadOnnxTagger, spansFromTokens } from '../../pipeline/ner/onnx.js';
import type { Resources } from '../../pipeline/resources.js';
import { emptyArticle } from '../../pipeline/types.js';
import { buildTinyTokenClassifier } from './tiny-onnx.js';

let dir: string;
beforeAll(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'hanlink-onnx-')), 'tiny-ner');
  // Rare syllables as a "name" the built-in model has never seen, and 서울 as a place.
  buildTinyTokenClassifier(dir, { 뫎: 'B-PS', 뫏: 'I-PS', 서: 'B-LC', 울: 'I-LC' });
});
afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

describe('tiny ONNX token classifier', () => {
  it('runs through the library pipeline with local files only', async () => {
    const tagger = await loadOnnxTagger(dir);
    expect(env.allowRemoteModels).toBe(false);
    const classify = await pipeline('token-classification', 'tiny-ner', { dtype: 'fp32', device: 'cpu' });
    const raw = (await classify('뫎뫏 씨', { ignore_labels: [] })) as unknown as { entity: string; word: string; score: number }[];
    // 씨 is outside the vocabulary: [UNK], a special token the pipeline leaves out.
    expect(raw.map((t) => [t.word, t.entity])).toEqual([['뫎', 'B-PS'], ['뫏', 'I-PS']]);
    // softmax of logits (4, 0, 0, 0, 0) over five labels
    expect(raw[0].score).toBeCloseTo(Math.exp(4) / (Math.exp(4) + 4), 5);
    expect(await tagger.tag('어제 서울 뫎뫏뫏 씨')).toEqual([
      { start: 3, end: 5, type: 'LC', confidence: expect.closeTo(raw[0].score, 5) },
      { start: 6, end: 9, type: 'PS', confidence: expect.closeTo(raw[0].score, 5) },
    ]);
  });

  it('feeds its spans into the ner stage merge', async () => {
    const ner = await loadNer({ onnxDir: dir, kb: null });
    const doc = await nerStage.run(emptyArticle({ id: 'onnx', source: 'test', text: '어제 뫎뫏뫏 씨를 만났다.' }), { ner } as Resources);
    const e = doc.entities.find((x) => x.text === '뫎뫏뫏');
    expect(e).toMatchObject({ start: 3, end: 6, type: 'PS', source: 'onnx' });
    expect(e!.confidence).toBeGreaterThan(0.5);
    expect(e!.confidence).toBeLessThan(1);
  });

  it('aligns token words back to text offsets', () => {
    const toks = [
      { entity: 'B-OG', score: 0.9, index: 1, word: '국방' },
      { entity: 'I-OG', score: 0.8, index: 2, word: '##부' },
      { entity: 'O', score: 0.99, index: 3, word: '는' },
      { entity: 'I-PS', score: 0.7, index: 4, word: 'Kim' },
    ];
    expect(spansFromTokens('국방부는 Kim', toks)).toEqual([
      { start: 0, end: 3, type: 'OG', confidence: 0.8 },
      { start: 5, end: 8, type: 'PS', confidence: 0.7 },
    ]);
  });
});
