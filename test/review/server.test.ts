// The review server's safety: article text stays text, cross-site and token-less writes are
// refused, every body is validated, and no request reads a file outside the store.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSources } from '../../pipeline/review/data.js';
import { reportHtml } from '../../pipeline/review/report.js';
import { startReviewServer, TOKEN_HEADER, type ReviewServer } from '../../pipeline/review/server.js';
import { call, handMadeStore, HOSTILE } from './stores.js';

const dir = mkdtempSync(join(tmpdir(), 'hanlink-review-'));
const db = join(dir, 'store.sqlite');
let sources: Awaited<ReturnType<typeof openSources>>;
let server: ReviewServer;
let host: string;

beforeAll(async () => {
  handMadeStore(db);
  sources = await openSources(db);
  server = await startReviewServer({ sources, host: '127.0.0.1', port: 0, reviewer: 'tester', exportDir: join(dir, 'gold') });
  host = new URL(server.url).host;
});
afterAll(async () => {
  await server.close();
  sources.close();
  rmSync(dir, { recursive: true, force: true });
});

const CORRECTIONS = '/api/runs/1/articles/0/corrections';
const accept = JSON.stringify({ reviewer: 'tester', correction: { action: 'accept', start: 0, end: 3 } });
const writeHeaders = (extra: Record<string, string> = {}) => ({ host, 'content-type': 'application/json', [TOKEN_HEADER]: server.token, origin: `http://${host}`, ...extra });
const corrections = () => sources.corrections.list({ articleHash: 'h-hostile', textSha256: sources.corrections.keys()[0]?.textSha256 ?? '' }).length;

describe('review server safety', () => {
  it('serves article text only inside JSON, with a CSP that runs no inline script, and the report escapes it', async () => {
    const page = await call(server.url, { path: '/', headers: { host } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain(server.token);
    const article = await call(server.url, { path: '/api/runs/1/articles/0', headers: { host } });
    expect(article.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(article.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(article.body).line.text).toBe(HOSTILE);
    const html = reportHtml(sources, 1);
    expect(html).not.toContain('<script>window.__xss');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('\\u003cscript>window.__xss');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/);
  });

  it('refuses writes without the token, from another origin or site, to another Host, or not as JSON', async () => {
    const refused = [
      { headers: writeHeaders({ [TOKEN_HEADER]: '' }), status: 403 },
      { headers: writeHeaders({ [TOKEN_HEADER]: 'f'.repeat(48) }), status: 403 },
      { headers: writeHeaders({ origin: 'http://evil.example' }), status: 403 },
      { headers: writeHeaders({ origin: 'null' }), status: 403 },
      { headers: writeHeaders({ 'sec-fetch-site': 'cross-site' }), status: 403 },
      { headers: writeHeaders({ host: `evil.example:${new URL(server.url).port}` }), status: 403 },
      { headers: writeHeaders({ 'content-type': 'text/plain' }), status: 415 },
    ];
    for (const r of refused) {
      const answer = await call(server.url, { method: 'POST', path: CORRECTIONS, headers: r.headers, body: accept });
      expect(answer.status, JSON.stringify(r.headers)).toBe(r.status);
    }
    expect(sources.corrections.keys()).toEqual([]);
    // DNS rebinding: a page of another name resolving to 127.0.0.1 cannot read either.
    expect((await call(server.url, { path: '/api/runs', headers: { host: 'evil.example' } })).status).toBe(403);
    const ok = await call(server.url, { method: 'POST', path: CORRECTIONS, headers: writeHeaders(), body: accept });
    expect(ok.status).toBe(200);
    expect(corrections()).toBe(1);
  });

  it('validates every body and refuses corrections that do not fit the article', async () => {
    const post = (body: string) => call(server.url, { method: 'POST', path: CORRECTIONS, headers: writeHeaders(), body });
    const bodies: [string, number][] = [
      ['not json', 400],
      [JSON.stringify({ reviewer: 'tester', correction: { action: 'explode', start: 0, end: 3 } }), 400],
      [JSON.stringify({ reviewer: 'tester', correction: { action: 'accept', start: -1, end: 3 } }), 400],
      [JSON.stringify({ reviewer: 'tester', correction: { action: 'accept', start: 0, end: 3, extra: 1 } }), 400],
      [JSON.stringify({ reviewer: '<b>x</b>', correction: { action: 'accept', start: 0, end: 3 } }), 400],
      [JSON.stringify({ correction: { action: 'accept', start: 0, end: 3 } }), 400],
      [JSON.stringify({ reviewer: 'tester', correction: { action: 'relink', start: 0, end: 3, link: '../../etc/passwd' } }), 400],
      [JSON.stringify({ reviewer: 'tester', correction: { action: 'relink', start: 0, end: 3, link: 'person:nobody-at-all' } }), 409],
      [JSON.stringify({ reviewer: 'tester', correction: { action: 'accept', start: 4, end: 9 } }), 409],
      [JSON.stringify({ reviewer: 'tester', correction: { action: 'create', start: 0, end: 10_000, type: 'PS' } }), 409],
      [JSON.stringify({ reviewer: 'x'.repeat(70_000), correction: { action: 'reviewed', done: true } }), 413],
    ];
    const before = corrections();
    for (const [body, status] of bodies) expect((await post(body)).status, body.slice(0, 80)).toBe(status);
    expect(corrections()).toBe(before);
    const undoBad = await call(server.url, { method: 'POST', path: '/api/runs/1/articles/0/undo', headers: writeHeaders(), body: JSON.stringify({ reviewer: 'tester', more: 1 }) });
    expect(undoBad.status).toBe(400);
    expect((await call(server.url, { method: 'POST', path: '/api/runs/1/export', headers: writeHeaders(), body: JSON.stringify({ dir: '/tmp/elsewhere' }) })).status).toBe(400);
  });

  it('reads no file outside the store: fixed routes only, and the source view shows stored bytes, not the file its source names', async () => {
    const paths = ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/page.js/../../package.json', '/pipeline/review/page/page.js', '/package.json',
      '/api/runs/1/articles/0/../../../../../etc/passwd', '/api/runs/1/articles/0/source/..%2f..%2fetc%2fpasswd', '/api/runs/x/queue', '//etc/passwd'];
    for (const path of paths) {
      const answer = await call(server.url, { path, headers: { host } });
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toContain('root:');
    }
    const source = JSON.parse((await call(server.url, { path: '/api/runs/1/articles/0/source', headers: { host } })).body);
    expect(source.source).toBe('/etc/hostname');
    expect(source.original).toBe(HOSTILE);
    expect(source.original).not.toBe(readFileSync('/etc/hostname', 'utf8'));
  });
});
