// Finds temporal expressions in a text with the pattern table: every row proposes matches, the
// longest non-overlapping ones are kept (ties go to the earlier row), and they are resolved in
// text order so that 이날/전날 refer to the last day named before them.
import type { DateMention } from '../types.js';
import { END, type Groups } from './pieces.js';
import { PATTERNS, type EntitySpan, type Match, type Pattern, type Reading } from './patterns.js';
import { type Anchor } from './normalize.js';
import type { Context } from './resolve.js';

/** Nothing glued on the left: a temporal expression starts a word, never inside a number or a range's end. */
const START = '(?<![가-힣A-Za-z\\d.,:/~∼〜～])';

const COMPILED: Array<{ pattern: Pattern; re: RegExp }> = PATTERNS.map((pattern) => ({
  pattern,
  re: new RegExp(`${START}(?:${pattern.source})${END}`, 'gd'),
}));

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

function toMatch(text: string, m: RegExpExecArray): Match | null {
  const [start, end] = trim(text, m.index, m.index + m[0].length);
  if (start === end) return null;
  const indices = m.indices?.groups ?? {};
  return {
    text, start, end,
    groups: (m.groups ?? {}) as Groups,
    span(name) {
      const r = indices[name];
      if (!r) return null;
      const t = trim(text, r[0], r[1]);
      return t[0] === t[1] ? null : t;
    },
  };
}

/** All temporal expressions of a text, in text order, with their values resolved against the anchor. */
export function findTemporal(text: string, anchor: Anchor, warn: (message: string) => void = () => {}): Temporal[] {
  const candidates: Candidate[] = [];
  COMPILED.forEach(({ pattern, re }, rank) => {
    if (pattern.cue && !pattern.cue.test(text)) return;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
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

  const ctx: Context = { anchor, reference: anchor.day, referenceYear: null, warn };
  return kept.flatMap((c) => {
    const values = c.reading.resolve(ctx);
    const spans = c.reading.mention ? [c.reading.mention] : c.reading.entities;
    const mentions = spans.map((s, i): DateMention | null => {
      const r = values[i];
      if (!r) return null;
      if (r.day) ctx.reference = r.day;
      // The last year the value names ("1995∼1996년" → 1996) is the one 이듬해/그해 count from.
      const year = r.kind === 'duration' || r.kind === 'set' ? undefined : r.value.split('/').reverse().find((v) => /^\d{4}(?!\d)/.test(v));
      if (year) ctx.referenceYear = Number(year.slice(0, 4));
      return { start: s.start, end: s.end, text: text.slice(s.start, s.end), kind: r.kind, value: r.value, confidence: round(r.confidence) };
    });
    // A joined mention ("2022년부터 2024년까지") rides on its first span; the other spans carry none.
    return c.reading.entities.map((entity, i) => ({ entity, mention: c.reading.mention ? (i === 0 ? mentions[0] : null) : mentions[i] ?? null, pattern: c.pattern }));
  });
}

const round = (x: number) => Math.round(x * 100) / 100;
