// HTML → lines of text with parse5 (a spec-compliant parser: broken markup, entities and implied
// tags are handled as browsers do). Block elements become line breaks, table rows become
// " | "-separated lines, and scripts, styles, images and page chrome (nav, header, footer, aside, and
// elements whose role/class/id names such chrome) are dropped, each drop recorded with its reason.
// When the page marks its article body, only that is read.
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import type { Removal } from '../types.js';
import { abbreviate, type Line } from './lines.js';

export interface HtmlText {
  lines: Line[];
  removed: Removal[];
  /** The headline: og:title, else the first <h1> outside page chrome, else <title>. */
  title: string | null;
  /** The published time from <head> metadata (article:published_time...). */
  publishedTime: string | null;
  /** The summary from <head> metadata: og:description, else description. */
  description: string | null;
  /** Lines before the article body when one is marked (headline, byline): searched for a dateline only. */
  preamble: Line[];
}

/** True when text carries HTML markup (scraped .txt/.md files often do); detection only, never stripping. */
export function looksLikeHtml(text: string): boolean {
  const tags = text.match(/<\/?(?:p|div|br|hr|h[1-6]|table|tr|td|th|img|span|b|strong|a|ul|ol|li|html|body|article|section|script|style|iframe)\b[^<>]*>/gi);
  return (tags?.length ?? 0) >= 2;
}

