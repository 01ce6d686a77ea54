// IPADIC from the compact file (pipeline/tokenize/japanese-dict.ts) against kuromoji as shipped:
// the very same tokens (surface, POS fields, reading, pronunciation, basic form, word id and
// position) on Japanese text of all kinds, on random mixtures of scripts, through the tokenize
// stage on Korean sentences with Japanese glosses; whether the compact file was just written,
// read again, remade after damage, or could not be written at all (in memory).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import kuromoji, { type Tokenizer } from 'kuromoji';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpora } from '../../pipeline/run/package.js';
import { analyzeText, loadTokenizers, type Tokenizers } from '../../pipeline/tokenize/index.js';
import { JapaneseAnalyzer } from '../../pipeline/tokenize/japanese.js';
import { loadIpadic, stockIpadicPath, type Ipadic } from '../../pipeline/tokenize/japanese-dict.js';

let stock: Tokenizer;
let written: Ipadic;
let reread: Ipadic;
let inMemory: Ipadic;
const tmp = mkdtempSync(join(tmpdir(), 'hanlink-ipadic-'));

beforeAll(async () => {
  stock = await new Promise<Tokenizer>((resolve, reject) =>
    kuromoji.builder({ dicPath: stockIpadicPath() }).build((err, t) => (err ? reject(err) : resolve(t))),
  );
  const cache = join(tmp, 'cache');
  written = loadIpadic(cache);
  expect(existsSync(join(cache, 'ipadic-1.bin'))).toBe(true);
  reread = loadIpadic(cache);
  // A cache folder under a plain file cannot be made: the compact arrays stay in memory.
  writeFileSync(join(tmp, 'file'), '');
  inMemory = loadIpadic(join(tmp, 'file', 'cache'));
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const same = (text: string) => {
  const expected = stock.tokenize(text);
  for (const ipadic of [written, reread, inMemory]) expect(ipadic.tokenize(text), text).toEqual(expected);
};

describe('IPADIC from the compact file', () => {
  it('gives the tokens of kuromoji on Japanese news text', () => {
    for (const text of [
      '森健良外務事務次官は、ワシントンでキャンベル国務副長官と会談した。',
      '木原稔防衛大臣と岸田文雄首相は防衛省で記者会見を行い、反撃能力の保有について説明した。',
      '上川陽子外務大臣は外務省で韓国の趙兌烈外交部長官と電話会談を行いました。',
      '林芳正官房長官は「北朝鮮の弾道ミサイル発射は断じて容認できない」と述べた。',
      '沖縄県の嘉手納基地や神奈川県横須賀市の在日米軍基地で、日米共同訓練が実施された。',
      '陸上自衛隊、海上自衛隊、航空自衛隊の統合運用を担う統合作戦司令部が２０２５年３月に発足する。',
      '防衛装備庁はトマホーク400発の取得契約を締結し、2024年度から配備を始めると発表した。',
      'クアッド（日米豪印）の首脳会合では、インド太平洋のセキュリティとサプライチェーンが議題となった。',
      '国家安全保障会議（ＮＳＣ）は１２月１６日、安保関連３文書を閣議決定した。',
      '日韓ＧＳＯＭＩＡ（軍事情報包括保護協定）の正常化について、韓国国防部と協議が続いている。',
      '大阪府・京都府・兵庫県の知事が関西広域連合の会合に出席した。',
      'NATO首脳会議に出席するため、首相はブリュッセルへ向かった。',
      '第2次世界大戦後80年の節目に、広島と長崎で平和記念式典が開かれた。',
      '北朝鮮は日本海に向けて短距離弾道ミサイル２発を発射したと、韓国合同参謀本部が明らかにした。',
      'ﾊﾝｶｸｶﾀｶﾅのﾃｷｽﾄや、ｶﾀｶﾅ・ABC・１２３・①②③も読む。',
      '森 健良', '木原 稔', '岸田 文雄', '防衛省', '外務省', '内閣官房', '自衛隊', '韓美', '北',
      'ありがとうございました', 'ミサイル防衛', '東京都千代田区霞が関二丁目', '三菱重工業株式会社',
    ]) same(text);
  });

  it('gives the tokens of kuromoji on awkward text', () => {
    for (const text of [
      '', ' ', '　', '。', '、、、。。。', '「」', '森', 'あ'.repeat(300), 'ア'.repeat(120), '漢'.repeat(50),
      '絵文字😀😀😀と😀の並び', '𠮷野家の𠮷と𩸽', '😀', '😀😀', 'a😀b', 'ＡＢＣ😀ＤＥＦ', '１２３😀４５６',
      '外れた\udc00下位サロゲート', 'tab\tと改行\nと\u00a0ノーブレーク', '1234567890 abcdefghij ABCDEFGHIJ',
      '森健良、木原稔。岸田文雄、'.repeat(30), 'Ω αβγ кириллица', '韓国語の한국어と日本語',
    ]) same(text);
  });

  it('gives the tokens of kuromoji on random mixtures of scripts', () => {
    const pieces = ['森', '健', '良', '防衛', '省', 'の', 'は', 'を', 'ミサイル', 'ア', 'ｱ', 'ー', '・', '、', '。', '「', '」', '（', '）',
      '1', '２', '十', 'A', 'ｚ', ' ', '　', '😀', '𠮷', '한', '北', 'Ω', 'к', '\t', '-', '.'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => same(parts.join(''))),
      { numRuns: 300 },
    );
  });

  it('fails like kuromoji on a high surrogate without its low half', () => {
    expect(() => stock.tokenize('壊れた\ud800文字')).toThrow();
    for (const ipadic of [written, reread, inMemory]) expect(() => ipadic.tokenize('壊れた\ud800文字')).toThrow();
  });

  it('reuses the compact file, and makes it again where it was cut short or made from other files', () => {
    const cache = join(tmp, 'remade');
    const file = join(cache, 'ipadic-1.bin');
    const check = (ipadic: Ipadic) => expect(ipadic.tokenize('木原稔防衛大臣')).toEqual(stock.tokenize('木原稔防衛大臣'));
    check(loadIpadic(cache));
    const { size, ino } = statSync(file);
    check(loadIpadic(cache));
    expect(statSync(file).ino).toBe(ino);

    writeFileSync(file, readFileSync(file).subarray(0, 5000));
    check(loadIpadic(cache));
    expect(statSync(file).size).toBe(size);

    // The same dictionary with one file compressed otherwise: a source the file was not made from.
    const other = join(tmp, 'other-dict');
    cpSync(stockIpadicPath(), other, { recursive: true });
    const unkChar = join(other, 'unk_char.dat.gz');
    const recompressed = gzipSync(gunzipSync(readFileSync(unkChar)), { level: 1 });
    expect(recompressed.length).not.toBe(statSync(unkChar).size);
    writeFileSync(unkChar, recompressed);
    const before = statSync(file).ino;
    check(loadIpadic(cache, other));
    expect(statSync(file).ino).not.toBe(before);
  });
});

describe('the tokenize stage with the compact IPADIC', () => {
  let compact: Tokenizers;
  let withStock: Tokenizers;
  beforeAll(async () => {
    compact = await loadTokenizers([{ text: '방위상', id: 'title:japan-defense-minister', kind: 'title' }]);
    withStock = { ...compact, japanese: new JapaneseAnalyzer(() => ({ tokenize: (text) => stock.tokenize(text) })) };
  }, 60_000);

  const sameArticle = (text: string) => expect(analyzeText(text, compact), text).toEqual(analyzeText(text, withStock));

  it('gives the tokens of stock kuromoji on Korean sentences with Japanese glosses', () => {
    for (const text of [
      '모리 다케오(森 健良) 일본 외무성 사무차관이 방한했다.',
      '기하라 미노루(木原稔) 방위상은 기시다 후미오(岸田文雄) 총리와 함께 방위성(防衛省)에서 회견했다.',
      '일본 외무성(外務省)은 "北朝鮮のミサイル発射に強く抗議する"고 밝혔다.',
      '가미카와 요코(上川陽子) 외무상과 하야시 요시마사(林芳正) 관방장관이 자위대(自衛隊) 기지를 찾았다.',
      '요코스카(横須賀)와 오키나와현(沖縄県) 가데나(嘉手納) 기지에서 미일 훈련이 열렸다.',
      '일본 정부는 「국가안전보장전략」(国家安全保障戦略)을 개정해 반격능력(反撃能力)을 명기했다.',
    ]) sameArticle(text);
  });

  const klue = corpora.klueRaw();
  it.skipIf(!existsSync(klue))('gives the tokens of stock kuromoji on the KLUE raw sentences with han words (where the corpus is there)', () => {
    const sentences = readFileSync(klue, 'utf8').split('\n').filter((s) => /\p{Script=Han}{2,}/u.test(s));
    expect(sentences.length).toBeGreaterThan(0);
    for (const s of sentences) sameArticle(s);
  });
});
