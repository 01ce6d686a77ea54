// The link stage: find KB mentions (mentions.ts), rank each one's candidates in document order so
// that earlier links inform later ones (coref.ts), give NIL ids to names the KB lacks, resolve group
// mentions ("양 장관") to the people the article names, and attach calibrated links to the entities.
import { mergeEntities } from '../ner/merge.js';
import type { Resources } from '../resources.js';
import type { Stage } from '../stage.js';
import { StageError, type Article, type Entity, type EntityType, type Link, type Reference } from '../types.js';
import { loadCalibration, applyPlatt } from './calibrate.js';
import { candidatesFor, nilId } from './candidates.js';
import { spanConfidence, spanFeatures, type SpanEvidence } from './confidence.js';
import { DocumentContext } from './coref.js';
import { features, titleMatches } from './features.js';
import { inOffice, type KbEntity, type KbTitle, type KnowledgeBase } from './kb.js';
import { COUNTRY_INITIALS, COUNTRY_WORDS, countryPlace, detectMentions, type Mention } from './mentions.js';
import { particleChain } from './name-index.js';
import { romanizeName } from './romanize.js';
import { SpanIndex } from './spans.js';
import { margin, NIL_SCORE, rank, score, softmax } from './score.js';

export { loadKnowledgeBase, type KnowledgeBase } from './kb.js';

/** One resolved mention: its link and, for the scorer's users, the margin behind its confidence. */
export interface Resolution {
  mention: Mention;
  link: Link;
  entityType: EntityType;
  margin: number;
}

const TYPE_OF: Record<string, EntityType> = { person: 'PS', org: 'OG', place: 'LC', event: 'OG' };

function kbLink(e: KbEntity, confidence: number, candidates: Link['candidates']): Link {
  return { id: e.id, name: e.name.ko, name_en: e.name.en, confidence, candidates };
}

