// Candidate generation: which KB records (and which people already linked in the document) a
// mention may refer to, and the NIL ids of names the KB lacks.
import { aliasKey, type KbEntity, type KnowledgeBase } from './kb.js';
import type { DocumentContext } from './coref.js';
import { matchingOffices } from './features.js';
import type { Mention } from './mentions.js';

export function candidatesFor(kb: KnowledgeBase, m: Mention, ctx: DocumentContext): KbEntity[] {
  const out = new Map<string, KbEntity>();
  const add = (e: KbEntity | undefined) => { if (e && e.type !== 'title') out.set(e.id, e); };
  switch (m.kind) {
    case 'name':
    case 'paren':
      for (const id of m.ids) add(kb.get(id));
      break;
    case 'surname-title': {
      // KB people of that surname who ever held such a title, and anyone of that surname named earlier.
      for (const p of kb.bySurname(m.head!)) if (matchingOffices(kb, p, m.title!.titles).length) add(p);
      for (const p of ctx.bySurname(m.head!, m.start)) add(kb.get(p.id));
      break;
    }
    case 'title': {
      const ids = new Set(m.title!.titles.flatMap((t) => (t.generic ? kb.titlesOfKind(t.kind) : [t])).map((t) => t.id));
      for (const p of kb.holders(ids)) add(p);
      break;
    }
    case 'unknown-name':
      for (const e of kb.lookup(m.text)) add(e);
      break;
    case 'group':
      break;
  }
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

const NIL_KIND: Record<string, string> = { PS: 'person', OG: 'org', LC: 'place' };

/** A NIL id that is the same for the same name in any article: nil:person:홍길동, nil:org:acme. */
export function nilId(type: string, name: string): string {
  const key = aliasKey(name).replace(/[^\p{L}\p{N}-]+/gu, '-').replace(/^-+|-+$/g, '') || 'unnamed';
  return `nil:${NIL_KIND[type] ?? type.toLowerCase()}:${key}`;
}
