// Bytes → text. Korean news files come as UTF-8 (with or without BOM), UTF-16 with BOM, or legacy
// EUC-KR/CP949. A strict UTF-8 decode decides between UTF-8 and CP949: CP949 text with Hangul is
// practically never valid UTF-8, while a failed strict decode of UTF-8 means the bytes are not UTF-8.
import iconv from 'iconv-lite';

/** Largest input accepted, in bytes (files) or UTF-8 bytes (JSONL text): a news article is a few KB. */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'cp949';

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** Invalid UTF-8 sequences replaced with U+FFFD (a file cut mid-character); 0 for a clean decode. */
  replaced: number;
}

/** A UTF-8 file with at most this share of invalid sequences is read with replacements, not refused. */
const MAX_REPLACED_SHARE = 0.001;

/** Thrown for bytes that are not an acceptable text file; the message says why. */
export class DecodeError extends Error {}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

export function sizeMessage(bytes: number): string {
  return `input is ${formatSize(bytes)} (${bytes} bytes), over the limit of ${MAX_TEXT_BYTES} bytes (${formatSize(MAX_TEXT_BYTES)}) for one article`;
}

export function checkSize(bytes: number): void {
  if (bytes > MAX_TEXT_BYTES) {
    throw new DecodeError(sizeMessage(bytes));
  }
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new DecodeError('empty file');
  checkSize(bytes.length);
  const decoded = decodeByBom(bytes) ?? decodeUtf8(bytes) ?? decodeCp949(bytes) ?? decodeLossyUtf8(bytes);
  if (!decoded) {
    throw new DecodeError('not text: the bytes are neither UTF-8, UTF-16 with BOM, nor EUC-KR/CP949');
  }
  assertTextual(decoded.text);
  if (decoded.text.trim() === '') throw new DecodeError('file contains only whitespace');
  return decoded;
}

/**
 * The encoding of a stream (a JSONL file) from its first bytes, by the same rules as decodeBytes:
 * a BOM, else strict UTF-8, else plausible CP949, else UTF-8 with replacements. `head` may end
 * mid-character. The iconv-lite name to decode the stream with, and how many BOM bytes to skip.
 */
export function sniffEncoding(head: Uint8Array): { encoding: Encoding; iconv: string; skip: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8-bom', iconv: 'utf8', skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', iconv: 'utf16le', skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', iconv: 'utf16be', skip: 2 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true }); // a cut last character is not an error
    return { encoding: 'utf-8', iconv: 'utf8', skip: 0 };
  } catch {
    // not UTF-8: CP949 when plausible, allowing a double-byte character cut at the end
  }
  const cp949 = decodeCp949(head) ?? decodeCp949(head.subarray(0, head.length - 1));
  return cp949 ? { encoding: 'cp949', iconv: 'cp949', skip: 0 } : { encoding: 'utf-8', iconv: 'utf8', skip: 0 };
}

function decodeByBom(bytes: Uint8Array): Decoded | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = decodeUtf8(bytes.subarray(3));
    if (!text) throw new DecodeError('starts with a UTF-8 byte order mark but is not valid UTF-8');
    return { ...text, encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le', replaced: 0 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be', replaced: 0 };
  return null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): Decoded | null {
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8', replaced: 0 };
  } catch {
    return null;
  }
}

/** Last resort: UTF-8 with a few broken sequences (a scraper that cut a file mid-character). */
function decodeLossyUtf8(bytes: Uint8Array): Decoded | null {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const replaced = text.split('\uFFFD').length - 1;
  return replaced / text.length <= MAX_REPLACED_SHARE ? { text, encoding: 'utf-8', replaced } : null;
}

/** CP949 is accepted only when the result is plausible Korean: no undecodable bytes and mostly Hangul. */
function decodeCp949(bytes: Uint8Array): Decoded | null {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'cp949');
  let nonAscii = 0;
  let hangul = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfffd) return null;
    if (cp < 0x80) continue;
    nonAscii++;
    if (cp >= 0xac00 && cp <= 0xd7a3) hangul++;
  }
  // Random high bytes decode to a spread of Hanja and symbols; Korean prose is mostly Hangul syllables.
  if (nonAscii > 0 && hangul / nonAscii < 0.5) return null;
  return { text, encoding: 'cp949', replaced: 0 };
}

/** Rejects binary content that happened to decode: NUL bytes or many control characters. */
export function assertTextual(text: string): void {
  if (text.includes('\u0000')) {
    throw new DecodeError('not text: contains NUL bytes (a binary file, or UTF-16 without a byte order mark)');
  }
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) controls++;
  }
  if (controls > 0 && controls / text.length > 0.01) {
    throw new DecodeError(`not text: ${controls} control characters in ${text.length} (binary data?)`);
  }
}
