// Everything heavy that stages use, loaded once per worker.
import { loadKnowledgeBase, type KnowledgeBase } from './link/kb.js';
import { loadTokenizers, type Tokenizers } from './tokenize/index.js';
import { loadNer, type NerResources } from './ner/index.js';
import type { DatesPrefer } from './dates/extract.js';

export interface ResourceOptions {
  /** Folder of an ONNX token-classification model (`--ner-model DIR`), used beside the built-in model. */
  nerModelDir?: string;
  /** `--dates-prefer`: which occurrence a bare weekday, date or time means (docs/dates.md). */
  datesPrefer?: DatesPrefer;
}

export interface Resources {
  kb: KnowledgeBase;
  tokenizers: Tokenizers;
  ner: NerResources;
  /** Absent: auto. */
  datesPrefer?: DatesPrefer;
}

export async function loadResources(opts: ResourceOptions = {}): Promise<Resources> {
  const kb = await loadKnowledgeBase();
  const [tokenizers, ner] = await Promise.all([loadTokenizers(kb.terms()), loadNer({ onnxDir: opts.nerModelDir, kb })]);
  return { kb, tokenizers, ner, datesPrefer: opts.datesPrefer ?? 'auto' };
}
