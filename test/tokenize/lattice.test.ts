// The in-place lattice builder (pipeline/tokenize/lattice.ts), on kuromoji-ko's own tokenizer and
// on one built over the dictionary's shared arrays (korean-dict.ts), against kuromoji-ko as
// shipped: the very same tokens on thousands of KLUE raw sentences and on awkward text (emoji,
// lone surrogates, long runs of one character class, mixed scripts).
import { existsSync, readFileSync } from 'node:fs';
import type { Tokenizer } from 'kuromoji-ko';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStockTokenizer } from '../../pipeline/tokenize/korean.js';
import { readKoreanDictionary, tokenizerOver } from '../../pipeline/tokenize/korean-dict.js';
import { useInPlaceLattice } from '../../pipeline/tokenize/lattice.js';
import { corpora } from '../../pipeline/run/package.js';

let stock: Tokenizer;
let inPlace: Tokenizer;
let overArrays: Tokenizer;
beforeAll(async () => {
  stock = await loadStockTokenizer();
  inPlace = useInPlaceLattice(await loadStockTokenizer());
  const dict = await readKoreanDictionary();
  overArrays = useInPlaceLattice(await tokenizerOver(dict), dict.targets);
}, 60_000);

const same = (text: string) => {
  const expected = stock.tokenize(text);
  expect(inPlace.tokenize(text), text).toEqual(expected);
  expect(overArrays.tokenize(text), text).toEqual(expected);
};

describe('the in-place lattice builder', () => {
  it('gives the tokens of kuromoji-ko on awkward text', () => {
    for (const text of [
      '', ' ', '가', '국방부는 3일 오후 2시 F-35A 40대를 도입한다고 밝혔다.',
      '이모지😀가 들어간 문장🇰🇷과 𠀀 확장 한자', '외톨이 서로게이트\udc00도 있다', 'ㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋ 아아아아아아아아아아',
      '1234567890123 ABCDEFGHIJ abcdefghij ＡＢＣ１２３', '森 健良 「ありがとう」 北 미사일 韓美', '\t\n\u3000탭과\u00a0공백',
      '가'.repeat(300), 'SCM에서 Wendy R. Sherman과 만났다'.repeat(20),
    ]) same(text);
  });

  it('gives the tokens of kuromoji-ko on thousands of KLUE raw sentences', (ctx) => {
    const file = corpora.klueRaw();
    if (!existsSync(file)) {
      console.log(`skipped: ${file} is absent`);
      ctx.skip();
    }
    const sentences = readFileSync(file, 'utf8').split('\n').filter((s) => s.trim() !== '').slice(0, 4000);
    expect(sentences.length).toBeGreaterThan(1000);
    for (const s of sentences) same(s);
  }, 300_000);

  it('fails like kuromoji-ko on a high surrogate without its low half', () => {
    expect(() => stock.tokenize('깨진\ud800문자')).toThrow();
    expect(() => inPlace.tokenize('깨진\ud800문자')).toThrow();
    expect(() => overArrays.tokenize('깨진\ud800문자')).toThrow();
  });
});
