// kuromoji's IPADIC, cheap to load. kuromoji's own loader takes about 1.5 s and 240 MB per worker:
// it inflates 100 MB of arrays (a third of it zero padding) and builds the word-id → token-info
// map as an object of 330k arrays. Here the stock files are read once per installation into a
// compact file (in the disk cache's folder, run/disk-cache.ts): the arrays without their padding
// and the map packed as two typed arrays. A worker then reads 22 MB of that file (about 0.1 s of
// CPU, most of it page faults); the feature strings (36 MB, needed only for the tokens of the
// best path) stay on disk, read with one pread per entry. Where the cache cannot be written, the
// compact arrays stay in memory (about 60 MB). kuromoji's dictionary classes, tokenizer and
// formatter run over the arrays; the lattice and its search are the in-place ones of lattice.ts.
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import type { IpadicToken, Tokenizer } from 'kuromoji';
import { cacheDir } from '../run/disk-cache.js';
import { InPlaceSearch, readTargetMap, type ByteBuffer, type CharClass, type Formatter, type TargetMap } from './lattice.js';

const require = createRequire(import.meta.url);
/** kuromoji's src/ folder: its classes are taken from their files (the package exports only the builder). */
const src = dirname(require.resolve('kuromoji'));
const kuromoji = <T>(file: string) => require(join(src, file)) as T;

/** The IPADIC folder shipped in the kuromoji package. */
export function stockIpadicPath(): string {
  return join(src, '..', 'dict');
}

/** IPADIC's arrays without their padding, the word-id map packed; the feature strings apart. */
interface CompactIpadic {
  base: Int32Array;
  check: Int32Array;
  tokenInfo: Uint8Array;
  targets: TargetMap;
  costs: Int16Array;
  unknown: { dictionary: Uint8Array; pos: Uint8Array; map: Uint8Array; charMap: Uint8Array; compatMap: Uint32Array; invoke: Uint8Array };
}

/** The file's sections: a name and its array type (the feature strings are the last, `features`). */
const SECTIONS = {
  base: Int32Array, check: Int32Array, tokenInfo: Uint8Array, targetOffsets: Int32Array, targetIds: Int32Array, costs: Int16Array,
  unkDictionary: Uint8Array, unkPos: Uint8Array, unkMap: Uint8Array, unkCharMap: Uint8Array, unkCompatMap: Uint32Array, unkInvoke: Uint8Array,
  features: Uint8Array,
} as const;
type SectionName = keyof typeof SECTIONS;
/** The compact file's format: in its name too, so that checkouts of other formats sharing node_modules keep files of their own. */
const FORMAT_VERSION = 1;
const FORMAT = `hanlink-ipadic ${FORMAT_VERSION}`;

/** kuromoji's tokenizer over IPADIC, ready for Japanese text. */
export interface Ipadic {
  tokenize(text: string): IpadicToken[];
}

/**
 * IPADIC from the compact file in `folder`, which is written first when it is missing or was
 * made from other dictionary files; in memory where it cannot be written.
 */
export function loadIpadic(folder = cacheDir(), dicPath = stockIpadicPath()): Ipadic {
  const file = join(folder, `ipadic-${FORMAT_VERSION}.bin`);
  const source = sourceStamp(dicPath);
  const cached = readCompact(file, source);
  if (cached) return tokenizerOver(cached.dict, cached.features);
  const { dict, features } = compactFromStock(dicPath);
  if (writeCompact(file, source, dict, features)) {
    const written = readCompact(file, source);
    if (written) return tokenizerOver(written.dict, written.features);
  }
  return tokenizerOver(dict, inMemory(features));
}

/** What the compact file is made from: kuromoji's version and its dictionary files' sizes. */
function sourceStamp(dicPath: string): string {
  const { version } = JSON.parse(readFileSync(join(src, '..', 'package.json'), 'utf8')) as { version: string };
  const sizes = STOCK_FILES.map((name) => `${name} ${statSync(join(dicPath, `${name}.dat.gz`)).size}`);
  return `kuromoji ${version}: ${sizes.join(', ')}`;
}

const STOCK_FILES = ['base', 'check', 'tid', 'tid_pos', 'tid_map', 'cc', 'unk', 'unk_pos', 'unk_map', 'unk_char', 'unk_compat', 'unk_invoke'];

