// HTML → lines of text with parse5 (a spec-compliant parser: broken markup, entities and implied
// tags are handled as browsers do). Block elements become line breaks, table rows become
// " | "-separated lines, and scripts, styles, images and page chrome (nav, header, footer, aside, and
// elements whose role/class/id names such chrome) are dropped, each drop recorded with its reason.
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import type { Removal } from '../types.js';
import { abbreviate, type Line } from './lines.js';

export interface HtmlText {
  lines: Line[];
  removed: Removal[];
  /** Document metadata found in <head>: title, og:title, published time... */
  title: string | null;
  heading: string | null;
  publishedTime: string | null;
}

/** True when text carries HTML markup (scraped .txt/.md files often do); detection only, never stripping. */
export function looksLikeHtml(text: string): boolean {
  const tags = text.match(/<\/?(?:p|div|br|hr|h[1-6]|table|tr|td|th|img|span|b|strong|a|ul|ol|li|html|body|article|section|script|style|iframe)\b[^<>]*>/gi);
  return (tags?.length ?? 0) >= 2;
}

/** Dropped with everything inside: not article text. */
const DROP = new Set([
  'script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'form', 'button', 'select',
  'textarea', 'input', 'iframe', 'object', 'embed', 'svg', 'canvas', 'video', 'audio', 'map', 'dialog', 'menu',
]);
/** Elements that end a line. */
const BLOCK = new Set([
  'address', 'article', 'blockquote', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
  'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'caption', 'tbody', 'thead', 'tfoot', 'ul', 'body', 'html',
]);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar']);
/** class/id words that name page chrome; "header" is left out because article headers hold the title. */
const CHROME_WORDS = new Set([
  'nav', 'gnb', 'lnb', 'snb', 'menu', 'breadcrumb', 'breadcrumbs', 'sidebar', 'ad', 'ads', 'advert', 'advertisement',
  'banner', 'share', 'sns', 'social', 'comment', 'comments', 'reply', 'related', 'popular', 'ranking', 'footer', 'sitemap',
]);

export function htmlToLines(html: string): HtmlText {
  const doc = parse(html);
  const out = new Collector();
  const meta: Pick<HtmlText, 'title' | 'heading' | 'publishedTime'> = { title: null, heading: null, publishedTime: null };
  readHead(doc, meta);
  out.walk(doc);
  out.flush();
  const heading = out.lines.find((l) => l.heading === 1)?.text ?? null;
  return { lines: out.lines.map(({ text, linkChars }) => ({ text, linkChars })), removed: out.removed, ...meta, heading };
}

function isElement(node: T.Node): node is T.Element {
  return 'tagName' in node;
}

function attr(el: T.Element, name: string): string | null {
  return el.attrs.find((a) => a.name === name)?.value ?? null;
}

/** Plain text of a subtree, whitespace collapsed (for titles and removal records). */
function textOf(node: T.Node): string {
  if (node.nodeName === '#text') return (node as T.TextNode).value;
  if (isElement(node) && node.tagName === 'template') return '';
  return 'childNodes' in node ? node.childNodes.map(textOf).join(' ') : '';
}

