// Features of a (mention, candidate) pair. They describe evidence that carries over to any name:
// how well the alias matched, whether the candidate held the title written next to the mention on
// the article's date, country cues, what the document already linked, and a weak prior.
import { dateStart, inOffice, type KbEntity, type KbTitle, type KnowledgeBase, type Office } from './kb.js';
import type { DocumentContext } from './coref.js';
import type { Mention } from './mentions.js';

export interface Features {
  /** Full-name alias 1, family name alone 0.6, surname + title 0.4, title alone 0. */
  alias: number;
  /** log(1 / number of entities sharing the alias). */
  ambiguity: number;
  /** The written title was held on the date: 1; an open bound: 0.8 within two years of the start, else 0.3; held at another time: -1; never: -1.5. */
  office: number;
  /** No title written: in some office on the date 1, else 0. */
  active: number;
  /** Country of the title cue agrees 1, disagrees -1, no cue 0. */
  country: number;
  /** No country written and the candidate is of the article's home country (Korean press: KR). */
  home: number;
  /** The candidate's country is named in the sentence. */
  sentence: number;
  /** Already linked earlier in the document 1; for a title alone, named anywhere in it 0.5. */
  coref: number;
  /** Number of offices, capped: how prominent the KB record is. */
  prior: number;
}

export const FEATURE_NAMES = ['alias', 'ambiguity', 'office', 'active', 'country', 'home', 'sentence', 'coref', 'prior'] as const satisfies readonly (keyof Features)[];

/** Does an office's title answer a written title (a generic one stands for its kind or rank)? */
export function titleMatches(office: KbTitle, written: readonly KbTitle[]): boolean {
  return written.some((t) => t.id === office.id || (t.generic && covers(t, office)));
}

/** A generic title covers titles of its kind, of its rank (장관), and its specializations of the same rank (사령관 ⊃ 주한미군사령관). */
function covers(generic: KbTitle, office: KbTitle): boolean {
  return generic.kind === office.kind || generic.kind === office.rank || (generic.rank === office.rank && office.kind.endsWith('-' + generic.kind));
}

export function matchingOffices(kb: KnowledgeBase, e: KbEntity, written: readonly KbTitle[]): Office[] {
  if (e.type !== 'person') return [];
  return e.offices.filter((o) => { const t = kb.get(o.title); return t?.type === 'title' && titleMatches(t, written); });
}

/**
 * An office with an unrecorded bound: started less than two years before the date and not known
 * to have ended, it most likely still runs (terms in these posts last about two years); otherwise
 * it is only possible.
 */
function openOfficeLikelihood(o: Office, day: string): number {
  if (o.from === undefined || inOffice(o, day) === false) return 0.3;
  const years = (Date.parse(day) - Date.parse(dateStart(o.from))) / (365.25 * 86400e3);
  return years >= 0 && years < 2 ? 0.8 : 0.3;
}

export function features(kb: KnowledgeBase, m: Mention, e: KbEntity, day: string | null, ctx: DocumentContext): Features {
  const f: Features = { alias: 0, ambiguity: 0, office: 0, active: 0, country: 0, home: 0, sentence: 0, coref: 0, prior: 0 };
  if (m.kind === 'name' || m.kind === 'paren') {
    f.alias = m.fullName ? 1 : 0.6;
    f.ambiguity = Math.log(1 / Math.max(1, m.ids.length));
  } else if (m.kind === 'surname-title') f.alias = 0.4;
  if (e.type === 'person') {
    if (m.title) {
      const offices = matchingOffices(kb, e, m.title.titles);
      if (!offices.length) f.office = -1.5;
      else if (!day) f.office = 0.3;
      else {
        const states = offices.map((o) => inOffice(o, day));
        if (m.title.former) f.office = offices.some((o) => o.to && o.to < day) ? 1 : states.includes(true) ? -0.5 : 0.3;
        else f.office = states.includes(true) ? 1 : states.includes(null) ? Math.max(...offices.map((o) => openOfficeLikelihood(o, day))) : -1;
      }
    } else if (day && e.offices.some((o) => inOffice(o, day) === true)) f.active = 1;
    f.prior = Math.min(e.offices.length, 4) / 4;
  }
  const cue = m.title?.country ?? null;
  const country = e.type === 'title' ? e.country : e.country;
  if (cue) f.country = country === cue ? 1 : -1;
  else if (m.kind !== 'name' && m.kind !== 'paren' && ctx.home && country === ctx.home) f.home = 1;
  if (country && m.sentenceCountries.includes(country)) f.sentence = 1;
  f.coref = m.kind === 'title' ? (ctx.has(e.id) ? 0.5 : 0) : ctx.salience(e.id, m.start);
  return f;
}