function nilLink(type: EntityType, name: string, confidence: number, candidates: Link['candidates']): Link {
  return { id: nilId(type, name), name, name_en: romanizeName(name, type === 'PS'), confidence, candidates };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** Resolves every mention of a text; the heart of the stage, also used by the evaluation. */
export function resolveMentions(kb: KnowledgeBase, text: string, published: string | null, sentences: readonly { start: number; end: number }[], ner: readonly Entity[] = []): Resolution[] {
  const platt = loadCalibration();
  const ctx = new DocumentContext(homeCountry(text));
  const mentions = detectMentions(text, kb, sentences);
  const covered = new Uint8Array(text.length + 1);
  for (const m of mentions) covered.fill(1, m.start, m.end);
  const nerAt = new Map(ner.map((e) => [`${e.start}:${e.end}`, e]));
  // NER names that no KB mention covers: a KB alias the detector did not take as a word is ranked
  // like a bare name (NIL unless evidence backs it); anything else is a NIL mention (PS and OG).
  for (const e of ner) {
    if ((e.type !== 'PS' && e.type !== 'OG' && e.type !== 'LC') || covered.subarray(e.start, e.end).includes(1)) continue;
    // Country abbreviations the NER splits out of compounds (한미일 → 한, 미, 일; 미 국방장관 → 미) are the countries.
    const country = (e.type === 'OG' || e.type === 'LC') && e.text.length === 1 ? (COUNTRY_WORDS[e.text] ?? NER_ABBREVIATIONS[e.text]) : undefined;
    if (country) {
      const place = countryPlace(kb, country);
      if (place) { mentions.push({ start: e.start, end: e.end, text: e.text, kind: 'name', ids: [place.id], fullName: true, title: null, head: e.type, groupSize: 0, glosses: null, sentenceCountries: [], inTitle: false }); continue; }
    }
    // Any other lone syllable (양 in 양 국은) or country initials (한일) is no name to give an id;
    // places the KB lacks stay unlinked.
    if (/^[가-힣]$/.test(e.text) || COUNTRY_INITIALS.test(e.text) || e.type === 'LC') continue;
    const ids = kb.lookup(e.text).filter((x) => x.type !== 'title').map((x) => x.id);
    const m: Mention = { start: e.start, end: e.end, text: e.text, kind: ids.length ? 'name' : 'unknown-name', ids, fullName: false, title: null, head: e.type, groupSize: 0, glosses: null, sentenceCountries: [], inTitle: false };
    mentions.push(m);
  }
  mentions.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Resolution[] = [];
  const byMention = new Map<Mention, Resolution>();
  // Titles alone are resolved after every name, so that anyone the article names anywhere counts
  // (미 국방장관 in an article that names 오스틴 further down); groups come last.
  const ordered = [...mentions.filter((m) => m.kind !== 'title'), ...mentions.filter((m) => m.kind === 'title')];
  for (const m of ordered) {
    if (m.kind === 'group') continue;
    if (m.kind === 'paren') {
      const glossed = m.glosses && byMention.get(m.glosses);
      if (glossed) { const r = { ...glossed, mention: m }; out.push(r); byMention.set(m, r); }
      continue;
    }
    const cands = candidatesFor(kb, m, ctx);
    const scored = cands.map((e) => ({ item: e, score: score(features(kb, m, e, published, ctx)) }));
    const nilType: EntityType = m.kind === 'unknown-name' ? (m.head === 'OG' ? 'OG' : 'PS') : cands.length ? TYPE_OF[cands[0].type] : 'PS';
    // A NIL link needs a name: an unknown name, or a family name the NER also found as a person.
    const found = nerAt.get(`${m.start}:${m.end}`);
    const nilAllowed = m.kind === 'unknown-name' || (m.kind === 'name' && found?.type === 'PS');
    // A full name, or a family name with a title written next to it, always links (its doubt shows
    // in the confidence). A bare family name (밀리, 비건, 스가) is often a common word or another
    // person: unless the article named the person before, NIL wins. Other shapes may find no one.
    const bare = m.kind === 'name' && !m.fullName && !m.title;
    const ranked = rank(scored, m.kind === 'name' ? (bare ? NIL_SCORE.name : null) : NIL_SCORE[m.kind]);
    const top = ranked[0];
    if (!top) continue;
    // Candidates that stay tied at the top leave the mention unresolved: an id order is no evidence.
    if (top.item && ranked[1]?.item && Math.abs(top.score - ranked[1].score) < 1e-9) continue;
    const probs = softmax(ranked.map((r) => r.score));
    const list = ranked.slice(0, 5).map((r, i) => ({ id: r.item ? r.item.id : nilId(nilType, m.text), score: round(probs[i]) }));
    const x = margin(ranked);
    const confidence = round(applyPlatt(platt, x));
    let res: Resolution;
    if (top.item) {
      res = { mention: m, link: kbLink(top.item, confidence, list), entityType: TYPE_OF[top.item.type], margin: x };
    } else if (nilAllowed) {
      // A NIL link is right only if the name is real: for a name only the NER found, its span confidence counts too.
      const p = found && !m.title ? round(confidence * found.confidence) : confidence;
      res = { mention: m, link: nilLink(nilType, m.text, p, list), entityType: nilType, margin: x };
    } else continue; // a bare title or surname nobody in the KB or the article answers to
    out.push(res);
    byMention.set(m, res);
    if (res.entityType === 'PS') {
      const e = top.item;
      ctx.add(res.link.id, m.start, e, e ? null : m.text, m.title ? m.title.titles.map((t) => t.id) : []);
    }
  }
  for (const m of mentions) if (m.kind === 'group') out.push(...resolveGroup(kb, m, published, ctx, platt));
  return out.sort((a, b) => a.mention.start - b.mention.start || a.mention.end - b.mention.end);
}

/**
 * "양 장관", "3국 차관": the people linked in the article whose title (written, or held on the date)
 * answers the group's title, first-named first, as many as the group word says. One resolution per
 * member, all on the group's span (see docs/kb.md).
 */
function resolveGroup(kb: KnowledgeBase, m: Mention, day: string | null, ctx: DocumentContext, platt: ReturnType<typeof loadCalibration>): Resolution[] {
  const written = m.title!.titles;
  const fits = (id: string, titleIds: Set<string>): boolean => {
    const written2 = [...titleIds].map((t) => kb.get(t)).filter((t): t is KbTitle => t?.type === 'title');
    const e = kb.get(id);
    if (written2.some((t) => titleMatches(t, written) || written.some((w) => titleMatches(w, [t])))) return true;
    if (e?.type !== 'person') return false;
    return e.offices.some((o) => { const t = kb.get(o.title); return t?.type === 'title' && titleMatches(t, written) && (!day || inOffice(o, day) !== false); });
  };
  let members = ctx.all().filter((p) => fits(p.id, p.titleIds));
  if (m.groupSize && members.length > m.groupSize) members = [...members].sort((a, b) => b.mentions - a.mentions || a.first - b.first).slice(0, m.groupSize).sort((a, b) => a.first - b.first);
  if (members.length < 2) return [];
  // Exactly the stated number of members is strong evidence; more or fewer leaves doubt.
  const x = !m.groupSize || members.length === m.groupSize ? 3 : 0.5;
  const confidence = round(applyPlatt(platt, x));
  const candidates = members.slice(0, 5).map((p) => ({ id: p.id, score: round(1 / members.length) }));
  return members.map((p) => {
    const e = kb.get(p.id);
    const link = e ? kbLink(e, confidence, candidates) : nilLink('PS', p.id.replace(/^nil:person:/, ''), confidence, candidates);
    return { mention: m, link, entityType: 'PS' as const, margin: x };
  });
}

/** The entity's span: a surname + title is a PS on the surname alone (KLUE style: 김 in 김 장관). */
function entitySpan(m: Mention, text: string): { start: number; end: number; text: string } {
  if (m.kind !== 'surname-title' || !m.head) return m;
  return { start: m.start, end: m.start + m.head.length, text: text.slice(m.start, m.start + m.head.length) };
}

/**
 * The country an article is written from: Korean-language text is Korean press (KR), Japanese
 * text Japanese (JP); the country words of a sentence still weigh as cues beside it.
 */
export function homeCountry(text: string): string | null {
  let hangul = 0, kana = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xac00 && c <= 0xd7a3) hangul++;
    else if (c >= 0x3041 && c <= 0x30ff) kana++;
  }
  return hangul === 0 && kana === 0 ? null : hangul >= kana ? 'KR' : 'JP';
}

