// Mention detection for linking: KB aliases found with one Aho–Corasick automaton over the text,
// kept only where they stand as words (a Korean alias may be followed by particles: 오스틴은,
// 방위상과), then grouped into the mention shapes Korean news uses:
//   name [(other script)] [country] [org] [title]   김용현 장관, 웬디 셔먼(Wendy R. Sherman) 미국 국무부 부장관
//   surname + title                                  김 장관, 서 장관
//   [country] title, referring on its own            미 국방장관은, 일본 방위대신과
//   group + title                                    양 장관, 3국 차관
//   unknown 3-syllable name + title                  홍길동 국방부 차관 (a NIL person)
import { functionalRest, nameIndex, standsAsWord, titleStarts as titleStartsOf } from './name-index.js';
import { aliasKey, type KbEntity, type KbTitle, type KnowledgeBase } from './kb.js';

export type MentionKind = 'name' | 'surname-title' | 'title' | 'group' | 'paren' | 'unknown-name';

/** A title written next to a mention, with the country the text gives it. */
export interface TitleCue {
  start: number;
  end: number;
  titles: KbTitle[];
  /** ISO country from a prefix (미, 일본), an org (외교부 → KR) or the title itself (방위상 → JP). */
  country: string | null;
  /** "전 장관": the office was held before the article's date. */
  former: boolean;
  /** The organization the text names with the title (외교부 1차관, 방위성 사무차관), if any. */
  org: string | null;
}

export interface Mention {
  start: number;
  end: number;
  text: string;
  kind: MentionKind;
  /** KB ids the alias names (kind name); for paren, the ids of the mention it glosses. */
  ids: readonly string[];
  /** Whether the alias is a full name (vs a family name alone such as 오스틴). */
  fullName: boolean;
  title: TitleCue | null;
  /** surname-title: the surname; group: the group word (양, 3국). */
  head: string | null;
  /** group: how many members the group word says (양 = 2, 3국 = 3), 0 when it does not say. */
  groupSize: number;
  /** paren: the mention it glosses. */
  glosses: Mention | null;
  /** The sentence's country cues, for the scorer. */
  sentenceCountries: string[];
  /** A country or organization written as part of a title phrase (미 국방장관, 국방부 장관). */
  inTitle: boolean;
}

/** Country words that may stand before a title or a name; one-syllable ones are also the abbreviations of 한미일, 남북. */
export const COUNTRY_WORDS: Record<string, string> = {
  미: 'US', 미국: 'US', 美: 'US', 한국: 'KR', 대한민국: 'KR', 우리: 'KR', 우리나라: 'KR', 韓: 'KR', 우리측: 'KR',
  일: 'JP', 일본: 'JP', 日: 'JP', 중: 'CN', 중국: 'CN', 中: 'CN', 러: 'RU', 러시아: 'RU', 露: 'RU',
  북: 'KP', 북한: 'KP', 北: 'KP', 조선: 'KP',
};
/** Group words before a title, with the count they state (0: unstated). */
const GROUP_WORDS: Record<string, number> = { 양: 2, 두: 2, 양국: 2, 세: 3, '3국': 3, 삼국: 3, '3개국': 3, 네: 4, '4국': 4, 각국: 0 };
/** Words that head a title but are no name: 전 장관 (former), 신임 장관, 당시 장관. */
const TITLE_MODIFIERS = new Set(['전', '현', '신임', '전임', '후임', '당시', '초대', '역대', '현직', '前', '現', '각', '본', '동', '해당', '타', '그']);
/** Country initials strung together name a group of that many: 한미 (2), 한미일 (3), 남북 (2). */
export const COUNTRY_INITIALS = /^[한미일중러북남]{2,4}$/;
/** After a bare title these name the office, not its holder: 국방부 장관에 임명, 국방장관으로 취임. */
const ROLE_PARTICLES = new Set(['에', '으로', '로', '으로서', '로서', '직', '직에']);
const HANGUL = /[가-힣]/;

interface Hit { start: number; end: number; ids: readonly string[]; }


/**
 * A 3-syllable word that may be a name the KB lacks: not country initials, and not ending in a
 * case particle no Korean given name ends in (선포를 대통령에게, 회담을 총리가).
 */
