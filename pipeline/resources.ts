// Everything heavy that stages use, loaded once per worker. The biggest parts (the Korean
// dictionary, the NER weight table) are plain typed arrays in shared memory, read once in the main
// thread (loadSharedResources) and passed to each worker thread in workerData, which builds its
// objects over them in milliseconds instead of reading them again.
import { loadKnowledgeBase, type KnowledgeBase } from './link/kb.js';
import { nameIndex, type NameIndex } from './link/name-index.js';
import { readKoreanDictionary, type KoreanDictionary } from './tokenize/korean-dict.js';
import { loadTokenizers, type Tokenizers } from './tokenize/index.js';
import { defaultModelPath, loadNer, type NerResources } from './ner/index.js';
import { NerModel, type NerModelParts } from './ner/model.js';
import type { DatesPrefer } from './dates/extract.js';

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

export async function loadSharedResources(): Promise<SharedResources> {
  return { korean: await readKoreanDictionary(), nerModel: NerModel.load(defaultModelPath()).shared() };
}

/** The resources, built over `given` shared parts (read here when absent). */
export async function loadResources(opts: ResourceOptions = {}, given?: SharedResources): Promise<Resources> {
  const shared = given ?? (await loadSharedResources());
  const kb = await loadKnowledgeBase();
  const names = nameIndex(kb);
  const [tokenizers, ner] = await Promise.all([
    loadTokenizers(names, shared.korean),
    loadNer({ onnxDir: opts.nerModelDir, kb, model: NerModel.over(shared.nerModel) }),
  ]);
  return { kb, names, tokenizers, ner, datesPrefer: opts.datesPrefer ?? 'auto' };
}
