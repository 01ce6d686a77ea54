// What changed between two runs, article by article: entities gained, lost, retyped, relinked, and
// dates gained, lost or changed. Gold turned into a run (goldToOutputLine) diffs the same way, which
// is how the regression test shows what broke.
import { styleText } from 'node:util';
import type { OutputLine } from '../types.js';
import { linkDecision } from './score.js';

export interface EntityRef { start: number; end: number; text: string; type: string; link: string | null }
export interface DateRef { start: number; end: number; text: string; kind: string; value: string }
/** One (reference span, person) pair: a group phrase gives one per member. */
export interface ReferenceRef { start: number; end: number; text: string; kind: string; link: string }

export interface ArticleDiff {
  id: string;
  /** The two runs cleaned the text differently: mentions are paired by surface and occurrence, not offsets. */
  textChanged: boolean;
  gained: EntityRef[];
  lost: EntityRef[];
  retyped: { a: EntityRef; b: EntityRef }[];
  relinked: { a: EntityRef; b: EntityRef }[];
  dates: { gained: DateRef[]; lost: DateRef[]; changed: { a: DateRef; b: DateRef }[] };
  /** Title and group references, as (span, id) pairs: a relinked reference is one pair lost and one gained. */
  references: { gained: ReferenceRef[]; lost: ReferenceRef[] };
  /** The article failed in one run and not the other, or with another message. */
  error: { a: string | null; b: string | null } | null;
}

export interface RunDiff {
  compared: number;
  onlyInA: string[];
  onlyInB: string[];
  /** Only the articles with a change. */
  articles: ArticleDiff[];
  summary: { changedArticles: number; gained: number; lost: number; retyped: number; relinked: number; datesGained: number; datesLost: number; datesChanged: number; referencesGained: number; referencesLost: number; errors: number };
}

type Keyed<T> = Map<string, T>;

/**
 * Keys by offsets when the texts agree, else by surface text (plus `also`, say a reference's id);
 * numbered, so that duplicates stay apart.
 */
function keyed<T extends { start: number; end: number; text: string }>(items: readonly T[], byOffset: boolean, also: (item: T) => string = () => ''): Keyed<T> {
  const seen = new Map<string, number>();
  const out: Keyed<T> = new Map();
  for (const item of [...items].sort((x, y) => x.start - y.start || x.end - y.end)) {
    const base = `${byOffset ? `${item.start}:${item.end}` : item.text}${also(item)}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.set(`${base}#${n}`, item);
  }
  return out;
}

const entityRef = (e: OutputLine['entities'][number]): EntityRef => ({
  start: e.start, end: e.end, text: e.text, type: e.type,
  link: e.type === 'PS' || e.type === 'OG' || e.type === 'LC' || e.link ? linkDecision(e) : null,
});
const dateRef = (d: OutputLine['dates'][number]): DateRef => ({ start: d.start, end: d.end, text: d.text, kind: d.kind, value: d.value });
const referenceRefs = (l: OutputLine): ReferenceRef[] =>
  l.references.flatMap((r) => r.links.map((x) => ({ start: r.start, end: r.end, text: r.text, kind: r.kind, link: x.id })));
const errorText = (l: OutputLine) => (l.error ? `${l.error.stage}: ${l.error.message}` : null);

