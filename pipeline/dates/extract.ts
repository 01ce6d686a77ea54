// Finds temporal expressions in a text with the pattern table: every row proposes matches, the
// longest non-overlapping ones are kept (ties go to the earlier row), and they are resolved in
// text order: 그날/전날 refer to the last day named before them, 이날/당일 to the story's day
// (the event day the sentence or the lead names, else the anchor), and bare forms lean to the
// past or the future as --dates-prefer or the sentence's tense says (docs/dates.md).
import type { DateTime } from 'luxon';
import type { DateMention } from '../types.js';
import { PATTERNS, type EntitySpan, type Match, type Reading, type Resolved } from './patterns.js';
import { type Anchor } from './normalize.js';
import type { Context } from './resolve.js';
import { matchStarts, rowMatches, type RowMatch } from './scan.js';
import { sentenceEnds, tenseAfter } from './tense.js';

/** --dates-prefer: which occurrence a bare weekday, date or time means. */
export type DatesPrefer = 'past' | 'future' | 'auto';

/** Mentions that name a day relative to another (지난/오는 N일, 이날, 전날): they never set the story's day. */
const NOT_EVENT_DAY = /^(?:지난|지지난|오는|다가오는|이번|다음|이\s?날|당일|그\s?날|같은\s?날|전날|전일|다음\s?날|이튿날|익일|하루\s?전날)/;
/** What may stand between a year and the month that takes it: "지난해(2023년) 9월", "9월과 10월". */
const ADJACENT = /^[\s)\]]*(?:[,·(]|과|와|및|또는|이나)?[\s(]*$/;
const DATELINE = /^\d{4}\s?[./-]\s?\d/;
/** The lead: the first sentence with a date, if it is among the first ones (a title, a byline before it). */
const LEAD_SENTENCES = 3;

const URL = /\b(?:https?:\/\/|www\.)\S+/g;

/**
 * One KLUE-style DT/TI span and the date mention it carries: its own, the mention of a whole range it
 * starts ("2022년부터 2024년까지"), or null (ISO has no value, or the span ends such a range).
 */
export interface Temporal {
  entity: EntitySpan;
  mention: DateMention | null;
  pattern: string;
}

interface Candidate { start: number; end: number; rank: number; reading: Reading; pattern: string }

/** Shrinks [start, end) past surrounding whitespace. */
function trim(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return [start, end];
}

function toMatch(text: string, m: RowMatch): Match | null {
  const [start, end] = trim(text, m.index, m.index + m.text.length);
  if (start === end) return null;
  return {
    text, start, end,
    groups: m.groups,
    span(name) {
      const r = m.places[name];
      if (!r) return null;
      const t = trim(text, r[0], r[1]);
      return t[0] === t[1] ? null : t;
    },
  };
}

/** All temporal expressions of a text, in text order, with their values resolved against the anchor. */
export function findTemporal(text: string, anchor: Anchor, warn: (message: string) => void = () => {}, prefer: DatesPrefer = 'auto'): Temporal[] {
  const starts = matchStarts(text);
  const candidates: Candidate[] = [];
  PATTERNS.forEach((pattern, rank) => {
    if (pattern.cue && !pattern.cue.test(text)) return;
    for (const m of rowMatches(text, starts, rank)) {
      const match = toMatch(text, m);
      const reading = match && pattern.read(match);
      if (match && reading) candidates.push({ start: match.start, end: match.end, rank, reading, pattern: pattern.name });
    }
  });
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.rank - b.rank || a.start - b.start);
  const kept: Candidate[] = [];
  const taken = new Uint8Array(text.length);
  // Numbers inside a URL ("?startDate=2023-07-19") are parameters, not something the text says.
  for (const u of text.matchAll(URL)) taken.fill(1, u.index, u.index + u[0].length);
  for (const c of candidates) {
    if (taken.subarray(c.start, c.end).some((x) => x)) continue;
    taken.fill(1, c.start, c.end);
    kept.push(c);
  }
  kept.sort((a, b) => a.start - b.start);

  const ends = sentenceEnds(text);
  let sentence = 0;
  /** The event day the current sentence named last, and the lead's (the story's day). */
  let sentenceDay: DateTime | null = null;
  let leadSentence = -1;
  let storyDay: DateTime | null = null;
  const fixedLean = prefer === 'past' ? 'onOrBefore' : prefer === 'future' ? 'onOrAfter' : null;
  const ctx: Context = { anchor, reference: anchor.day, referenceYear: null, story: anchor.day, lean: fixedLean, adjacentYear: null, warn };
  let prev: { end: number; year: number | null } = { end: -1, year: null };
  return kept.flatMap((c) => {
    while (ends[sentence] <= c.start) {
      sentence++;
      sentenceDay = null;
    }
    ctx.story = sentenceDay ?? storyDay ?? anchor.day;
    if (prefer === 'auto') ctx.lean = tenseAfter(text, c.end, ends[sentence]);
    ctx.adjacentYear = prev.year !== null && c.start - prev.end <= 6 && ADJACENT.test(text.slice(prev.end, c.start)) ? prev.year : null;
    prev = { end: c.end, year: null };
    const values = opened(c.reading.resolve(ctx), text.slice(c.end, c.end + 4));
    // A numeric full date ("2017/10/20 14:59:53", "2024.06.13") is a byline or dateline, not the lead.
    const lead = !DATELINE.test(text.slice(c.start, c.end)) && sentence < LEAD_SENTENCES && (leadSentence < 0 || leadSentence === sentence);
    const mentions = c.reading.entities.map((s, i): DateMention | null => {
      const r = values[i];
      if (!r) return null;
      const mentionText = text.slice(s.start, s.end);
      if (r.day) {
        ctx.reference = r.day;
        if (r.kind === 'date' && c.pattern === 'point' && !NOT_EVENT_DAY.test(mentionText)) {
          sentenceDay = r.day;
          if (lead && !storyDay) storyDay = r.day;
        }
      }
      if (lead) leadSentence = sentence;
      // The last year the value names ("1995∼1996년" → 1996) is the one 이듬해/그해 count from.
      const year = r.kind === 'duration' || r.kind === 'set' ? undefined : r.value.split('/').reverse().find((v) => /^\d{4}(?!\d)/.test(v));
      if (year) ctx.referenceYear = prev.year = Number(year.slice(0, 4));
      return { start: s.start, end: s.end, text: mentionText, kind: r.kind, value: r.value, confidence: round(r.confidence) };
    });
    return c.reading.entities.map((entity, i) => ({ entity, mention: mentions[i] ?? null, pattern: c.pattern }));
  });
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * "16일부터 시행", "오후 2시 이후", "2020년 이래": 부터 with no end, 이후 and 이래 after a point say
 * that something holds from it on, the contract's open interval A/.. (A's start), on its last span.
 * (A range's 부터 is inside the match; 까지 alone stays a deadline, docs/dates.md.)
 */
function opened(values: Array<Resolved | null>, after: string): Array<Resolved | null> {
  const last = values.at(-1);
  if (!last || !/^\s?(?:부터|이후|이래)/.test(after) || last.kind === 'duration' || last.kind === 'set' || last.value.endsWith('/..')) return values;
  const open: Resolved = { kind: 'interval', value: `${last.value.split('/')[0]}/..`, confidence: last.confidence * 0.9, day: last.day };
  return [...values.slice(0, -1), open];
}
