// Everything heavy that stages use, loaded once per worker. The biggest parts (the Korean
// dictionary, the NER weight table) are plain typed arrays in shared memory, read once in the main
// thread (loadSharedResources) and passed to each worker thread in its init message, which builds
// its objects over them in milliseconds instead of reading them again. A worker loads the
// knowledge base (from the disk cache, run/disk-cache.ts) while the main thread reads those.
import { fileURLToPath } from 'node:url';
import { loadKnowledgeBase, type KnowledgeBase } from './link/kb.js';
import { nameIndex, type NameIndex } from './link/name-index.js';
import { readKoreanDictionary, type KoreanDictionary } from './tokenize/korean-dict.js';
import { loadTokenizers, type Tokenizers } from './tokenize/index.js';
import { defaultModelPath, loadNer, type NerResources } from './ner/index.js';
import { NerModel, type NerModelParts } from './ner/model.js';
import type { DatesPrefer } from './dates/extract.js';
import { cacheDir, codeIdentity, fileIdentity, readData, writeData } from './run/disk-cache.js';

export interface ResourceOptions {
  /** Folder of an ONNX token-classification model (`--ner-model DIR`), used beside the built-in model. */
  nerModelDir?: string;
  /** `--dates-prefer`: which occurrence a bare weekday, date or time means (docs/dates.md). */
  datesPrefer?: DatesPrefer;
}

export interface Resources {
  kb: KnowledgeBase;
  /** The KB's one name index, shared by the tokenizer, the gazetteer and the linker. */
  names: NameIndex;
  tokenizers: Tokenizers;
  ner: NerResources;
  /** Absent: auto. */
  datesPrefer?: DatesPrefer;
}

/** The resources' parts in shared memory: structured-clonable, so they travel in workerData as the same memory. */
export interface SharedResources {
  korean: KoreanDictionary;
  nerModel: NerModelParts;
}

export async function loadSharedResources(cache = cacheDir()): Promise<SharedResources> {
  return { korean: await readKoreanDictionary(undefined, cache), nerModel: readNerParts(defaultModelPath(), cache) };
}

/**
 * The NER model's shared parts. Decoding the file and building its feature table take a few hundred
 * ms, so the parts are kept in the disk cache, keyed by the model file's identity and by the NER
 * code (the table's layout is the code's).
 */
export function readNerParts(path: string, cache = cacheDir()): NerModelParts {
  const key = `ner-parts\n${fileIdentity([path])}\n${codeIdentity(fileURLToPath(new URL('./ner/', import.meta.url)))}`;
  const cached = readData<NerModelParts>(cache, 'ner', key);
  if (cached) return cached;
  const parts = NerModel.load(path).shared();
  writeData(cache, 'ner', key, parts);
  return parts;
}

/** The knowledge base and its name index: the part of the resources that needs no shared parts. */
export async function loadKnowledge(): Promise<Pick<Resources, 'kb' | 'names'>> {
  const kb = await loadKnowledgeBase();
  return { kb, names: nameIndex(kb) };
}

/** The resources, built over `given` shared parts (read here when absent) and `knowledge` (loaded here when absent). */
export async function loadResources(opts: ResourceOptions = {}, given?: SharedResources, knowledge?: Promise<Pick<Resources, 'kb' | 'names'>>): Promise<Resources> {
  const { kb, names } = await (knowledge ?? loadKnowledge());
  const shared = given ?? (await loadSharedResources());
  const [tokenizers, ner] = await Promise.all([
    loadTokenizers(names, shared.korean),
    loadNer({ onnxDir: opts.nerModelDir, kb, model: NerModel.over(shared.nerModel) }),
  ]);
  return { kb, names, tokenizers, ner, datesPrefer: opts.datesPrefer ?? 'auto' };
}
