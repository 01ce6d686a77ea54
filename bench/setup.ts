// What the benches share: the sentences they run on (KLUE raw by default, which may be absent: a
// bench then says so and measures nothing), articles made of them, and the knowledge base when it loads.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Tokenizer } from 'kuromoji-ko';
import { loadKnowledgeBase, type KnowledgeBase } from '../pipeline/link/kb.js';
import { corpora } from '../pipeline/run/package.js';

/** The non-blank lines of a sentences file, at most `limit`; null, after printing why, when the file is absent. */
export function readSentences(bench: string, file = corpora.klueRaw(), limit = Infinity): string[] | null {
  if (!existsSync(file)) {
    console.log(`${bench}: skipped, ${file} is absent`);
    return null;
  }
  return readFileSync(file, 'utf8').split('\n').filter((s) => s.trim() !== '').slice(0, limit);
}

/** The command line of the benches that time sentences one by one: `[SENTENCES_FILE] [--limit N]`. */
export function sentenceArgs(defaultLimit = Infinity): { file: string; limit: number } {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { limit: { type: 'string' } } });
  return { file: positionals[0] ?? corpora.klueRaw(), limit: values.limit === undefined ? defaultLimit : Number(values.limit) };
}

/** Sentences joined by newlines, `perArticle` to an article, in order. */
export function articleTexts(sentences: readonly string[], perArticle: number): string[] {
  const texts: string[] = [];
  for (let i = 0; i < sentences.length; i += perArticle) texts.push(sentences.slice(i, i + perArticle).join('\n'));
  return texts;
}

export function charCount(texts: readonly string[]): number {
  return texts.reduce((n, s) => n + s.length, 0);
}

/** The shipped knowledge base, or null (saying why) so that a bench still measures without its terms. */
export async function knowledgeBaseOrNull(): Promise<KnowledgeBase | null> {
  try {
    return await loadKnowledgeBase();
  } catch (err) {
    console.log(`(knowledge base not loaded, measuring without its terms: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]})`);
    return null;
  }
}

/** Chars per second (wall) and per CPU second of `tokenize` over the sentences, one by one, after a JIT warm-up on the first 300. */
export function tokenizeSpeed(tokenizer: Pick<Tokenizer, 'tokenize'>, sentences: readonly string[]): { wall: number; cpu: number } {
  for (const s of sentences.slice(0, 300)) tokenizer.tokenize(s);
  const t = performance.now();
  const cpu = process.cpuUsage();
  for (const s of sentences) tokenizer.tokenize(s);
  const used = process.cpuUsage(cpu);
  const chars = charCount(sentences);
  return { wall: chars / ((performance.now() - t) / 1000), cpu: chars / ((used.user + used.system) / 1e6) };
}
