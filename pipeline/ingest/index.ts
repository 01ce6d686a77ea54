// Ingest: an input item (file bytes or a JSONL record) → the Article every later stage reads:
// decoded, front matter parsed off, HTML turned into text, boilerplate removed (each removal
// recorded with its reason), title and publication date found. See docs/ingest.md for the rules.
import { z } from 'zod';
import { emptyArticle, StageError, type Article, type PublishedFrom, type Removal } from '../types.js';
import { classifyLines, LIST_REASONS, type LineOutcome } from './boilerplate.js';
import { assertTextual, checkSize, decodeBytes } from './decode.js';
import { splitFrontMatter, type FrontMatter } from './front-matter.js';
import { htmlToLines, looksLikeHtml, type HtmlText } from './html.js';
import { abbreviate, type Line } from './lines.js';
import { parsePublishedValue, publishedInText, type Published } from './published.js';

export { readInputs } from './read.js';
export { MAX_TEXT_BYTES } from './decode.js';

export interface InputItem {
  id: string;
  /** The path as given (or joined under a given directory). */
  source: string;
  kind: 'txt' | 'md' | 'html' | 'jsonl';
  /** The file's bytes (file kinds). */
  bytes?: Uint8Array;
  /** The parsed JSONL record (jsonl kind). */
  record?: unknown;
  /** 1-based line number in a JSONL file. */
  line?: number;
  /** Why the item could not even be read (unreadable file, a JSONL line that is not JSON). */
  error?: string;
}

const STAGE = 'ingest';

export function ingest(item: InputItem): Article {
  if (item.error) throw new StageError(item.id, STAGE, item.error);
  try {
    return item.kind === 'jsonl' ? fromRecord(item) : fromFile(item);
  } catch (err) {
    throw StageError.from(item.id, STAGE, err);
  }
}

// ---- JSONL records: the text is never altered ------------------------------------------------

const RecordSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  text: z.string(),
  published: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  url: z.string().nullable().optional(),
});

function fromRecord(item: InputItem): Article {
  const parsed = RecordSchema.safeParse(item.record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`bad JSONL record: "${issue.path.join('.')}" ${issue.message}`);
  }
  const { id: _id, text, published, title, ...rest } = parsed.data;
  if (text.trim() === '') throw new Error('"text" is empty');
  checkSize(Buffer.byteLength(text, 'utf8'));
  assertTextual(text);
  const warnings: string[] = [];
  const doc = emptyArticle({ id: item.id, source: item.source, text, title: title?.trim() || null, meta: dropNulls(rest), warnings });
  if (published != null && published.trim() !== '') {
    const found = parsePublishedValue(published, true);
    if (found) return withPublished(doc, found, 'input');
    warnings.push(`ignored "published": ${JSON.stringify(published)} is neither YYYY-MM-DD nor an ISO date-time`);
  }
  // The lines are classified only to find a dateline outside lists; the text itself stays as given.
  const found = publishedOutsideLists(classifyLines(text.split(/\r\n|\n|\r/).map((line) => ({ text: line, linkChars: 0 }))));
  return found ? withPublished(doc, found, 'text') : doc;
}

/** Dates on lines removed as lists or menus (other posts, duplicates) are not this article's. */
function publishedOutsideLists(outcomes: readonly LineOutcome[]): Published | null {
  return publishedInText(outcomes.filter((o) => o.reason === null || !LIST_REASONS.has(o.reason)).map((o) => o.text));
}

// ---- files ----------------------------------------------------------------------------------

