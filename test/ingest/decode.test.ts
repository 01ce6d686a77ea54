// Encodings, and inputs that are not text: every one either decodes to the same Korean text or
// fails with a StageError that says why.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ingest, MAX_TEXT_BYTES } from '../../pipeline/ingest/index.js';
import { decodeBytes } from '../../pipeline/ingest/decode.js';
import { StageError } from '../../pipeline/types.js';
import { fileItem } from './helpers.js';

const KOREAN = '장호진 외교부 1차관은 7.24.(월) 오전 웬디 셔먼(Wendy R. Sherman) 미국 국무부 부장관과 통화를 갖고 협의하였습니다.\n';

function failure(bytes: Uint8Array): StageError {
  try {
    ingest(fileItem(bytes));
  } catch (err) {
    expect(err).toBeInstanceOf(StageError);
    return err as StageError;
  }
  throw new Error('ingest accepted the input');
}

describe('decoding', () => {
  it('UTF-8 without and with BOM give the same text, BOM dropped', () => {
    const plain = ingest(fileItem(KOREAN));
    const bom = ingest(fileItem(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(KOREAN)])));
    expect(plain.text).toBe(KOREAN);
    expect(bom.text).toBe(KOREAN);
    expect(bom.meta.encoding).toBe('utf-8-bom');
  });

  it('UTF-16 LE and BE with BOM', () => {
    const le = new Uint8Array([0xff, 0xfe, ...iconv.encode(KOREAN, 'utf-16le')]);
    const be = new Uint8Array([0xfe, 0xff, ...iconv.encode(KOREAN, 'utf-16be')]);
    expect(decodeBytes(le)).toEqual({ text: KOREAN, encoding: 'utf-16le', replaced: 0 });
    expect(decodeBytes(be)).toEqual({ text: KOREAN, encoding: 'utf-16be', replaced: 0 });
    expect(ingest(fileItem(le)).text).toBe(KOREAN);
  });

  it('EUC-KR and CP949 (똠, 햏: outside EUC-KR) are detected from the bytes', () => {
    const euckr = iconv.encode(KOREAN, 'euc-kr');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(euckr)).toThrow();
    expect(decodeBytes(euckr)).toEqual({ text: KOREAN, encoding: 'cp949', replaced: 0 });
    const cp949Only = '똠방각하 햏 기사입력 2024.01.05\n';
    expect(decodeBytes(iconv.encode(cp949Only, 'cp949')).text).toBe(cp949Only);
  });

  it('EUC-KR HTML goes through the whole ingest', () => {
    const html = '<html><head><meta charset="euc-kr"><title>국방부 발표</title></head><body><h1>국방부 발표</h1><p>국방부는 오늘 훈련 계획을 발표했다.</p></body></html>';
    const doc = ingest(fileItem(iconv.encode(html, 'euc-kr'), 'html'));
    expect(doc.text).toBe('국방부 발표\n국방부는 오늘 훈련 계획을 발표했다.');
    expect(doc.title).toBe('국방부 발표');
  });

  it('reads UTF-8 cut mid-character with a replacement and a warning, rather than refusing it', () => {
    const text = Array.from({ length: 20 }, (_, i) => `${i + 1}. ${KOREAN}`).join('') + '국방부 발표';
    const utf8 = new TextEncoder().encode(text);
    const doc = ingest(fileItem(utf8.subarray(0, utf8.length - 1))); // "표" loses its last byte
    expect(doc.text).toBe(`${text.slice(0, -1)}\uFFFD`);
    expect(doc.warnings).toEqual(['1 invalid UTF-8 byte sequence(s) replaced with U+FFFD']);
  });

  it('rejects an empty file and a whitespace-only file', () => {
    expect(failure(new Uint8Array()).message).toMatch(/ingest: empty file/);
    expect(failure(new TextEncoder().encode(' \n\t\n')).message).toMatch(/only whitespace/);
  });

  it('rejects binary data: NULs, a PNG header, random bytes', () => {
    expect(failure(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])).message).toMatch(/not text/);
    let seed = 7;
    const random = new Uint8Array(4096).map(() => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff);
    expect(failure(random).message).toMatch(/not text/);
    // UTF-16 without a BOM is full of NULs for ASCII: told apart from text, with a hint.
    expect(failure(iconv.encode('plain ASCII text here', 'utf-16le')).message).toMatch(/NUL bytes.*UTF-16 without a byte order mark/);
  });

  it('rejects an oversize input with its size and the limit, without decoding it', () => {
    const big = new Uint8Array(MAX_TEXT_BYTES + 1).fill(0x41);
    const err = failure(big);
    expect(err.message).toMatch(/input is 5\.0 MB \(5242881 bytes\), over the limit of 5242880 bytes/);
    expect(err.articleId).toBe('doc');
  });

  it('rejects bytes that are neither UTF-8 nor plausible CP949', () => {
    // Latin-1 "café résumé" is invalid UTF-8 and decodes as CP949 to non-Hangul.
    expect(failure(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x72, 0xe9, 0x73, 0x75, 0x6d, 0xe9])).message).toMatch(/neither UTF-8/);
  });
});
