// Candidate generation: which KB records (and which people already linked in the document) a
// mention may refer to, and the NIL ids of names the KB lacks.
import { aliasKey, type KbEntity, type KnowledgeBase } from './kb.js';
import type { DocumentContext } from './coref.js';
import { matchingOffices } from './features.js';
import { related, type Mention } from './mentions.js';

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
      // A country or ministry written with the title narrows it: 미 국방장관 is the US one's,
      // 국방부 차관 the ministry's; a candidate of another country or ministry is none.
      const { country, org } = m.title!;
      const titles = m.title!.titles.flatMap((t) => (t.generic ? kb.titlesOfKind(t.kind) : [t]))
        .filter((t) => (!country || !t.country || t.country === country) && (!org || !t.org || related(kb, org, t.org)));
      for (const p of holders(kb, new Set(titles.map((t) => t.id)))) add(p);
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

const holderCache = new WeakMap<KnowledgeBase, Map<string, KbEntity[]>>();

/** Holders of a set of titles, remembered per KB: a long article asks for the same titles often. */
function holders(kb: KnowledgeBase, ids: ReadonlySet<string>): KbEntity[] {
  let cache = holderCache.get(kb);
  if (!cache) holderCache.set(kb, (cache = new Map()));
  const key = [...ids].sort().join(' ');
  let list = cache.get(key);
  if (!list) cache.set(key, (list = kb.holders(ids)));
  return list;
}

const NIL_KIND: Record<string, string> = { PS: 'person', OG: 'org', LC: 'place' };

/** A NIL id that is the same for the same name in any article: nil:person:홍길동, nil:org:acme. */
export function nilId(type: string, name: string): string {
  const key = aliasKey(name).replace(/[^\p{L}\p{N}-]+/gu, '-').replace(/^-+|-+$/g, '') || 'unnamed';
  return `nil:${NIL_KIND[type] ?? type.toLowerCase()}:${key}`;
}
