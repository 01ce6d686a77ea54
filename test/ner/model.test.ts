// The committed model (models/ner/model.bin.gz) through the ner stage, on constructed sentences
// (not from the training data): robust facts only, such as a name before 장관 being a person.
// Only the stages up to ner run, so every entity here comes from the ner stage.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNer, nerStage, trimSpan, type NerResources } from '../../pipeline/ner/index.js';
import { loadKnowledgeBase } from '../../pipeline/link/kb.js';
import { nameIndex } from '../../pipeline/link/name-index.js';
import { segmentStage } from '../../pipeline/segment/index.js';
import { loadTokenizers, tokenizeStage } from '../../pipeline/tokenize/index.js';
import type { Resources } from '../../pipeline/resources.js';
import { emptyArticle, type Article, type Token } from '../../pipeline/types.js';

let res: Resources;
beforeAll(async () => {
  // The configuration the model was trained in and the pipeline runs: KB terms in the tokenizer and the gazetteer.
  const kb = await loadKnowledgeBase();
  const ner: NerResources = await loadNer({ kb });
  res = { kb, names: nameIndex(kb), tokenizers: await loadTokenizers(nameIndex(kb)), ner };
});

async function tag(text: string): Promise<Article> {
  let doc = emptyArticle({ id: 'ner-test', source: 'test', text });
  for (const stage of [segmentStage, tokenizeStage, nerStage]) doc = await stage.run(doc, res);
  return doc;
}
const found = (doc: Article) => doc.entities.map((e) => [e.text, e.type]);

describe('the trained NER model in the ner stage', () => {
  it('tags a person before a title and a city before a particle', async () => {
    const doc = await tag('김철수 장관은 어제 서울에서 기자회견을 열었다.');
    expect(found(doc)).toContainEqual(['김철수', 'PS']);
    expect(found(doc)).toContainEqual(['서울', 'LC']);
  });

  it('tags organizations, quantities, dates and times', async () => {
    const doc = await tag('국방부는 지난 3일 오후 2시 병사 16명을 부산으로 보냈다고 밝혔다.');
    expect(found(doc)).toEqual(expect.arrayContaining([['국방부', 'OG'], ['16명', 'QT'], ['부산', 'LC']]));
    expect(doc.entities.some((e) => e.type === 'DT' && e.text.includes('3일'))).toBe(true);
    expect(doc.entities.some((e) => e.type === 'TI' && e.text.includes('2시'))).toBe(true);
  });

  it('gives probabilities, spans that index the text, and no entity inside a phone number', async () => {
    const text = '박영수 대변인은 10일 미국 국무부와 협의했다. 문의 02-2100-7075. 이어 일본 외무성도 발표했다.';
    const doc = await tag(text);
    expect(doc.entities.length).toBeGreaterThanOrEqual(4);
    for (const e of doc.entities) {
      expect(text.slice(e.start, e.end)).toBe(e.text);
      expect(e.confidence).toBeGreaterThan(0);
      expect(e.confidence).toBeLessThan(1);
      expect(e.text).not.toMatch(/\s$|(은|는|이|가|을|를|와|과|에서|도)$/);
    }
    const phone = text.indexOf('02-2100');
    expect(doc.entities.filter((e) => e.end > phone && e.start < phone + 12)).toEqual([]);
    expect(new Set(doc.entities.map((e) => e.confidence)).size).toBeGreaterThan(1);
  });

  it('cuts a trailing particle token off a span', () => {
    const tok = (start: number, end: number, pos: string): Token => ({ start, end, surface: '', pos, semantic: null, reading: null, lemma: null, script: 'hangul', source: 'ko', term: null });
    const text = '오스틴은 왔다';
    expect(trimSpan(text, [tok(0, 3, 'NNP'), tok(3, 4, 'JX')], 0, 4)).toBe(3);
    expect(trimSpan(text, [tok(0, 3, 'NNP'), tok(3, 4, 'JX')], 0, 5)).toBe(3);
    expect(trimSpan(text, [tok(0, 4, 'NNP')], 0, 4)).toBe(4);
  });
});
