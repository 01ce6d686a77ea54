// Property and fuzz tests over the pipeline's stages: for any input, no crash, no hang, every offset
// within the text and on a code-point boundary, a valid output line, and the same output for the
// same input. Few cases by default; HANLINK_FUZZ_RUNS=N runs N of each (a long fuzz run).
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, readInputs, type InputItem } from '../../pipeline/ingest/index.js';
import { loadResources, processDocument, type Resources } from '../../pipeline/index.js';
import { onCodePoints, processArticle } from '../../pipeline/run/article.js';
import { emptyArticle, OutputLineSchema, StageError, type Article, type Span } from '../../pipeline/types.js';
import { fuzzRuns, fuzzTimeout } from './fuzz-runs.js';

let res: Resources;
beforeAll(async () => {
  res = await loadResources();
}, 180_000);
const dir = mkdtempSync(join(tmpdir(), 'hanlink-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Pieces of defense news (names, titles, particles, numbers, date words) mixed with characters
// outside the BMP, lone surrogates, other scripts and arbitrary strings, so that generated texts
// reach every stage's rules and their edges.
const PIECES = [
  '국방부', '외교부', '장관', '오스틴', '이종섭', '윤석열', '대통령', '서울', '워싱턴', '북한', '미사일', '발사', '회담', '합동참모본부',
  '은', '는', '이', '가', '을', '를', '의', '에서', '와', '양 장관', '미 국방장관',
  '3', '21', '2023', '1만', '40여', '59조', '𝟜', '３', '十',
  '일', '월', '년', '오전', '오후', '시', '분', '지난', '다음주', '화요일', '오늘', '내일', '3시간 후', '7.24.(월)', '2023년 7월 24일', '명', '대', '발', '%',
  ' ', ' ', '\n', '\n\n', '.', ',', '"', '·', '(', ')', '\t', '\r\n',
  '😀', '𠀀', '🇰🇷', '\uD800', '\uDC00', 'Austin', 'Pentagon', 'said', '防衛省', 'は', '発表',
];
const piece = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) });
const newsText = fc.array(piece, { minLength: 1, maxLength: 60 }).map((p) => p.join(''));
const published = fc.option(fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** Offset `i` is a code-point boundary of `text` (not between the halves of a pair). */
const onBoundary = (text: string, i: number) => !(i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i)));

function checkSpans(doc: Article): void {
  const groups: [string, readonly Span[]][] = [
    ['sentences', doc.sentences], ['scripts', doc.scripts], ['tokens', doc.tokens],
    ['entities', doc.entities], ['dates', doc.dates], ['references', doc.references],
  ];
  for (const [name, spans] of groups) {
    for (const s of spans) {
      const where = `${name} ${JSON.stringify(s)} in ${JSON.stringify(doc.text)}`;
      expect(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= doc.text.length, where).toBe(true);
      expect(onBoundary(doc.text, s.start) && onBoundary(doc.text, s.end), where).toBe(true);
    }
  }
  for (const e of [...doc.entities, ...doc.dates, ...doc.references]) expect(doc.text.slice(e.start, e.end)).toBe(e.text);
}

const jsonlItem = (text: string, date: string | null): InputItem => ({ id: 'f', source: 'fuzz.jsonl', kind: 'jsonl', record: { id: 'f', text, published: date } });

describe('the pipeline on generated text (property)', () => {
  it('never crashes; offsets are valid, on code points; the line is valid; the same input gives the same line', async () => {
    await fc.assert(
      fc.asyncProperty(newsText, published, async (text, date) => {
        const doc = await processDocument(jsonlItem(text, date), res);
        // The only refusal allowed is ingest's (a text of whitespace or control characters).
        if (doc.error) expect(doc.error.stage).toBe('ingest');
        checkSpans(doc);
        const a = await processArticle(jsonlItem(text, date), res, { explainRemovals: false });
        const b = await processArticle(jsonlItem(text, date), res, { explainRemovals: false });
        expect(a.line).toBe(b.line);
        OutputLineSchema.parse(JSON.parse(a.line));
        if (!doc.error) expect(JSON.parse(a.line).text).toBe(text); // JSONL text is never altered
      }),
      { numRuns: fuzzRuns(40) },
    );
  }, fuzzTimeout(240_000));

  it('keeps code points whole around characters outside the BMP ("3𝟜일")', async () => {
    for (const text of ['그는 3𝟜일 동안 머물렀다.', '분분😀개월', '세𠀀년년', 'kmkmkm호개𠀀년년', '병력 3𝟜명이 왔다.']) {
      const doc = await processDocument(jsonlItem(text, '2024-01-01'), res);
      checkSpans(doc);
    }
  }, 60_000);
});

describe('ingest on arbitrary bytes (property)', () => {
  it('either refuses the item with an ingest StageError or gives a document with valid offsets, the same each time', () => {
    const kinds = fc.constantFrom<InputItem['kind']>('txt', 'md', 'html');
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      newsText.map((t) => new TextEncoder().encode(t)),
      newsText.map((t) => new TextEncoder().encode(`---\ntitle: ${t.slice(0, 10)}\ndate: 2024-01-02\n---\n<p>${t}</p><script>x</script>`)),
    );
    fc.assert(
      fc.property(kinds, bytes, (kind, b) => {
        const item: InputItem = { id: 'b', source: `b.${kind}`, kind, bytes: b };
        let doc: Article;
        try {
          doc = ingest(item);
        } catch (err) {
          expect(err).toBeInstanceOf(StageError);
          expect((err as StageError).stage).toBe('ingest');
          return;
        }
        expect(typeof doc.text).toBe('string');
        expect(JSON.stringify(ingest(item))).toBe(JSON.stringify(doc));
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});

describe('reading JSONL files of arbitrary bytes (property)', () => {
  it('ends, and yields items that are records or carry an error', async () => {
    let n = 0;
    const line = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.record({ id: fc.string(), text: fc.string({ unit: 'binary' }) }).map((r) => JSON.stringify(r)),
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), async (lines, eol) => {
        const file = join(dir, `r${n++}.jsonl`);
        writeFileSync(file, lines.join(eol));
        for await (const item of readInputs([file])) {
          expect(item.kind).toBe('jsonl');
          expect(item.error !== undefined || (typeof item.record === 'object' && item.record !== null)).toBe(true);
        }
      }),
      { numRuns: fuzzRuns(60) },
    );
  });
});

describe('onCodePoints (the last guard)', () => {
  it('drops a span with an end inside a surrogate pair, and says so', () => {
    const text = '그는 3𝟜일';
    const doc = emptyArticle({ id: 'g', source: 'g', text });
    doc.entities = [
      { start: 3, end: 5, text: text.slice(3, 5), type: 'QT', subtype: null, confidence: 0.9, link: null, source: 'model' },
      { start: 3, end: 7, text: text.slice(3, 7), type: 'DT', subtype: null, confidence: 0.9, link: null, source: 'model' },
    ];
    const guarded = onCodePoints(doc);
    expect(guarded.entities.map((e) => e.text)).toEqual(['3𝟜일']);
    expect(guarded.warnings).toEqual(['1 span(s) dropped: an offset fell inside a surrogate pair']);
    expect(onCodePoints(guarded)).toBe(guarded);
  });
});