export function diffArticle(a: OutputLine, b: OutputLine): ArticleDiff {
  const byOffset = a.text === b.text;
  const ea = keyed(a.entities.map(entityRef), byOffset), eb = keyed(b.entities.map(entityRef), byOffset);
  const d: ArticleDiff = { id: a.id, textChanged: !byOffset, gained: [], lost: [], retyped: [], relinked: [], dates: { gained: [], lost: [], changed: [] }, references: { gained: [], lost: [] }, error: null };
  for (const [k, x] of ea) {
    const y = eb.get(k);
    if (!y) d.lost.push(x);
    else if (x.type !== y.type) d.retyped.push({ a: x, b: y });
    else if (x.link !== y.link) d.relinked.push({ a: x, b: y });
  }
  for (const [k, y] of eb) if (!ea.has(k)) d.gained.push(y);
  const da = keyed(a.dates.map(dateRef), byOffset), db = keyed(b.dates.map(dateRef), byOffset);
  for (const [k, x] of da) {
    const y = db.get(k);
    if (!y) d.dates.lost.push(x);
    else if (x.value !== y.value || x.kind !== y.kind) d.dates.changed.push({ a: x, b: y });
  }
  for (const [k, y] of db) if (!da.has(k)) d.dates.gained.push(y);
  const byId = (r: ReferenceRef) => `=${r.link}`;
  const ra = keyed(referenceRefs(a), byOffset, byId), rb = keyed(referenceRefs(b), byOffset, byId);
  for (const [k, x] of ra) if (!rb.has(k)) d.references.lost.push(x);
  for (const [k, y] of rb) if (!ra.has(k)) d.references.gained.push(y);
  if (errorText(a) !== errorText(b)) d.error = { a: errorText(a), b: errorText(b) };
  return d;
}

export const isEmptyDiff = (d: ArticleDiff) =>
  d.gained.length + d.lost.length + d.retyped.length + d.relinked.length + d.dates.gained.length + d.dates.lost.length + d.dates.changed.length +
    d.references.gained.length + d.references.lost.length === 0 && !d.error;

export function diffRuns(a: readonly OutputLine[], b: readonly OutputLine[]): RunDiff {
  const bById = new Map(b.map((l) => [l.id, l]));
  const aIds = new Set(a.map((l) => l.id));
  const articles: ArticleDiff[] = [];
  let compared = 0;
  for (const la of a) {
    const lb = bById.get(la.id);
    if (!lb) continue;
    compared++;
    const d = diffArticle(la, lb);
    if (!isEmptyDiff(d)) articles.push(d);
  }
  const sum = (f: (d: ArticleDiff) => number) => articles.reduce((s, d) => s + f(d), 0);
  return {
    compared,
    onlyInA: a.filter((l) => !bById.has(l.id)).map((l) => l.id),
    onlyInB: b.filter((l) => !aIds.has(l.id)).map((l) => l.id),
    articles,
    summary: {
      changedArticles: articles.length,
      gained: sum((d) => d.gained.length),
      lost: sum((d) => d.lost.length),
      retyped: sum((d) => d.retyped.length),
      relinked: sum((d) => d.relinked.length),
      datesGained: sum((d) => d.dates.gained.length),
      datesLost: sum((d) => d.dates.lost.length),
      datesChanged: sum((d) => d.dates.changed.length),
      referencesGained: sum((d) => d.references.gained.length),
      referencesLost: sum((d) => d.references.lost.length),
      errors: sum((d) => (d.error ? 1 : 0)),
    },
  };
}

/** A verdict on one item: right, wrong, or right but for its link (or date value). */
export type Verdict = 'right' | 'wrong' | 'wrong link' | 'wrong value';

/** Judges an item of side B (or, for a lost item, of side A): against gold, say. */
export interface Judge {
  entity(articleId: string, e: EntityRef): Verdict;
  date(articleId: string, d: DateRef): Verdict;
  /** Whether the reference's span names that person. */
  reference(articleId: string, r: ReferenceRef): Verdict;
}

export interface RenderOptions {
  /** Color with ANSI styles (a TTY); plain text otherwise. */
  color: boolean;
  /** What the two sides are called ("A"/"B", "gold"/"run"). */
  labels?: [string, string];
  /** Tags each change as right or wrong, so that what broke stands out. */
  judge?: Judge;
}

type Style = Parameters<typeof styleText>[0];

