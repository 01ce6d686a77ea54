// An alternative NER backend: any ONNX token-classification model with its tokenizer in a local
// folder (config.json with B-/I- labels in id2label, tokenizer.json, onnx/model.onnx), run through
// @huggingface/transformers' token-classification pipeline. Nothing is downloaded.
// The pipeline returns token words without offsets, so tokens are aligned back to the text in
// order; a span's confidence is the lowest softmax probability among its tokens (the model's own
// probability that its weakest token is labelled right).
import { basename, dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { EntityType } from '../types.js';
import { ENTITY_TYPES } from './klue-format.js';

export interface OnnxSpan {
  start: number;
  end: number;
  type: EntityType;
  confidence: number;
}

export interface OnnxTagger {
  readonly dir: string;
  tag(text: string): Promise<OnnxSpan[]>;
}

interface TokenPrediction {
  entity: string;
  score: number;
  index: number;
  word: string;
}

export async function loadOnnxTagger(dir: string): Promise<OnnxTagger> {
  const abs = resolve(dir);
  for (const f of ['config.json', 'tokenizer.json', 'onnx/model.onnx']) if (!existsSync(`${abs}/${f}`)) throw new Error(`ONNX NER model folder ${abs} lacks ${f}`);
  // Loaded only here: onnxruntime costs every worker about 0.2 s and 45 MB, for nothing without --ner-model.
  // An optional dependency (470 MB with onnxruntime): say what is missing rather than a bare resolution error.
  const { env, pipeline } = await import('@huggingface/transformers').catch((err: unknown) => {
    throw new Error(`--ner-model needs the optional package @huggingface/transformers, which is not installed (npm install @huggingface/transformers): ${err instanceof Error ? err.message : String(err)}`);
  });
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = dirname(abs) + '/';
  const classify = await pipeline('token-classification', basename(abs), { dtype: 'fp32', device: 'cpu' });
  return {
    dir: abs,
    async tag(text: string) {
      if (!text.trim()) return [];
      const tokens = (await classify(text, { ignore_labels: [] })) as unknown as TokenPrediction[];
      return spansFromTokens(text, tokens);
    },
  };
}

/** Aligns token words to the text in order and groups B-/I- labels into spans. */
export function spansFromTokens(text: string, tokens: readonly TokenPrediction[]): OnnxSpan[] {
  const spans: OnnxSpan[] = [];
  let cursor = 0;
  let open: OnnxSpan | null = null;
  for (const tok of tokens) {
    const word = tok.word.replace(/^##/, '').replace(/^[▁Ġ]/, '').trim();
    const at = word ? text.indexOf(word, cursor) : -1;
    if (at < 0) { open = null; continue; }
    cursor = at + word.length;
    const [prefix, type] = [tok.entity.slice(0, 2), tok.entity.slice(2) as EntityType];
    const typed = ENTITY_TYPES.includes(type);
    if (typed && prefix === 'I-' && open && open.type === type) {
      open.end = cursor;
      open.confidence = Math.min(open.confidence, tok.score);
    } else if (typed && (prefix === 'B-' || prefix === 'I-')) {
      open = { start: at, end: cursor, type, confidence: tok.score };
      spans.push(open);
    } else open = null;
  }
  return spans;
}