function fromFile(item: InputItem): Article {
  if (!item.bytes) throw new Error('no bytes to read');
  const { text: decoded, encoding, replaced } = decodeBytes(item.bytes);
  const warnings: string[] = [];
  if (replaced > 0) warnings.push(`${replaced} invalid UTF-8 byte sequence(s) replaced with U+FFFD`);
  const removed: Removal[] = [];
  const meta: Record<string, unknown> = { encoding };

  const fm = splitFrontMatter(decoded);
  const body = fm ? fm.body : decoded;
  if (fm) {
    removed.push({ reason: 'front-matter', text: abbreviate(fm.raw) });
    for (const [key, value] of Object.entries(fm.data)) {
      if (key !== 'title') meta[key] = value instanceof Date ? value.toISOString() : value;
    }
  }

  const isHtml = item.kind === 'html' || looksLikeHtml(body);
  const html = isHtml ? htmlToLines(body) : null;
  if (html) removed.push(...html.removed);
  const lines: Line[] = html ? html.lines : body.split(/\r\n|\n|\r/).map((text) => ({ text, linkChars: 0 }));
  const outcomes = classifyLines(lines);
  removed.push(...removalsOf(outcomes));

  // Plain text that no rule touched stays byte-for-byte the input, so offsets also index the input.
  const touched = outcomes.some((o) => o.reason !== null);
  const verbatim = !fm && !html && !touched;
  const text = verbatim ? body : outcomes.flatMap((o) => (o.keep === null ? [] : [o.keep])).join('\n');
  if (text.trim() === '') throw new Error('no article text left after cleaning');
  if (!fm && !html && touched) {
    const n = outcomes.filter((o) => o.reason !== null).length;
    warnings.push(`cleaned: ${n} boilerplate line(s) removed, so text is not the verbatim input`);
  }

  const title = titleOf(fm, html, outcomes);
  const doc = emptyArticle({ id: item.id, source: item.source, text: withHeadline(text, fm || html ? title : null, summaryOf(fm, html)), removed, warnings, meta });
  doc.title = title;
  const fmDate = fm ? (fm.data.date ?? fm.data.published ?? fm.data.pubDate ?? null) : null;
  if (fmDate != null) {
    const found = parsePublishedValue(fmDate, false);
    if (found) return withPublished(doc, found, 'front-matter');
    warnings.push(`ignored front matter date ${JSON.stringify(fmDate)}: not a date`);
  }
  if (html?.publishedTime) {
    const found = parsePublishedValue(html.publishedTime, true);
    if (found) return withPublished(doc, found, 'front-matter');
  }
  const found = publishedOutsideLists([...(html ? classifyLines(html.preamble) : []), ...outcomes]);
  return found ? withPublished(doc, found, 'text') : doc;
}

function withPublished(doc: Article, found: Published, from: PublishedFrom): Article {
  return { ...doc, published: found.published, publishedDateTime: found.publishedDateTime, publishedFrom: from };
}

/** Consecutive removed lines with the same reason become one removal record. */
function removalsOf(outcomes: readonly LineOutcome[]): Removal[] {
  const groups: { reason: string; parts: string[] }[] = [];
  let open = false;
  for (const o of outcomes) {
    if (o.reason === null) {
      if (o.keep !== null) open = false;
      continue;
    }
    const last = groups[groups.length - 1];
    if (open && last.reason === o.reason) last.parts.push(o.removedText);
    else groups.push({ reason: o.reason, parts: [o.removedText] });
    open = true;
  }
  return groups.map((g) => ({ reason: g.reason, text: abbreviate(g.parts.join('\n')) }));
}

const TITLE_MAX = 100;

/**
 * Front matter title; for HTML og:title, else the first <h1>, else <title>; for plain text the first
 * kept line when it reads like a headline: short, not a bulleted item, not ending a sentence, and
 * followed by more text.
 */
function titleOf(fm: FrontMatter | null, html: HtmlText | null, outcomes: readonly LineOutcome[]): string | null {
  const fmTitle = fm?.data.title;
  if (typeof fmTitle === 'string' && fmTitle.trim()) return fmTitle.trim();
  if (typeof fmTitle === 'number') return String(fmTitle);
  if (html) return html.title;
  const kept = outcomes.filter((o) => o.keep !== null && o.keep.trim() !== '');
  const first = kept[0]?.keep?.trim();
  if (!first || kept.length < 2 || first.length > TITLE_MAX) return null;
  const heading = first.replace(/^#{1,6}\s+/, '');
  if (/^[-•·*□■○●◇◆▶▷※☞>]/.test(heading) || /[.。]["'”’)\]]*$/.test(heading)) return null;
  if ((heading.match(/[\p{L}]/gu) ?? []).length < 2) return null; // a date, a number, a symbol
  return heading;
}

/** Whitespace-insensitive text, for asking whether the body repeats a headline or summary. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** A front-matter excerpt/summary/description, or the page's description meta. */
function summaryOf(fm: FrontMatter | null, html: HtmlText | null): string | null {
  const value = fm?.data.excerpt ?? fm?.data.summary ?? fm?.data.description ?? html?.description ?? null;
  return typeof value === 'string' && value.trim() ? value.trim().replace(/\s+/g, ' ') : null;
}

/**
 * The headline counts (docs/ingest.md): a title from front matter or HTML that the body does not
 * repeat is the text's first line, and the sentences of a summary that the body does not repeat
 * are the next; offsets index this text like any other.
 */
function withHeadline(body: string, title: string | null, summary: string | null): string {
  const seen = squeeze(body);
  const lines: string[] = [];
  if (title && !seen.includes(squeeze(title))) lines.push(title);
  const fresh = (summary ?? '').split(/(?<=[.!?。])\s+/).filter((s) => s && !seen.includes(squeeze(s)));
  if (fresh.length) lines.push(fresh.join(' '));
  return lines.length ? [...lines, body].join('\n') : body;
}

function dropNulls(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v != null));
}