/**
 * The stock files, inflated with zlib, made compact. kuromoji's byte buffers read 0 past their end,
 * so cutting the zero padding changes no read as long as a value that holds the last nonzero byte
 * stays whole (8 zero bytes are kept); the loops that run to the end of a buffer only met no-op
 * entries in it (empty word-id entries, unreachable character classes). The character maps are
 * kept whole (their length is their range), and the trie is trimmed by doublearray as loading does.
 */
function compactFromStock(dicPath: string): { dict: CompactIpadic; features: Uint8Array } {
  const file = (name: string) => gunzipSync(readFileSync(join(dicPath, `${name}.dat.gz`)));
  const trie = doublearray().load(typed(Int32Array, file('base')), typed(Int32Array, file('check')));
  const map = file('tid_map');
  const dict: CompactIpadic = {
    base: trie.bc.getBaseBuffer().slice(),
    check: trie.bc.getCheckBuffer().slice(),
    tokenInfo: withoutPadding(file('tid')),
    // Whole u32 entries: the last id is not 0 (readTargetMap would say so).
    targets: readTargetMap(map.subarray(0, Math.ceil(dataEnd(map) / 4) * 4)),
    costs: typed(Int16Array, file('cc')),
    unknown: {
      dictionary: withoutPadding(file('unk')),
      pos: withoutPadding(file('unk_pos')),
      map: withoutPadding(file('unk_map')),
      charMap: file('unk_char'),
      compatMap: typed(Uint32Array, file('unk_compat')),
      invoke: withoutPadding(file('unk_invoke')),
    },
  };
  return { dict, features: withoutPadding(file('tid_pos')) };
}

/** Where the zero padding at the end of `bytes` starts. */
function dataEnd(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end;
}

function withoutPadding(bytes: Uint8Array): Uint8Array {
  return bytes.slice(0, Math.min(bytes.length, dataEnd(bytes) + 8));
}

type ArrayType = Int32ArrayConstructor | Int16ArrayConstructor | Uint32ArrayConstructor | Uint8ArrayConstructor;

/** `bytes` as an array of `Type` (copied where they are not aligned for it). */
function typed<T extends ArrayType>(Type: T, bytes: Uint8Array): InstanceType<T> {
  const aligned = bytes.byteOffset % Type.BYTES_PER_ELEMENT === 0 ? bytes : bytes.slice();
  return new Type(aligned.buffer as ArrayBuffer, aligned.byteOffset, aligned.byteLength / Type.BYTES_PER_ELEMENT) as InstanceType<T>;
}

function sectionsOf(dict: CompactIpadic, features: Uint8Array): Record<SectionName, ArrayBufferView> {
  const u = dict.unknown;
  return {
    base: dict.base, check: dict.check, tokenInfo: dict.tokenInfo, targetOffsets: dict.targets.offsets, targetIds: dict.targets.ids, costs: dict.costs,
    unkDictionary: u.dictionary, unkPos: u.pos, unkMap: u.map, unkCharMap: u.charMap, unkCompatMap: u.compatMap, unkInvoke: u.invoke,
    features,
  };
}

interface Header {
  format: string;
  source: string;
  /** Each section's byte offset and length. */
  sections: Record<SectionName, [number, number]>;
}

/**
 * The compact file: the header's length (u32, little-endian), the header (JSON), then the
 * sections, each at an offset that is a multiple of 8. Written to a file of its own and renamed
 * into place, so that a reader sees a whole file or none; two workers writing at once write the
 * same bytes. False where it cannot be written.
 */
function writeCompact(file: string, source: string, dict: CompactIpadic, features: Uint8Array): boolean {
  const views = sectionsOf(dict, features);
  const sections = {} as Header['sections'];
  let headerSize = 1024; // room for the header, grown until it fits
  for (;;) {
    let at = headerSize;
    for (const name of Object.keys(SECTIONS) as SectionName[]) {
      sections[name] = [at, views[name].byteLength];
      at = Math.ceil((at + views[name].byteLength) / 8) * 8;
    }
    const json = Buffer.from(JSON.stringify({ format: FORMAT, source, sections } satisfies Header));
    if (4 + json.length > headerSize) { headerSize = Math.ceil((4 + json.length) / 8) * 8; continue; }
    const temp = `${file}.${process.pid}-${threadId}.tmp`;
    let fd: number | null = null;
    try {
      mkdirSync(dirname(file), { recursive: true });
      fd = openSync(temp, 'w');
      const size = Buffer.alloc(4);
      size.writeUInt32LE(json.length);
      writeAll(fd, size, 0);
      writeAll(fd, json, 4);
      for (const name of Object.keys(SECTIONS) as SectionName[]) {
        const v = views[name];
        writeAll(fd, new Uint8Array(v.buffer, v.byteOffset, v.byteLength), sections[name][0]);
      }
      closeSync(fd);
      fd = null;
      renameSync(temp, file);
      return true;
    } catch {
      if (fd !== null) closeSync(fd);
      try { unlinkSync(temp); } catch { /* never created */ }
      return false;
    }
  }
}