/** Abbreviations that are also surnames (한 장관) or words: countries only where the NER typed them OG or LC. */
const NER_ABBREVIATIONS: Record<string, string> = { 한: 'KR', 남: 'KR' };


/**
 * Links one article; also returns the evidence behind every person span it resolved (for fitting
 * the span model, `hanlink fit links-calibration`). A person span the NER did not type PS itself (added,
 * or retyped from OG/LC) gets its confidence from that model.
 */
export function linkArticle(doc: Article, res: Resources): { doc: Article; persons: SpanEvidence[] } {
  try {
    const ner = [...splitCountryInitials(doc.entities, res.kb), ...initialsInText(doc.text, doc.entities, res.kb)].sort((a, b) => a.start - b.start || a.end - b.end);
    const resolutions = resolveMentions(res.kb, doc.text, doc.published, doc.sentences, ner);
    const added: Entity[] = [];
    const references: Reference[] = [];
    const persons: SpanEvidence[] = [];
    const entities = ner.map((e) => ({ ...e }));
    const nerSpans = new SpanIndex(ner);
    const spans = new SpanIndex(entities);
    const removed = new Set<Entity>();
    for (const r of resolutions) {
      const { start, end, text } = entitySpan(r.mention, doc.text);
      if (r.mention.kind === 'title' || r.mention.kind === 'group') {
        const last = references[references.length - 1];
        if (last && last.start === start && last.end === end) last.links.push(r.link);
        else references.push({ start, end, text, kind: r.mention.kind, links: [r.link] });
        continue;
      }
      const features = r.entityType === 'PS' ? spanFeatures(r.mention, { start, end, text }, nerSpans.overlapping(start, end), r.link) : null;
      if (features) persons.push({ start, end, features });
      const same = spans.at(start, end).find((e) => !removed.has(e));
      // A country or ministry written in a title phrase is no person, whatever the NER read (미 국방장관).
      const modifierType: EntityType | null = r.mention.inTitle && r.entityType !== 'PS' ? (r.link.id.startsWith('place:') ? 'LC' : 'OG') : null;
      if (same) {
        same.link = r.link;
        if (features && same.type !== 'PS') { same.type = 'PS'; same.confidence = round(spanConfidence(features)); }
        if (modifierType && same.type === 'PS') { same.type = modifierType; same.subtype = null; }
        continue;
      }
      if (r.entityType !== 'PS') {
        const overlapping = spans.overlapping(start, end).filter((e) => !removed.has(e));
        // Organization and place spans follow the NER (KLUE joins a country to what it names:
        // "미국 워싱턴 D.C.", "대한민국 공군 블랙이글스"); such a span takes the link of the name it ends with.
        const outer = overlapping.find((e) => e.start <= start && e.end === end && e.type !== 'PS' && !e.link && /^\s*$/.test(doc.text.slice(e.start, start).replace(/\S+/g, (w) => (isCountryOrKbName(res.kb, w) ? '' : w))));
        if (outer) { outer.link = r.link; continue; }
        // A KB name ending in 의 keeps it (뮌헨안보회의에): the NER cut it as a particle.
        const cut = overlapping.find((e) => e.start === start && e.end < end && e.type !== 'PS' && particleChain(doc.text.slice(e.end, end)));
        if (cut) { cut.end = end; cut.text = doc.text.slice(start, end); cut.link = r.link; continue; }
        // A KB name in full wins over a person the NER found inside it (캠프 데이비드 → not 데이비드).
        for (const e of overlapping) if (r.mention.fullName && e.type === 'PS' && !e.link && start <= e.start && e.end <= end && e.end - e.start < end - start) removed.add(e);
        if (modifierType && !overlapping.some((e) => !removed.has(e))) added.push({ start, end, text, type: modifierType, subtype: null, confidence: r.link.confidence, link: r.link, source: 'link' });
        continue;
      }
      // A KB person name has exact bounds: an NER span that swallows it with a title or a country
      // word ("매티스 미", "김 장관") is a boundary error, and gives way.
      for (const e of spans.overlapping(start, end)) if (e.start <= start && e.end >= end && e.end - e.start > end - start) removed.add(e);
      added.push({ start, end, text, type: 'PS', subtype: null, confidence: round(spanConfidence(features!)), link: r.link, source: 'link' });
    }
    // Inside a resolved group phrase ("양 장관": both ministers) the determiner is no person, whatever
    // the NER read into it (양 is also a surname).
    const groups = new SpanIndex(references.filter((r) => r.kind === 'group'));
    for (const e of entities) if (e.type === 'PS' && !e.link && groups.overlapping(e.start, e.end).some((g) => g.start <= e.start && e.end <= g.end)) removed.add(e);
    const kept = entities.filter((e) => !removed.has(e));
    return { doc: { ...doc, entities: mergeEntities(kept, added), references }, persons };
  } catch (err) {
    throw StageError.from(doc.id, 'link', err);
  }
}

