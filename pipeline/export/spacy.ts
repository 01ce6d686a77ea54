// spaCy: a JSON array of {"id", "text", "ents": [[start, end, label]], "links": [[start, end, kb_id]],
// "meta"}, spaCy's offset training format. Offsets are Python string indices (code points), not the
// output's UTF-16 units: they differ after a character outside the BMP. In Python:
//   doc = nlp.make_doc(t["text"]); doc.ents = [doc.char_span(s, e, label=l) for s, e, l in t["ents"]]
// then DocBin(docs=[doc, ...]).to_disk("train.spacy").
import type { OutputLine } from '../types.js';
import { jsonArrayFormat, type ExportFormat } from './format.js';

/** UTF-16 offset → code point offset, for the offsets of one text. */
export function codePointOffsets(text: string): (utf16: number) => number {
  const map = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (!(c >= 0xd800 && c <= 0xdbff && i + 1 < text.length)) cp++;
  }
  map[text.length] = cp;
  return (u) => map[u];
}

export function spacyDoc(line: OutputLine) {
  const cp = codePointOffsets(line.text);
  return {
    id: line.id,
    text: line.text,
    ents: line.entities.map((e) => [cp(e.start), cp(e.end), e.type]),
    links: line.entities.filter((e) => e.link).map((e) => [cp(e.start), cp(e.end), e.link!.id]),
    meta: { source: line.source, published: line.published, title: line.title },
  };
}

export const spacy: ExportFormat = jsonArrayFormat('spacy', ['.spacy.json'], spacyDoc);