function collapse(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

function readHead(doc: T.Document, meta: Pick<HtmlText, 'title' | 'publishedTime'>): void {
  const visit = (node: T.Node): void => {
    if (!isElement(node)) {
      if ('childNodes' in node) node.childNodes.forEach(visit);
      return;
    }
    if (node.tagName === 'body') return;
    if (node.tagName === 'title' && !meta.title) meta.title = collapse(textOf(node)) || null;
    if (node.tagName === 'meta') {
      const key = (attr(node, 'property') ?? attr(node, 'name') ?? attr(node, 'itemprop') ?? '').toLowerCase();
      const content = attr(node, 'content')?.trim();
      if (content && key === 'og:title') meta.title = content;
      if (content && !meta.publishedTime && ['article:published_time', 'og:published_time', 'datepublished', 'pubdate', 'publishdate', 'date'].includes(key)) {
        meta.publishedTime = content;
      }
    }
    node.childNodes.forEach(visit);
  };
  visit(doc);
}

function chromeReason(el: T.Element): string | null {
  if (DROP.has(el.tagName)) return `html:${el.tagName}`;
  if (el.tagName === 'head') return 'html:head';
  if (attr(el, 'hidden') !== null || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(attr(el, 'style') ?? '') || attr(el, 'aria-hidden') === 'true') {
    return 'html:hidden';
  }
  const role = attr(el, 'role');
  if (role && CHROME_ROLES.has(role.toLowerCase())) return `html:chrome(role=${role})`;
  for (const name of ['class', 'id'] as const) {
    const value = attr(el, name);
    const word = value?.toLowerCase().split(/[\s_-]+/).find((w) => CHROME_WORDS.has(w));
    if (word) return `html:chrome(${name}=${value})`;
  }
  return null;
}

interface BuildLine extends Line {
  heading: number;
}

class Collector {
  readonly lines: BuildLine[] = [];
  readonly removed: Removal[] = [];
  private buf = '';
  private linkChars = 0;
  private heading = 0;
  private inLink = 0;
  private inPre = 0;

  walk(node: T.Node): void {
    if (node.nodeName === '#text') {
      this.text((node as T.TextNode).value);
      return;
    }
    if (!isElement(node)) {
      if (node.nodeName === '#document' || node.nodeName === '#document-fragment') (node as T.ParentNode).childNodes.forEach((c) => this.walk(c));
      return; // comments, doctype
    }
    const reason = chromeReason(node);
    if (reason) {
      if (reason !== 'html:head') {
        const text = collapse(textOf(node));
        if (text) this.removed.push({ reason, text: abbreviate(text) });
      }
      return;
    }
    const tag = node.tagName;
    if (tag === 'img') {
      const alt = attr(node, 'alt');
      this.removed.push({ reason: 'html:img', text: abbreviate(alt ? `${alt} <${attr(node, 'src') ?? ''}>` : attr(node, 'src') ?? '') });
      return;
    }
    if (tag === 'br') return this.flush();
    if (tag === 'tr') return this.row(node);
    const block = BLOCK.has(tag);
    if (block) this.flush();
    const level = /^h([1-6])$/.exec(tag);
    if (level) this.heading = Number(level[1]);
    if (tag === 'a') this.inLink++;
    if (tag === 'pre') this.inPre++;
    node.childNodes.forEach((c) => this.walk(c));
    if (tag === 'a') this.inLink--;
    if (tag === 'pre') this.inPre--;
    if (block) this.flush();
  }

  /** A table row: one line, its cells separated by " | ". */
  private row(tr: T.Element): void {
    this.flush();
    const cells: string[] = [];
    let linkChars = 0;
    for (const cell of tr.childNodes) {
      if (!isElement(cell) || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
      const inner = new Collector();
      cell.childNodes.forEach((c) => inner.walk(c));
      inner.flush();
      this.removed.push(...inner.removed);
      cells.push(inner.lines.map((l) => l.text).join(' '));
      linkChars += inner.lines.reduce((n, l) => n + l.linkChars, 0);
    }
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.some((c) => c !== '')) this.lines.push({ text: cells.join(' | '), linkChars, heading: 0 });
  }

  private text(value: string): void {
    if (this.inPre) {
      const parts = value.split(/\r?\n/);
      parts.forEach((part, i) => {
        if (i > 0) this.flush();
        this.append(part);
      });
      return;
    }
    this.append(value.replace(/[ \t\n\r\f]+/g, ' '));
  }

  private append(s: string): void {
    this.buf += s;
    if (this.inLink) this.linkChars += collapse(s).length;
  }

  flush(): void {
    const text = collapse(this.buf);
    if (text) this.lines.push({ text, linkChars: Math.min(this.linkChars, text.length), heading: this.heading });
    this.buf = '';
    this.linkChars = 0;
    this.heading = 0;
  }
}