export const linkStage: Stage = {
  name: 'link',
  run: (doc: Article, res: Resources): Article => linkArticle(doc, res).doc,
};

/**
 * KLUE splits country initials into one OG per country (한미 → 한, 미; 한미동맹 → 한, 미; docs/gold.md).
 * An NER span made of initials, possibly with a common noun after them (동맹, 공조), that is no KB
 * name itself (북한, 한미연합사 are) becomes those one-syllable OGs; the linker then links each.
 */
function splitCountryInitials(entities: readonly Entity[], kb: KnowledgeBase): Entity[] {
  return entities.flatMap((e) => {
    const m = /^([한미일중러북남]{2,4})([가-힣]*)$/.exec(e.text);
    // Initials alone are never a date or a quantity (한일 read as a date), but a suffix may make them one.
    if (!m || ((e.type === 'DT' || e.type === 'TI' || e.type === 'QT') && m[2]) || kb.lookup(e.text).length || kb.lookup(m[1]).length) return [e];
    if (m[2] && (e.type !== 'OG' || kb.find(m[2]).length)) return [e];
    // Their confidence is KLUE's own rate of splitting initials (6 of 7 annotations, docs/gold.md),
    // not the confidence of the span they came from (often a date or a joint span the NER doubted).
    return [...m[1]].map((ch, i) => ({ ...e, start: e.start + i, end: e.start + i + 1, text: ch, type: 'OG' as const, subtype: null, link: null, confidence: KLUE_SPLIT_RATE }));
  });
}

/**
 * Country initials standing as a word that no entity covers (한미일은, 한일 간의, 남북,): one OG per
 * country, as KLUE annotates them, whether or not the NER found the string. Each country once, 남
 * only with 북 (남미, 미남 are words), never a KB name (북한), and only before particles or a
 * non-letter, where no longer word can hide.
 */
function initialsInText(text: string, entities: readonly Entity[], kb: KnowledgeBase): Entity[] {
  const covered = new Uint8Array(text.length + 1);
  for (const e of entities) covered.fill(1, e.start, e.end);
  const out: Entity[] = [];
  for (const m of text.matchAll(/(?<![가-힣])([한미일중러북남]{2,4})([가-힣]{0,4})(?![가-힣])/g)) {
    const word = m[1], start = m.index!;
    if (new Set(word).size !== word.length || (word.includes('남') && !word.includes('북')) || (m[2] && !particleChain(m[2]))) continue;
    if (kb.lookup(word).length || covered.subarray(start, start + word.length).includes(1)) continue;
    for (const [i, ch] of [...word].entries()) out.push({ start: start + i, end: start + i + 1, text: ch, type: 'OG', subtype: null, confidence: KLUE_SPLIT_RATE, link: null, source: 'link' });
  }
  return out;
}

/** Share of KLUE's annotations of country initials that split them one OG per country (docs/gold.md). */
const KLUE_SPLIT_RATE = 6 / 7;

/** A word that may lead an organization or place span: a country word or another KB name (대한민국 공군 …). */
function isCountryOrKbName(kb: KnowledgeBase, word: string): boolean {
  return word in COUNTRY_WORDS || kb.lookup(word).some((e) => e.type === 'place' || e.type === 'org');
}