function unknownName(word: string): boolean {
  return /^[가-힣]{3}$/.test(word) && !COUNTRY_INITIALS.test(word) && !/[를을는에와과도]$/.test(word);
}

/** The hangul run at i, at most `max` syllables (a longer one is no particle chain or country word). */
function hangulRunAfter(text: string, i: number, max = 12): string {
  let j = i;
  while (j < text.length && j - i < max && HANGUL.test(text[j])) j++;
  return text.slice(i, j);
}

function hangulRunBefore(text: string, i: number, max = 4): { word: string; start: number } {
  let j = i;
  while (j > 0 && i - j < max && HANGUL.test(text[j - 1])) j--;
  return { word: text.slice(j, i), start: j };
}

/** Sentence spans: the article's, or one span for the whole text. */
type Sentence = { start: number; end: number };

/** The chosen hits by position: which one starts, ends or covers a position (all O(1)). */
class HitMap {
  private readonly cover: Int32Array;
  private readonly starting = new Map<number, Hit>();
  private readonly ending = new Map<number, Hit>();
  constructor(readonly hits: readonly Hit[], length: number) {
    this.cover = new Int32Array(length + 1).fill(-1);
    hits.forEach((h, i) => { this.cover.fill(i, h.start, h.end); this.starting.set(h.start, h); this.ending.set(h.end, h); });
  }
  startingAt(pos: number): Hit | undefined { return this.starting.get(pos); }
  endingAt(pos: number): Hit | undefined { return this.ending.get(pos); }
  covering(pos: number): Hit | undefined { const i = this.cover[pos]; return i >= 0 ? this.hits[i] : undefined; }
}