function writeAll(fd: number, bytes: Uint8Array, at: number): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, at + done);
}

function readAll(fd: number, into: ArrayBufferView, at: number): void {
  const bytes = new Uint8Array(into.buffer, into.byteOffset, into.byteLength);
  for (let done = 0; done < bytes.length; ) {
    const n = readSync(fd, bytes, done, bytes.length - done, at + done);
    if (n === 0) throw new Error('ends early');
    done += n;
  }
}

/** The compact file's arrays and its feature strings, where it is there, whole, and made from `source`. */
function readCompact(file: string, source: string): { dict: CompactIpadic; features: FeatureSource } | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const size = new Uint8Array(4);
    readAll(fd, size, 0);
    const json = new Uint8Array(new DataView(size.buffer).getUint32(0, true));
    readAll(fd, json, 4);
    const header = JSON.parse(Buffer.from(json).toString('utf8')) as Header;
    const [featuresAt, featuresLength] = header.sections.features;
    if (header.format !== FORMAT || header.source !== source || statSync(file).size !== featuresAt + featuresLength) return null;
    const section = <N extends Exclude<SectionName, 'features'>>(name: N): InstanceType<(typeof SECTIONS)[N]> => {
      const [at, length] = header.sections[name];
      const Type = SECTIONS[name];
      const array = new Type(length / Type.BYTES_PER_ELEMENT);
      readAll(fd, array, at);
      return array as InstanceType<(typeof SECTIONS)[N]>;
    };
    const dict: CompactIpadic = {
      base: section('base'),
      check: section('check'),
      tokenInfo: section('tokenInfo'),
      targets: { offsets: section('targetOffsets'), ids: section('targetIds') },
      costs: section('costs'),
      unknown: {
        dictionary: section('unkDictionary'), pos: section('unkPos'), map: section('unkMap'),
        charMap: section('unkCharMap'), compatMap: section('unkCompatMap'), invoke: section('unkInvoke'),
      },
    };
    return { dict, features: new FeatureFile(file, featuresAt, featuresLength) };
  } catch {
    return null; // cut short or not this format: made again
  } finally {
    closeSync(fd);
  }
}

/** Where the tokenizer reads a token's feature string (kuromoji's pos_buffer: only getString is read). */
interface FeatureSource {
  getString(index: number): string;
  /** Runs `read`, during which getString may be called. */
  reading<T>(read: () => T): T;
}

interface KuromojiByteBuffer extends ByteBuffer {
  getString(index: number): string;
}
type ByteBufferClass = new (bytes: Uint8Array) => KuromojiByteBuffer;

function inMemory(features: Uint8Array): FeatureSource {
  const buffer = new (kuromoji<ByteBufferClass>('util/ByteBuffer.js'))(features);
  return { getString: (index) => buffer.getString(index), reading: (read) => read() };
}

/**
 * The feature strings in the compact file, read string by string (each ends with a 0 byte) and
 * decoded by kuromoji's ByteBuffer as the stock one would. The file is open only while a text is
 * tokenized, so that no descriptor outlives a worker thread.
 */
class FeatureFile implements FeatureSource {
  private fd: number | null = null;
  private readonly ByteBuffer = kuromoji<ByteBufferClass>('util/ByteBuffer.js');

  constructor(private readonly file: string, private readonly at: number, private readonly length: number) {}

  reading<T>(read: () => T): T {
    this.fd = openSync(this.file, 'r');
    try {
      return read();
    } finally {
      closeSync(this.fd);
      this.fd = null;
    }
  }

