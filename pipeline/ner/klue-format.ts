// KLUE-NER's file format (klue-ner-v1.1_*.tsv): "##" comment lines, then one block per sentence:
// "## <id>\t<sentence with inline tags>", then one "<char>\t<BIO tag>" line per character.
// Tags here are per UTF-16 code unit, so that they index JavaScript strings like every offset in
// hanlink; a character outside the BMP (emoji in movie reviews) gets its tag on its first unit and
// the continuation (I-X or O) on the second.
import type { EntityType } from '../types.js';

export const ENTITY_TYPES: readonly EntityType[] = ['PS', 'LC', 'OG', 'DT', 'TI', 'QT'];

export interface KlueSentence {
  id: string;
  text: string;
  /** One BIO tag per UTF-16 code unit of `text`. */
  tags: string[];
}

export interface TypedSpan {
  start: number;
  end: number;
  type: EntityType;
}

export function parseKlue(content: string): KlueSentence[] {
  const out: KlueSentence[] = [];
  let cur: KlueSentence | null = null;
  for (const line of content.split(/\r?\n/)) {
    if (line.startsWith('## ')) {
      const tab = line.indexOf('\t');
      if (tab > 0 && /^## \S+\t/.test(line)) {
        if (cur) out.push(cur);
        cur = { id: line.slice(3, tab), text: '', tags: [] };
      }
      continue;
    }
    if (line === '' || !cur) continue;
    const tab = line.lastIndexOf('\t');
    if (tab < 0) throw new Error(`KLUE line without a tag in ${cur.id}: ${JSON.stringify(line)}`);
    const ch = line.slice(0, tab);
    const tag = line.slice(tab + 1);
    if (!/^(O|[BI]-(PS|LC|OG|DT|TI|QT))$/.test(tag)) throw new Error(`unknown KLUE tag ${tag} in ${cur.id}`);
    cur.text += ch;
    cur.tags.push(tag);
    for (let k = 1; k < ch.length; k++) cur.tags.push(tag === 'O' ? 'O' : `I-${tag.slice(2)}`);
  }
  if (cur) out.push(cur);
  return out;
}

/** Writes sentences back in KLUE's format (one line per character); the inverse of parseKlue. */
export function formatKlue(sentences: readonly KlueSentence[]): string {
  const head = '## 토큰, 레이블 구분자 : \\t\n## 토큰 구분자 : \\n\n## 문장 구분자 : \\n\\n\n## 주석 : ##\n## 컬럼명 : CHAR\tNE_TAG\n';
  const blocks = sentences.map((s) => {
    const lines = [`## ${s.id}\t${s.text}`];
    let i = 0;
    for (const ch of s.text) {
      lines.push(`${ch}\t${s.tags[i]}`);
      i += ch.length;
    }
    return lines.join('\n');
  });
  return head + blocks.join('\n\n') + '\n';
}

/** Strict IOB2 chunks (as seqeval's strict mode): an entity starts at B-X and runs over the I-X after it; a stray I-X starts nothing. */
export function spansFromTags(tags: readonly string[]): TypedSpan[] {
  const spans: TypedSpan[] = [];
  let i = 0;
  while (i < tags.length) {
    const t = tags[i];
    if (t.startsWith('B-')) {
      const type = t.slice(2) as EntityType;
      let j = i + 1;
      while (j < tags.length && tags[j] === `I-${type}`) j++;
      spans.push({ start: i, end: j, type });
      i = j;
    } else i++;
  }
  return spans;
}

export function tagsFromSpans(length: number, spans: readonly TypedSpan[]): string[] {
  const tags = new Array<string>(length).fill('O');
  for (const s of spans) for (let k = s.start; k < s.end; k++) tags[k] = (k === s.start ? 'B-' : 'I-') + s.type;
  return tags;
}

/** Tags at the first code unit of each character: the positions KLUE's character-level metric counts. */
export function charLevelTags(text: string, tags: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  for (const ch of text) {
    out.push(tags[i]);
    i += ch.length;
  }
  return out;
}