/** Finds every linkable mention in the text. `sentences` come from the segment stage. */
export function detectMentions(text: string, kb: KnowledgeBase, sentences: readonly Sentence[]): Mention[] {
  const found = nameIndex(kb).search(text).filter((h) => h.name.linkable);
  const ctx = { from: 0, to: text.length, tokens: null, titleStarts: titleStartsOf(found) };
  const isTitle = (h: Hit) => h.ids.every((id) => id.startsWith('title:'));
  // Longest first, then leftmost: "국방부 장관" beats "국방부", "미 국방부" beats "국방부".
  const valid: Hit[] = found.filter((h) => standsAsWord(text, h.start, h.end, ctx)).map((h) => ({ start: h.start, end: h.end, ids: h.name.ids }))
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const hits: Hit[] = [];
  const taken = new Uint8Array(text.length);
  for (const h of valid) {
    if (taken.subarray(h.start, h.end).includes(1)) continue;
    taken.fill(1, h.start, h.end);
    hits.push(h);
  }
  hits.sort((a, b) => a.start - b.start);
  const byPos = new HitMap(hits, text.length);
  const chosen = new Set(hits);
  // A title that ends an organization's longer alias ("대한민국 국방부" + "국방부장관" in 대한민국
  // 국방부장관의) lost to it above; it may still refer on its own, beside the organization's name.
  const tailTitles = new Set(valid.filter((t) => {
    if (!isTitle(t) || chosen.has(t)) return false;
    const o = byPos.covering(t.start);
    return !!o && !isTitle(o) && o.start < t.start && o.end < t.end && o.ids.every((id) => id.startsWith('org:'));
  }));

  const sents = sentences.length ? sentences : [{ start: 0, end: text.length }];
  const sentenceOf = (pos: number): Sentence => {
    let lo = 0, hi = sents.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (pos < sents[mid].start) hi = mid - 1;
      else if (pos >= sents[mid].end) lo = mid + 1;
      else return sents[mid];
    }
    return { start: 0, end: text.length };
  };
  // Countries of the KB names of each sentence, counted, so that a mention's cues (the other
  // names' countries: 브라운 is no US cue for 브라운) take time proportional to its own length.
  const countriesOf = (h: Hit) => [...new Set(h.ids.map((id) => kb.get(id)!).filter((e) => e.type !== 'title' && e.country).map((e) => e.country!))];
  const bySentence = new Map<Sentence, Map<string, number>>();
  for (const h of hits) {
    const s = sentenceOf(h.start);
    if (h.end > s.end) continue;
    let counts = bySentence.get(s);
    if (!counts) bySentence.set(s, (counts = new Map()));
    for (const c of countriesOf(h)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const cuesOf = (start: number, end: number) => {
    const s = sentenceOf(start);
    const counts = new Map(bySentence.get(s) ?? []);
    const own = new Set<Hit>();
    for (let p = start; p < end; p++) { const h = byPos.covering(p); if (h) own.add(h); }
    for (const h of own) if (h.start >= s.start && h.end <= s.end) for (const c of countriesOf(h)) counts.set(c, counts.get(c)! - 1);
    return [...counts].filter(([, n]) => n > 0).map(([c]) => c).sort();
  };

  // Organizations and countries written inside a title phrase (국방부 in 국방부 장관, 일본 in 일본
  // 외무상) are names of their own beside the title's referent.
  const validAt = new Map<number, Hit[]>();
  for (const v of valid) if (!isTitle(v) && v.ids.every((id) => id.startsWith('org:') || id.startsWith('place:'))) validAt.set(v.start, [...(validAt.get(v.start) ?? []), v]);
  const inner: InnerNames = new Map();
  for (const t of [...hits, ...tailTitles]) {
    if (!isTitle(t)) continue;
    const inside: Hit[] = [];
    for (let p = t.start; p < t.end; p++) {
      // Not inside another chosen name (미국 국방부 around the 국방부 of a tail title 국방부장관).
      const h = (validAt.get(p) ?? []).filter((v) => (byPos.covering(v.start) ?? t) === t && v.end <= t.end && v.end - v.start < t.end - t.start && (!inside.length || v.start >= inside[inside.length - 1].end)).sort((a, b) => b.end - a.end)[0];
      if (h) inside.push(h);
    }
    inner.set(t, inside);
  }

  const mentions: Mention[] = [];
  const base = (start: number, end: number, kind: MentionKind): Mention => ({
    start, end, text: text.slice(start, end), kind, ids: [], fullName: false, title: null, head: null, groupSize: 0, glosses: null, sentenceCountries: cuesOf(start, end), inTitle: false,
  });
  const nameMention = (h: Hit, ids: readonly string[]) => {
    const m = base(h.start, h.end, 'name');
    m.ids = ids; m.fullName = true; m.inTitle = true;
    mentions.push(m);
  };
  for (const [t, inside] of inner) {
    for (const h of inside) nameMention(h, h.ids);
    // A country word the title is written with, inside its alias (미 국방장관, 美国防長官) or before it
    // (glued: 미국방장관; or one space: 미 국방장관), unless a KB name already covers it.
    const hitText = text.slice(t.start, t.end);
    const spaced = /^(\S+) (?=\S)/.exec(hitText);
    const lead = spaced && spaced[1] in COUNTRY_WORDS ? spaced[1] : /^[美日中韓北露]./.test(hitText) ? hitText[0] : null;
    const glued = HANGUL.test(text[t.start - 1] ?? '') ? hangulRunBefore(text, t.start) : null;
    const spacedBefore = wordBefore(text, t.start);
    const word = lead ? { word: lead, start: t.start } : glued && glued.word in COUNTRY_WORDS ? glued : spacedBefore && spacedBefore.word in COUNTRY_WORDS ? spacedBefore : null;
    const place = word && !inside.some((h) => h.start === word.start) && !byPos.covering(word.start) ? countryPlace(kb, COUNTRY_WORDS[word.word]) : undefined;
    if (word && place) nameMention({ start: word.start, end: word.start + word.word.length, ids: [place.id] }, [place.id]);
  }
  const usedTitles = new Set<Hit>();

  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    if (isTitle(h)) continue;
    const m = base(h.start, h.end, 'name');
    m.ids = h.ids;
    // Only people are named by a part of their name; an org or place alias is a name in full.
    m.fullName = h.ids.some((id) => !id.startsWith('person:')) || h.ids.some((id) => { const e = kb.get(id)!; return aliasKey(e.name.ko) === aliasKey(m.text) || aliasKey(e.name.en) === aliasKey(m.text) || (e.name.ja !== undefined && aliasKey(e.name.ja) === aliasKey(m.text)) || /\s/.test(m.text.trim()); });
    // A gloss in parentheses right after a name: 웬디 셔먼(Wendy R. Sherman), 모리 다케오(森 健良).
    let at = h.end;
    const paren = glossAfter(text, at);
    const people = h.ids.some((id) => id.startsWith('person:'));
    mentions.push(m);
    if (paren) {
      const g = base(paren.start, paren.end, 'paren');
      g.ids = h.ids;
      g.glosses = m;
      g.fullName = true;
      mentions.push(g);
      while (i + 1 < hits.length && hits[i + 1].start < paren.close) i++; // the gloss's own alias hit, if any
      at = paren.close;
    }
    if (people) {
      const cue = titleAfter(text, at, byPos, kb, inner);
      if (cue) { m.title = cue.title; usedTitles.add(cue.hit); }
    }
  }

  for (const h of [...hits, ...tailTitles]) {
    if (!isTitle(h) || usedTitles.has(h)) continue;
    // After a name, known or not (안규백 대한민국 국방부장관과, 홍길동 대한민국 국방부장관은), the title is the name's.
    if (tailTitles.has(h)) { const o = byPos.covering(h.start); if (o && o.start < h.start && namedBefore(text, o.start, byPos)) continue; }
    const org = orgWithTitle(text, h, byPos, inner);
    const titles = ministryTitles(kb, h.ids.map((id) => kb.get(id)! as KbTitle), text.slice(h.start, h.end), org);
    if (!titles.length) continue;
    const before = wordBefore(text, chainStart(text, h.start, byPos));
    const glued = HANGUL.test(text[h.start - 1] ?? '') ? hangulRunBefore(text, h.start) : null;
    const countryWord = glued && glued.word in COUNTRY_WORDS ? glued : before && before.word in COUNTRY_WORDS ? before : null;
    const country = countryWord ? COUNTRY_WORDS[countryWord.word] : titleCountry(titles) ?? (org ? kb.get(org)?.country ?? null : null);
    const former = !!before && (before.word === '전' || before.word === '前');
    const cue: TitleCue = { start: h.start, end: h.end, titles, country, former, org };
    if (before && TITLE_MODIFIERS.has(before.word)) {
      // 한명숙 전 총리, 이완구 전 국무총리: the name stands before the modifier. An unknown one is a
      // NIL person; without a name, "전 장관" names nobody we can tell.
      const named = wordBefore(text, before.start);
      if (named && unknownName(named.word) && !byPos.covering(named.start)) {
        const u = base(named.start, named.start + 3, 'unknown-name');
        u.title = cue;
        mentions.push(u);
      }
      if (named || former) continue;
    }
    // A title refers on its own when particles or punctuation follow it (국방장관은, 국방장관.), not
    // when it modifies the next noun (국방장관 회담).
    const afterTitle = hangulRunAfter(text, h.end);
    const next = text[h.end] ?? '';
    const refers = afterTitle ? functionalRest(afterTitle) && !ROLE_PARTICLES.has(afterTitle) : !/[\s가-힣A-Za-z0-9]/.test(next) || /^\s*$/.test(text.slice(h.end, h.end + 2)) || (next === ' ' && !/[가-힣A-Za-z]/.test(text[h.end + 1] ?? ''));
    if (before && !countryWord && !TITLE_MODIFIERS.has(before.word)) {
      const w = before.word;
      // Country initials make a group only before particles (한미 국방장관은), not in a name of a
      // meeting ('한미 국방장관' 회의).
      if (w in GROUP_WORDS || (COUNTRY_INITIALS.test(w) && refers && afterTitle !== '')) {
        const g = base(before.start, h.end, 'group');
        g.head = w; g.groupSize = GROUP_WORDS[w] ?? w.length; g.title = cue;
        mentions.push(g);
        continue;
      }
      // Elsewhere initials before a title name the offices of several countries ('한미 국방장관' 회의), no one holder.
      if (COUNTRY_INITIALS.test(w)) continue;
      // One syllable is a Korean surname (김 장관); two only where the KB knows it as one (웨이 부장).
      if (/^[가-힣]$/.test(w) || (/^[가-힣]{2}$/.test(w) && kb.bySurname(w).length > 0)) {
        const s = base(before.start, h.end, 'surname-title');
        s.head = w; s.title = cue;
        // The span is the surname with its title (김 장관): the whole refers to the person.
        mentions.push(s);
        continue;
      }
      // Not before a title that names the office (총재가 일본 총리로 선출, 대장이 사령관에 취임).
      if (unknownName(w) && !ROLE_PARTICLES.has(afterTitle) && !byPos.covering(before.start)) {
        const u = base(before.start, before.start + 3, 'unknown-name');
        u.title = cue;
        mentions.push(u);
        continue;
      }
    }
    if (refers && titles.some((t) => referringTitle(t, kb))) {
      // The country word stays its own entity (KLUE: <미:LC> 국방장관, <일본:LC> 외무상), also when
      // the KB lists it with the title ("일본 외무상"); the mention is the title.
      const hitText = text.slice(h.start, h.end);
      const spaced = /^(\S+) (?=\S)/.exec(hitText);
      const skip = spaced && spaced[1] in COUNTRY_WORDS ? spaced[0].length : /^[美日中韓北露]./.test(hitText) ? 1 : 0;
      const t = base(h.start + skip, h.end, 'title');
      t.title = cue;
      mentions.push(t);
    }
  }
  return mentions.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Org and place names inside each title phrase. */
type InnerNames = Map<Hit, Hit[]>;

/** The KB record of a country (kind country) by ISO code. */
export function countryPlace(kb: KnowledgeBase, iso: string): KbEntity | undefined {
  let byIso = countries.get(kb);
  if (!byIso) {
    countries.set(kb, (byIso = new Map()));
    for (const e of kb.entities.values()) if (e.type === 'place' && e.kind === 'country' && e.country && !byIso.has(e.country)) byIso.set(e.country, e);
  }
  return byIso.get(iso);
}
const countries = new WeakMap<KnowledgeBase, Map<string, KbEntity>>();

/** The one organization the text names with a title: inside its alias (국방부 장관) or right before it (방위성 사무차관, 외교부1차관). */
function orgWithTitle(text: string, t: Hit, hits: HitMap, inner: InnerNames): string | null {
  const around = hits.covering(t.start);
  if (around && around !== t) return around.ids.length === 1 && around.ids[0].startsWith('org:') ? around.ids[0] : null;
  const inside = (inner.get(t) ?? []).filter((h) => h.ids.length === 1 && h.ids[0].startsWith('org:'));
  if (inside.length) return inside[inside.length - 1].ids[0];
  const before = hits.endingAt(t.start) ?? (text[t.start - 1] === ' ' ? hits.endingAt(t.start - 1) : undefined);
  return before && before.ids.length === 1 && before.ids[0].startsWith('org:') ? before.ids[0] : null;
}

/**
 * The titles a written title can be, given the organization written with it: a ministry's title
 * only with that ministry ("기획재정부 1차관" is not the vice foreign minister; 방위성 사무차관 is
 * not the foreign ministry's). An alias that is a bare rank (1차관, 제1차관, 사무차관: every
 * ministry has one) resolves only where its ministry is written.
 */
function ministryTitles(kb: KnowledgeBase, titles: readonly KbTitle[], written: string, org: string | null): KbTitle[] {
  return titles.filter((t) => !t.org || (org ? related(kb, org, t.org) : !bareRank(kb, t, written)));
}

/** Is the written alias the generic name of the title's rank, but for an ordinal or 사무 (1차관 → 차관)? */
function bareRank(kb: KnowledgeBase, t: KbTitle, written: string): boolean {
  const core = aliasKey(written).replace(/^(제?\d+|사무)/, '');
  return kb.titlesOfKind(t.rank).some((g) => g.generic && [g.name.ko, ...g.aliases.ko].some((n) => aliasKey(n) === core));
}

/** An organization and a title's organization are the same or parent and child. */
export function related(kb: KnowledgeBase, a: string, b: string): boolean {
  if (a === b) return true;
  const ea = kb.get(a), eb = kb.get(b);
  return (ea?.type === 'org' && ea.parent === b) || (eb?.type === 'org' && eb.parent === a);
}

/**
 * Can this title alone stand for a person? A specific one can (방위상, 국무장관); a generic one only
 * if it names one kind of office (국방장관), not a rank or a family of offices (장관, 사령관), and not
 * the bare 대통령/위원장, which a Korean article uses for too many people.
 */
function referringTitle(t: KbTitle, kb: KnowledgeBase): boolean {
  if (!t.generic) return true;
  if (t.kind === 'president' || t.kind === 'chairman') return false;
  return kb.titlesOfKind(t.kind).some((x) => !x.generic);
}

/** Walks back over organizations and country words before a title: 전하규 [국방부] 대변인. */
function chainStart(text: string, pos: number, hits: HitMap): number {
  let at = pos;
  for (let steps = 0; steps < 3; steps++) {
    if (text[at - 1] !== ' ') return at;
    const org = hits.endingAt(at - 1);
    if (!org || !org.ids.every((id) => id.startsWith('org:'))) return at;
    at = org.start;
  }
  return at;
}

/** Is the word before `pos` a person's name: a KB person, or a word that may be a name the KB lacks? */
function namedBefore(text: string, pos: number, hits: HitMap): boolean {
  const w = wordBefore(text, pos);
  if (!w) return false;
  const hit = hits.covering(w.start);
  return hit ? hit.ids.some((id) => id.startsWith('person:')) : unknownName(w.word);
}

/** The country a title names by itself: all its records agree on one. */
function titleCountry(titles: readonly KbTitle[]): string | null {
  const cs = new Set(titles.map((t) => t.country ?? null));
  return cs.size === 1 ? [...cs][0] : null;
}

/** The space-separated word right before `pos` (one space between), if it is all hangul/han. */
function wordBefore(text: string, pos: number): { word: string; start: number } | null {
  if (pos < 2 || text[pos - 1] !== ' ') return null;
  let j = pos - 1;
  while (j > 0 && /[가-힣\p{Script=Han}0-9]/u.test(text[j - 1])) j--;
  const word = text.slice(j, pos - 1);
  if (!word || (j > 0 && !/[\s(“"'‘「『[·,]/.test(text[j - 1]))) return null;
  return { word, start: j };
}

/** "(Wendy R. Sherman)" or "(森 健良)" right after a name: the inner span, trimmed. */
function glossAfter(text: string, pos: number): { start: number; end: number; close: number } | null {
  if (text[pos] !== '(' && text[pos] !== '（') return null;
  const close = text.slice(pos + 1, pos + 60).search(/[)）]/);
  if (close < 0) return null;
  const inner = text.slice(pos + 1, pos + 1 + close);
  if (!inner.trim() || HANGUL.test(inner) || /\d/.test(inner)) return null; // a translation, not a date or note
  const lead = inner.length - inner.trimStart().length;
  return { start: pos + 1 + lead, end: pos + 1 + inner.trimEnd().length, close: pos + 2 + close };
}

/**
 * The title describing a name, written after it with at most a country word and organizations in
 * between: 로이드 오스틴 미 국방장관, 장호진 외교부 1차관, 모리 다케오 일본 외무성 사무차관.
 */
function titleAfter(text: string, pos: number, hits: HitMap, kb: KnowledgeBase, inner: InnerNames): { title: TitleCue; hit: Hit } | null {
  let at = pos;
  let country: string | null = null;
  let org: string | null = null;
  for (let steps = 0; steps < 4; steps++) {
    while (text[at] === ' ') at++;
    const hit = hits.startingAt(at);
    if (hit && hit.ids.every((id) => id.startsWith('title:'))) {
      const named = org ?? orgWithTitle(text, hit, hits, inner);
      const titles = ministryTitles(kb, hit.ids.map((id) => kb.get(id)! as KbTitle), text.slice(hit.start, hit.end), named);
      if (!titles.length) return null;
      return { hit, title: { start: hit.start, end: hit.end, titles, country: country ?? titleCountry(titles) ?? (named ? kb.get(named)?.country ?? null : null), former: false, org: named } };
    }
    if (hit && hit.ids.every((id) => id.startsWith('org:'))) {
      const c = kb.get(hit.ids[0])!.country;
      if (c) country = c;
      if (hit.ids.length === 1) org = hit.ids[0];
      at = hit.end;
      continue;
    }
    const word = /^[가-힣美日中韓北露前]+/.exec(text.slice(at, at + 8))?.[0] ?? '';
    if (word in COUNTRY_WORDS) { country = COUNTRY_WORDS[word]; at += word.length; continue; }
    if (TITLE_MODIFIERS.has(word)) {
      // 송영무 전 장관, 기시 노부오 신임 방위상: the modifier sits between the name and its title.
      const rest = titleAfter(text, at + word.length, hits, kb, inner);
      if (rest && (word === '전' || word === '前')) rest.title.former = true;
      return rest;
    }
    return null;
  }
  return null;
}
