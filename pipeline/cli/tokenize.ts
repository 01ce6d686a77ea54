// `hanlink tokenize FILE [--json]`: the sentences and tokens of an article, for inspection.
// Text output: one line per token, `start-end  surface  pos  semantic  reading  source  term`
// (tab-separated, "-" for none), a blank line between sentences. --json: one JSON object per
// input item: {id, sentences, tokens}. The file is read and cleaned as `hanlink process` does.
// Exit status 1 when an input item could not be read or tokenized (the others are printed).
import { CommanderError, type Command } from 'commander';
import { ingest, readInputs } from '../ingest/index.js';
import { loadKnowledgeBase } from '../link/kb.js';
import { segmentArticle } from '../segment/index.js';
import { loadTokenizers, tokenizeArticle, type Tokenizers } from '../tokenize/index.js';
import type { Article, Token } from '../types.js';

interface TokenizeOptions {
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('tokenize')
    .description('print the sentences and tokens of an article (offsets index the cleaned text)')
    .argument('<file>', 'a .txt, .md, .html or .jsonl file')
    .option('--json', 'print JSON instead of tab-separated lines')
    .action(async (file: string, opts: TokenizeOptions) => {
      const code = await tokenizeCommand(file, opts);
      process.exitCode = code;
      // cli/main.ts turns this into the exit status (it would otherwise report 0).
      if (code !== 0) throw new CommanderError(code, 'hanlink.tokenize', `exit ${code}`);
    });
}

async function tokenizeCommand(file: string, opts: TokenizeOptions): Promise<number> {
  // Loaded at the first readable item: a missing file fails fast.
  let tokenizers: Promise<Tokenizers> | undefined;
  const load = () => (tokenizers ??= loadKnowledgeBase().then((kb) => loadTokenizers(kb.terms())));
  let status = 0;
  for await (const item of readInputs([file])) {
    let doc: Article;
    try {
      doc = segmentArticle(ingest(item));
      doc = tokenizeArticle(doc, await load());
    } catch (err) {
      console.error(`hanlink tokenize: ${item.source}: ${err instanceof Error ? err.message : String(err)}`);
      status = 1;
      continue;
    }
    process.stdout.write(opts.json ? `${JSON.stringify({ id: doc.id, sentences: doc.sentences, tokens: doc.tokens })}\n` : formatTokens(doc));
  }
  return status;
}

/** Tab-separated token lines, sentences separated by a blank line. */
export function formatTokens(doc: Article): string {
  const lines: string[] = [];
  let t = 0;
  for (const [i, s] of doc.sentences.entries()) {
    if (i > 0) lines.push('');
    while (t < doc.tokens.length && doc.tokens[t].start < s.end) lines.push(formatToken(doc.tokens[t++]));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function formatToken(t: Token): string {
  return [`${t.start}-${t.end}`, t.surface, t.pos, t.semantic ?? '-', t.reading ?? '-', t.source, t.term ?? '-'].join('\t');
}
