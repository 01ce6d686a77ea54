// CoNLL/IOB in KLUE-NER's layout (klue-ner-v1.1_*.tsv): one block per line of the article text,
// headed "## <article id>:<offset of the line>\t<the line with inline <span:TYPE> tags>", then one
// "<character>\t<BIO tag>" line per character. Readable back with parseKlue (pipeline/ner/klue-format.ts).
// An entity crossing a line break is cut there (KLUE has no line breaks inside a sentence).
import { tagsFromSpans } from '../ner/klue-format.js';
import type { OutputLine } from '../types.js';
import type { ExportFormat } from './format.js';

const HEAD = '## 토큰, 레이블 구분자 : \\t\n## 토큰 구분자 : \\n\n## 문장 구분자 : \\n\\n\n## 주석 : ##\n## 컬럼명 : CHAR\tNE_TAG\n';

function blocks(line: OutputLine): string {
  const tags = tagsFromSpans(line.text.length, line.entities);
  const out: string[] = [];
  for (const m of line.text.matchAll(/[^\r\n]+/g)) {
    const start = m.index;
    const text = m[0];
    if (text.trim() === '') continue;
    // A tag continued from before the line starts a new chunk here.
    const own = tags.slice(start, start + text.length).map((t, i) => (i === 0 && t.startsWith('I-') ? `B-${t.slice(2)}` : t));
    const rows: string[] = [];
    let marked = '';
    let i = 0;
    for (const ch of text) {
      const tag = own[i];
      const next = own[i + ch.length];
      rows.push(`${ch}\t${tag}`);
      marked += (tag.startsWith('B-') ? '<' : '') + ch + (tag !== 'O' && !(next?.startsWith('I-')) ? `:${tag.slice(2)}>` : '');
      i += ch.length;
    }
    out.push(`## ${line.id}:${start}\t${marked}\n${rows.join('\n')}\n\n`);
  }
  return out.join('');
}

export const conll: ExportFormat = { name: 'conll', extensions: ['.conll', '.iob'], head: HEAD, article: blocks, tail: '' };
