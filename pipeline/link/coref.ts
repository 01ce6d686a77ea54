// In-document coreference: what has been linked so far, so that a later "김 장관" or "장 차관" can
// be resolved to the 김용현/장호진 named earlier, and "양 장관" to the two ministers of the article.
import { surnameOf, type KbEntity } from './kb.js';

export interface LinkedPerson {
  id: string;
  /** Korean surname used with titles (김), or the first syllable of a NIL name. */
  surname: string | null;
  /** Where it was first and last named. */
  first: number;
  last: number;
  mentions: number;
  /** Titles written next to it (ids), for group mentions. */
  titleIds: Set<string>;
}

export class DocumentContext {
  private readonly people = new Map<string, LinkedPerson>();

  /** `home`: the article's own country (ISO), the default for a title written without one. */
  constructor(readonly home: string | null = null) {}

  /** Records a person link at a text position. */
  add(id: string, pos: number, entity: KbEntity | null, nilName: string | null, titleIds: readonly string[] = []): void {
    let p = this.people.get(id);
    if (!p) {
      const surname = entity?.type === 'person' ? surnameOf(entity) ?? lastWord(entity.name.ko) : nilName ? nilName[0] : null;
      this.people.set(id, (p = { id, surname, first: pos, last: pos, mentions: 0, titleIds: new Set() }));
    }
    p.first = Math.min(p.first, pos);
    p.last = Math.max(p.last, pos);
    p.mentions++;
    for (const t of titleIds) p.titleIds.add(t);
  }

  has(id: string): boolean {
    return this.people.has(id);
  }

  /** 1 if the person was named before `pos`, else 0. */
  salience(id: string, pos: number): number {
    const p = this.people.get(id);
    if (!p || p.first >= pos) return 0;
    return 1;
  }

  /** People with this surname named before `pos`, nearest first. */
  bySurname(surname: string, pos: number): LinkedPerson[] {
    return [...this.people.values()].filter((p) => p.surname === surname && p.first < pos).sort((a, b) => b.last - a.last);
  }

  /** Everyone linked in the document, in order of first mention. */
  all(): LinkedPerson[] {
    return [...this.people.values()].sort((a, b) => a.first - b.first);
  }
}

function lastWord(name: string): string {
  const words = name.split(' ');
  return words[words.length - 1];
}