/** Never text: dropped with everything inside. */
const NON_TEXT = new Set([
  'script', 'style', 'noscript', 'template', 'select', 'textarea', 'input', 'button', 'iframe', 'object', 'embed', 'svg',
  'canvas', 'video', 'audio', 'map',
]);
/** Page structure that is chrome, unless it holds most of the page's text (a <form> around a whole ASP page). */
const STRUCTURE = new Set(['nav', 'header', 'footer', 'aside', 'form', 'menu', 'dialog']);
/** Never chrome, whatever their class says ("sidebar-visible" on <html> is page state). */
const NEVER_CHROME = new Set(['html', 'body', 'main', 'article']);
/** A chrome element holding more than this share of the page's text is not dropped: the guess was wrong. */
const MAX_CHROME_SHARE = 0.5;
/** Elements that end a line. */
const BLOCK = new Set([
  'address', 'article', 'blockquote', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
  'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'caption', 'tbody', 'thead', 'tfoot', 'ul', 'body', 'html',
]);
/** Content that a data-table cell does not hold: a cell with these is page layout. */
const LAYOUT_BLOCKS = new Set(['p', 'div', 'table', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'article', 'section', 'blockquote']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar']);
/** class/id words that name page chrome; "header" is left out because article headers hold the title. */
const CHROME_WORDS = new Set([
  'nav', 'gnb', 'lnb', 'snb', 'menu', 'breadcrumb', 'breadcrumbs', 'sidebar', 'ad', 'ads', 'advert', 'advertisement',
  'banner', 'share', 'sns', 'social', 'comment', 'comments', 'reply', 'related', 'popular', 'ranking', 'footer', 'sitemap',
]);

/** Deeper markup is refused: the tree is walked recursively, and no real page nests this deep. */
const MAX_DEPTH = 1000;

export function htmlToLines(html: string): HtmlText {
  const doc = parse(html);
  const depth = maxDepth(doc);
  if (depth > MAX_DEPTH) throw new Error(`HTML is nested ${depth} elements deep; at most ${MAX_DEPTH} are read`);
  const head = readHead(doc);
  const chrome = new Chrome(doc);
  const root = articleRoot(doc, chrome);
  const out = new Collector(chrome);
  const preamble = new Collector(chrome, root);
  if (root) {
    const outside = collapse(textOutside(doc, root));
    if (outside) out.removed.push({ reason: 'html:outside-article', text: abbreviate(outside) });
    preamble.walk(doc);
    preamble.flush();
  }
  out.walk(root ?? doc);
  out.flush();
  const h1 = findAll(doc, (el) => el.tagName === 'h1', chrome)[0];
  const heading = h1 ? collapse(textOf(h1)) || null : null;
  return {
    lines: out.lines,
    removed: out.removed,
    title: head.ogTitle ?? heading ?? (head.title && withoutSiteName(head.title)),
    publishedTime: head.publishedTime,
    description: head.ogDescription ?? head.description,
    preamble: preamble.lines,
  };
}

function maxDepth(doc: T.Document): number {
  let max = 0;
  const stack: [T.Node, number][] = [[doc, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    max = Math.max(max, depth);
    if ('childNodes' in node) for (const child of node.childNodes) stack.push([child, depth + 1]);
  }
  return max;
}

/** "<headline> - 가상일보" → "<headline>": a <title> usually ends with the site name. */
function withoutSiteName(title: string): string {
  const m = /^(.{5,}?)\s+[-|:｜–—]\s+[^-|:｜–—]{1,20}$/.exec(title);
  return m ? m[1] : title;
}

/** Class names of article-body containers across Korean news sites and blog engines. */
const BODY_CLASS = /^(?:(?:article|news|post|entry|story|view|art|cont)[_-]?(?:body|content|contents|text|txt|view|cont|con|area|article)(?:[_-]?(?:wrap|area|inner))?|articlebody|newsct_article|dic_area|articletxt)$/i;
const MIN_ROOT_TEXT = 100;

/**
 * The element holding the article body when the page marks one unambiguously: a single
 * itemprop="articleBody", else a single outermost element with an article-body class or id, else a
 * single <article>. Everything outside it is page chrome. Null when there is no such mark (then the
 * whole page is read) or when the marked element holds too little text to be the body.
 */
function articleRoot(doc: T.Document, chrome: Chrome): T.Element | null {
  const candidates: ((el: T.Element) => boolean)[] = [isBodyItemprop, hasBodyClass, (el) => el.tagName === 'article'];
  for (const test of candidates) {
    const found = outermost(findAll(doc, test, chrome));
    if (found.length === 1) return collapse(textOf(found[0])).length >= MIN_ROOT_TEXT ? found[0] : null;
    if (found.length > 1) return null;
  }
  return null;
}

/** Elements passing the test, outside page chrome (a logo <h1> in a <header> is not the headline). */
function isBodyItemprop(el: T.Element): boolean {
  return attr(el, 'itemprop')?.toLowerCase() === 'articlebody';
}

function hasBodyClass(el: T.Element): boolean {
  return [attr(el, 'id') ?? '', ...(attr(el, 'class') ?? '').split(/\s+/)].some((name) => BODY_CLASS.test(name));
}

function isMarkedBody(el: T.Element): boolean {
  return isBodyItemprop(el) || hasBodyClass(el);
}

function findAll(node: T.Node, test: (el: T.Element) => boolean, chrome: Chrome, out: T.Element[] = []): T.Element[] {
  if (isElement(node) && chrome.reason(node)) return out;
  if (isElement(node) && test(node)) out.push(node);
  if ('childNodes' in node) for (const child of node.childNodes) findAll(child, test, chrome, out);
  return out;
}

function outermost(els: T.Element[]): T.Element[] {
  const inside = (el: T.Element, other: T.Element): boolean => {
    for (let p = el.parentNode; p; p = 'parentNode' in p ? p.parentNode : null) if (p === other) return true;
    return false;
  };
  return els.filter((el) => !els.some((other) => other !== el && inside(el, other)));
}

/** Visible text of the page outside the article root, for the removal record. */
function textOutside(node: T.Node, root: T.Element): string {
  if (node === root) return '';
  if (isElement(node) && (NON_TEXT.has(node.tagName) || node.tagName === 'head')) return '';
  if (node.nodeName === '#text') return (node as T.TextNode).value;
  return 'childNodes' in node ? node.childNodes.map((c) => textOutside(c, root)).join(' ') : '';
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

interface Head {
  title: string | null;
  ogTitle: string | null;
  ogDescription: string | null;
  description: string | null;
  publishedTime: string | null;
}

const PUBLISHED_META = new Set(['article:published_time', 'og:published_time', 'datepublished', 'pubdate', 'publishdate', 'date']);

/**
 * Page metadata: <title>, og:title, the published time from <meta>, from an element marked
 * itemprop="datePublished" (content or datetime), or from JSON-LD (datePublished, headline).
 */
function readHead(doc: T.Document): Head {
  const head: Head = { title: null, ogTitle: null, ogDescription: null, description: null, publishedTime: null };
  const visit = (node: T.Node, inBody: boolean): void => {
    if (isElement(node)) {
      const tag = node.tagName;
      if (tag === 'title' && !inBody) head.title ??= collapse(textOf(node)) || null;
      const key = (attr(node, 'property') ?? attr(node, 'name') ?? attr(node, 'itemprop') ?? '').toLowerCase();
      const value = (attr(node, 'content') ?? attr(node, 'datetime'))?.trim() || null;
      if (tag === 'meta' && key === 'og:title') head.ogTitle ??= value;
      if (tag === 'meta' && key === 'og:description') head.ogDescription ??= value;
      if (tag === 'meta' && key === 'description') head.description ??= value;
      if ((tag === 'meta' || key === 'datepublished') && PUBLISHED_META.has(key)) head.publishedTime ??= value;
      if (tag === 'script' && attr(node, 'type')?.toLowerCase() === 'application/ld+json') readJsonLd(textOf(node), head);
      if (tag === 'body') inBody = true;
    }
    if ('childNodes' in node) node.childNodes.forEach((c) => visit(c, inBody));
  };
  visit(doc, false);
  return head;
}

function readJsonLd(json: string, head: Head): void {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return; // broken JSON-LD is common and says nothing about the article text
  }
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const obj = value as Record<string, unknown>;
    if (typeof obj.datePublished === 'string') head.publishedTime ??= obj.datePublished.trim() || null;
    if (typeof obj.headline === 'string') head.ogTitle ??= collapse(obj.headline) || null;
    if (obj['@graph']) visit(obj['@graph']);
  };
  visit(data);
}

/** A <header> inside <article> or <main> is the article's own header (headline, byline), not page chrome. */
function isArticleHeader(el: T.Element): boolean {
  if (el.tagName !== 'header') return false;
  for (let p: T.ParentNode | null = el.parentNode; p && isElement(p); p = p.parentNode) {
    if (p.tagName === 'article' || p.tagName === 'main') return true;
  }
  return false;
}

/** Decides what is page chrome; remembers each subtree's text size for the share guard. */
class Chrome {
  private readonly size = new WeakMap<T.Node, number>();
  private readonly pageChars: number;

  constructor(doc: T.Document) {
    this.pageChars = this.chars(doc);
  }

  /** Why the element is dropped with everything inside, or null to read it. */
  reason(el: T.Element): string | null {
    if (NON_TEXT.has(el.tagName)) return `html:${el.tagName}`;
    if (el.tagName === 'head') return 'html:head';
    const reason = structuralReason(el);
    return reason && this.chars(el) <= MAX_CHROME_SHARE * this.pageChars ? reason : null;
  }

  /** Visible non-space characters under a node. */
  private chars(node: T.Node): number {
    const known = this.size.get(node);
    if (known !== undefined) return known;
    let n = 0;
    if (node.nodeName === '#text') n = (node as T.TextNode).value.replace(/\s+/g, '').length;
    else if (isElement(node) && (NON_TEXT.has(node.tagName) || node.tagName === 'head')) n = 0;
    else if ('childNodes' in node) for (const child of node.childNodes) n += this.chars(child);
    this.size.set(node, n);
    return n;
  }
}

function structuralReason(el: T.Element): string | null {
  if (NEVER_CHROME.has(el.tagName) || isMarkedBody(el)) return null; // "article_body ad-free" is the article
  if (STRUCTURE.has(el.tagName) && !isArticleHeader(el)) return `html:${el.tagName}`;
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

class Collector {
  readonly lines: Line[] = [];
  readonly removed: Removal[] = [];
  private buf = '';
  private linkChars = 0;
  private inLink = 0;
  private inPre = 0;
  private inHeading = 0;
  private stopped = false;

  /** With `stopAt`, collection ends where that element begins (the page before the article body). */
  constructor(
    private readonly chrome: Chrome,
    private readonly stopAt: T.Element | null = null,
  ) {}

  walk(node: T.Node): void {
    if (this.stopped || node === this.stopAt) {
      this.stopped = true;
      return;
    }
    if (node.nodeName === '#text') {
      this.text((node as T.TextNode).value);
      return;
    }
    if (!isElement(node)) {
      if (node.nodeName === '#document' || node.nodeName === '#document-fragment') (node as T.ParentNode).childNodes.forEach((c) => this.walk(c));
      return; // comments, doctype
    }
    const reason = this.chrome.reason(node);
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
    const heading = /^h[1-6]$/.test(tag);
    if (block) this.flush();
    if (tag === 'a') this.inLink++;
    if (tag === 'pre') this.inPre++;
    if (heading) this.inHeading++;
    node.childNodes.forEach((c) => this.walk(c));
    if (tag === 'a') this.inLink--;
    if (tag === 'pre') this.inPre--;
    if (block) this.flush();
    if (heading) this.inHeading--;
  }

  /**
   * A data-table row becomes one line, its cells separated by " | ". A row whose cells hold
   * paragraphs, divs, lists or tables (a layout table around the whole article, common on older
   * Korean sites) is read as blocks instead, cell after cell.
   */
  private row(tr: T.Element): void {
    this.flush();
    const cells: Collector[] = [];
    let layout = false;
    for (const cell of tr.childNodes) {
      if (!isElement(cell) || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
      layout ||= findAll(cell, (el) => el !== cell && LAYOUT_BLOCKS.has(el.tagName), this.chrome).length > 0;
      const inner = new Collector(this.chrome, this.stopAt);
      cell.childNodes.forEach((c) => inner.walk(c));
      inner.flush();
      this.removed.push(...inner.removed);
      cells.push(inner);
      if (inner.stopped) break;
    }
    this.stopped ||= cells.some((c) => c.stopped);
    if (layout) {
      for (const c of cells) this.lines.push(...c.lines);
      return;
    }
    const texts = cells.map((c) => c.lines.map((l) => l.text).join(' '));
    while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
    const linkChars = cells.reduce((n, c) => n + c.lines.reduce((m, l) => m + l.linkChars, 0), 0);
    if (texts.some((t) => t !== '')) this.lines.push({ text: texts.join(' | '), linkChars });
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
    if (text) this.lines.push({ text, linkChars: Math.min(this.linkChars, text.length), ...(this.inHeading ? { heading: true } : {}) });
    this.buf = '';
    this.linkChars = 0;
  }
}
