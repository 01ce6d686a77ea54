// The static report of a run (`hanlink report`): the review page's own HTML, CSS and script in one
// file, with the answers the page would fetch embedded as JSON, so it shows the same queue, charts
// and article view, read-only. The embedded JSON escapes "<", so article text cannot close the
// script element, and a Content-Security-Policy lets only the page's own script run.
import { createHash } from 'node:crypto';
import { articleView, overview, queue, runs, sourceView, type Sources } from './data.js';
import { pageAsset } from './server.js';

/** Every GET answer the page needs for one run, keyed by the path the page asks for. */
function responses(src: Sources, runId: number): Record<string, unknown> {
  const q = queue(src, runId);
  const out: Record<string, unknown> = {
    '/api/runs': runs(src).filter((r) => r.id === runId),
    [`/api/runs/${runId}/queue`]: q,
    [`/api/runs/${runId}/overview`]: overview(src, runId),
  };
  for (const { seq } of q.rows) {
    out[`/api/runs/${runId}/articles/${seq}`] = articleView(src, runId, seq);
    out[`/api/runs/${runId}/articles/${seq}/source`] = sourceView(src, runId, seq);
  }
  return out;
}

/** Replaces `marker` in `html`; a page template without it is a bug worth stopping for. */
function replaceOnce(html: string, marker: string, by: string): string {
  const at = html.indexOf(marker);
  if (at < 0) throw new Error(`report: page.html has no ${marker}`);
  return html.slice(0, at) + by + html.slice(at + marker.length);
}

export function reportHtml(src: Sources, runId: number): string {
  const data = JSON.stringify({ run: runId, responses: responses(src, runId) }).replace(/</g, '\\u003c');
  const script = pageAsset('page.js');
  const css = pageAsset('page.css');
  const digest = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
  const csp = `default-src 'none'; script-src ${digest(script)}; style-src ${digest(css)}; img-src data:; base-uri 'none'; form-action 'none'`;
  let html = pageAsset('page.html');
  html = replaceOnce(html, '<meta name="hanlink-token" content="__TOKEN__">', `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
  html = replaceOnce(html, '<title>hanlink review</title>', `<title>hanlink report run:${runId}</title>`);
  html = replaceOnce(html, '<link rel="stylesheet" href="/page.css">', `<style>${css}</style>`);
  html = replaceOnce(html, '<script src="/page.js"></script>', `<script type="application/json" id="report-data">${data}</script>\n<script>${script}</script>`);
  return html;
}