  getString(index: number): string {
    if (this.fd === null) throw new Error('IPADIC: a feature string read outside reading()');
    const parts: Buffer[] = [];
    for (let from = index; from < this.length; ) {
      const chunk = Buffer.allocUnsafe(Math.min(256, this.length - from));
      const n = readSync(this.fd, chunk, 0, chunk.length, this.at + from);
      if (n === 0) break;
      const end = chunk.subarray(0, n).indexOf(0);
      parts.push(chunk.subarray(0, end < 0 ? n : end));
      if (end >= 0) break;
      from += n;
    }
    return new this.ByteBuffer(Buffer.concat(parts)).getString(0);
  }
}

/** The parts of kuromoji's classes used here (not in its type declarations). */
interface DoubleArrayModule {
  load(base: Int32Array, check: Int32Array): { bc: { getBaseBuffer(): Int32Array; getCheckBuffer(): Int32Array } };
}
interface TokenInfoDictionary {
  loadDictionary(bytes: Uint8Array): unknown;
  getFeatures(id: number): string;
  dictionary: ByteBuffer;
  pos_buffer: FeatureSource;
  target_map: Record<number, number[]>;
}
interface UnknownDictionary {
  loadUnknownDictionaries(dictionary: Uint8Array, pos: Uint8Array, map: Uint8Array, charMap: Uint8Array, compatMap: Uint32Array, invoke: Uint8Array): void;
  getFeatures(id: number): string;
  dictionary: ByteBuffer;
  target_map: Record<number, number[]>;
  lookup(ch: string): CharClass | null;
}
interface ConnectionCosts {
  loadConnectionCosts(costs: Int16Array): void;
  buffer: Int16Array;
  backward_dimension: number;
}
interface KuromojiTokenizer extends Tokenizer {
  formatter: Formatter<IpadicToken>;
  tokenizeForSentence(sentence: string, tokens?: IpadicToken[]): IpadicToken[];
}

/** doublearray, kuromoji's trie (a dependency of kuromoji, resolved from there). */
function doublearray(): DoubleArrayModule {
  return createRequire(join(src, 'kuromoji.js'))('doublearray') as DoubleArrayModule;
}

/** kuromoji's tokenizer over the compact arrays, with the in-place lattice search of lattice.ts. */
function tokenizerOver(dict: CompactIpadic, features: FeatureSource): Ipadic {
  // Dictionary objects made without their constructors (which allocate 10 MB buffers the loading
  // replaces): each load method sets every field the object reads.
  const bare = <T>(file: string) => Object.create((kuromoji<{ prototype: object }>(file)).prototype) as T;
  const trie = doublearray().load(dict.base, dict.check);
  const tokenInfo = bare<TokenInfoDictionary>('dict/TokenInfoDictionary.js');
  tokenInfo.loadDictionary(dict.tokenInfo);
  tokenInfo.pos_buffer = features;
  tokenInfo.target_map = {}; // the word-id map is dict.targets
  const costs = bare<ConnectionCosts>('dict/ConnectionCosts.js');
  costs.loadConnectionCosts(dict.costs);
  const unknown = bare<UnknownDictionary>('dict/UnknownDictionary.js');
  const u = dict.unknown;
  unknown.loadUnknownDictionaries(u.dictionary, u.pos, u.map, u.charMap, u.compatMap, u.invoke);

  const KuromojiTokenizer = kuromoji<new (dic: object) => KuromojiTokenizer>('Tokenizer.js');
  const tokenizer = new KuromojiTokenizer({ trie, token_info_dictionary: tokenInfo, connection_costs: costs, unknown_dictionary: unknown });
  const original = tokenizer.tokenizeForSentence;
  const search = new InPlaceSearch<IpadicToken>({
    base: trie.bc.getBaseBuffer(),
    check: trie.bc.getCheckBuffer(),
    costs: costs.buffer,
    backward: costs.backward_dimension,
    targets: dict.targets,
    known: tokenInfo,
    unknown: { dictionary: unknown.dictionary, getFeatures: (id) => unknown.getFeatures(id), targets: unknown.target_map, lookup: (ch) => unknown.lookup(ch) },
    formatter: tokenizer.formatter,
    original: (sentence, tokens) => original.call(tokenizer, sentence, tokens),
    splitFeatures: (line) => line.split(','),
    groupLengthInUnits: true,
  });
  tokenizer.tokenizeForSentence = (sentence, tokens) => search.tokenizeForSentence(sentence, tokens);
  return { tokenize: (text) => features.reading(() => tokenizer.tokenize(text)) };
}