/** The diff as readable text: a summary line, then each changed article with its details. */
export function renderDiff(diff: RunDiff, opts: RenderOptions): string {
  const paint = (style: Style, s: string) => (opts.color ? styleText(style, s) : s);
  const [la, lb] = opts.labels ?? ['A', 'B'];
  const judge = opts.judge;
  // A lost right item and a gained wrong one are what broke: red.
  const tag = (v: Verdict | undefined, lost = false) =>
    v === undefined ? '' : paint((v === 'right') === lost ? 'red' : 'green', `  [${lost ? 'was ' : ''}${v}]`);
  const at = (x: { start: number; end: number }) => paint('dim', `@${x.start}-${x.end}`);
  const ent = (e: EntityRef) => `${e.type} ${JSON.stringify(e.text)} ${at(e)}${e.link ? ` → ${e.link}` : ''}`;
  const date = (x: DateRef) => `${JSON.stringify(x.text)} ${at(x)} ${x.kind} ${x.value}`;
  const lines: string[] = [];
  for (const d of diff.articles) {
    const okE = (e: EntityRef) => judge?.entity(d.id, e);
    const okD = (x: DateRef) => judge?.date(d.id, x);
    const okR = (x: ReferenceRef) => judge?.reference(d.id, x);
    const ref = (x: ReferenceRef) => `${x.kind} ${JSON.stringify(x.text)} ${at(x)} → ${x.link}`;
    lines.push(paint('bold', d.id) + (d.textChanged ? paint('yellow', ' (cleaned text differs: paired by surface text)') : ''));
    if (d.error) lines.push(paint('red', `  ! error ${la}: ${d.error.a ?? 'none'} | ${lb}: ${d.error.b ?? 'none'}`));
    for (const e of d.gained) lines.push(paint('green', `  + ${ent(e)}`) + paint('dim', `  (only in ${lb})`) + tag(okE(e)));
    for (const e of d.lost) lines.push(paint('red', `  - ${ent(e)}`) + paint('dim', `  (only in ${la})`) + tag(okE(e), true));
    for (const { a, b } of d.retyped) lines.push(paint('yellow', `  ~ type ${JSON.stringify(a.text)} ${at(a)}: ${a.type} → ${b.type}`) + tag(okE(b)));
    for (const { a, b } of d.relinked) lines.push(paint('yellow', `  ~ link ${a.type} ${JSON.stringify(a.text)} ${at(a)}: ${a.link} → ${b.link}`) + tag(okE(b)));
    for (const x of d.dates.gained) lines.push(paint('green', `  + date ${date(x)}`) + tag(okD(x)));
    for (const x of d.dates.lost) lines.push(paint('red', `  - date ${date(x)}`) + tag(okD(x), true));
    for (const { a, b } of d.dates.changed) lines.push(paint('yellow', `  ~ date ${JSON.stringify(a.text)} ${at(a)}: ${a.kind} ${a.value} → ${b.kind} ${b.value}`) + tag(okD(b)));
    for (const x of d.references.gained) lines.push(paint('green', `  + reference ${ref(x)}`) + tag(okR(x)));
    for (const x of d.references.lost) lines.push(paint('red', `  - reference ${ref(x)}`) + tag(okR(x), true));
  }
  const s = diff.summary;
  const only = [diff.onlyInA.length ? `${diff.onlyInA.length} only in ${la}` : '', diff.onlyInB.length ? `${diff.onlyInB.length} only in ${lb}` : ''].filter(Boolean).join(', ');
  lines.push(
    paint('bold', `${s.changedArticles} of ${diff.compared} articles changed`) +
      `${only ? ` (${only})` : ''}: entities ${paint('green', `+${s.gained}`)} ${paint('red', `-${s.lost}`)}, retyped ${s.retyped}, relinked ${s.relinked}; ` +
      `dates ${paint('green', `+${s.datesGained}`)} ${paint('red', `-${s.datesLost}`)}, changed ${s.datesChanged}; ` +
      `references ${paint('green', `+${s.referencesGained}`)} ${paint('red', `-${s.referencesLost}`)}` +
      (s.errors ? `; ${paint('red', `${s.errors} error changes`)}` : ''),
  );
  return `${lines.join('\n')}\n`;
}
