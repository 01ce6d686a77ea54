// The review server (node:http): the page (three fixed files) and a JSON API over the store.
//
// Safe by default: it binds 127.0.0.1 unless told otherwise; every URL is matched against a fixed
// list of routes whose parameters are numbers or a search string, so no request names a file;
// writes need the per-server random token the page carries, a JSON body that its zod schema
// accepts, and same-origin Origin/Host headers (a cross-site page or a DNS-rebinding host gets 403).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../run/package.js';
import { CorrectionError, CorrectionSchema, toGold } from './corrections.js';
import { articleView, correct, NotFound, overview, queue, runs, searchKb, sourceView, undo, type Sources } from './data.js';
import { exportGold, goldFileName } from './export.js';
import { formatGold } from '../eval/gold.js';

export const TOKEN_HEADER = 'x-hanlink-token';
const MAX_BODY = 64 * 1024;

/** The page's own files: read once at start from the package, never from a request path. */
const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'page.html', type: 'text/html; charset=utf-8' },
  '/page.css': { file: 'page.css', type: 'text/css; charset=utf-8' },
  '/page.js': { file: 'page.js', type: 'text/javascript; charset=utf-8' },
};

export function pageAsset(file: string): string {
  return readFileSync(join(packageRoot(), 'pipeline', 'review', 'page', file), 'utf8');
}

const ReviewerSchema = z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N} ._@-]+$/u, 'letters, digits, space and . _ @ - only');
const CorrectBody = z.strictObject({ reviewer: ReviewerSchema, correction: CorrectionSchema });
const UndoBody = z.strictObject({ reviewer: ReviewerSchema });
const ExportBody = z.strictObject({});
const SearchQuery = z.object({ q: z.string().trim().min(1).max(100), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable() });

export interface ReviewServerOptions {
  sources: Sources;
  host: string;
  port: number;
  /** The reviewer name the page starts with. */
  reviewer: string;
  /** Where exported gold fixtures go (fixed at start; no request chooses a path). */
  exportDir: string;
}

export interface ReviewServer {
  url: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export async function startReviewServer(opts: ReviewServerOptions): Promise<ReviewServer> {
  const token = randomBytes(24).toString('hex');
  const html = pageAsset('page.html').replace('__TOKEN__', token);
  const assets = Object.fromEntries(Object.entries(ASSETS).map(([path, a]) => [path, { type: a.type, body: a.file === 'page.html' ? html : pageAsset(a.file) }]));
  let port = opts.port;
  const loopback = LOOPBACK.has(opts.host);

  /** Host must name this server (DNS rebinding); on a non-loopback bind any name of the machine may. */
  const checkHost = (req: IncomingMessage) => {
    const host = req.headers.host ?? '';
    const m = /^(.*):(\d+)$/.exec(host);
    if (!m || Number(m[2]) !== port || (loopback && !LOOPBACK.has(m[1]))) throw new HttpError(403, `Host ${JSON.stringify(host)} is not this server`);
  };
  const checkWrite = (req: IncomingMessage) => {
    const given = Buffer.from(String(req.headers[TOKEN_HEADER] ?? ''));
    const want = Buffer.from(token);
    if (given.length !== want.length || !timingSafeEqual(given, want)) throw new HttpError(403, 'missing or wrong token');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) throw new HttpError(403, `cross-site request from ${origin}`);
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new HttpError(403, `cross-site request (${site})`);
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'expected application/json');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    checkHost(req);
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    const asset = assets[url.pathname];
    if (asset && method === 'GET') return send(res, 200, asset.type, asset.body);
    const m = /^\/api\/runs(?:\/(\d{1,9})(?:\/(queue|overview|export|articles\/(\d{1,9})(?:\/(source|corrections|undo|gold))?))?)?$/.exec(url.pathname);
    if (method === 'GET' && url.pathname === '/api/config') return json(res, { reviewer: opts.reviewer, exportDir: opts.exportDir, readOnly: false });
    if (method === 'GET' && url.pathname === '/api/kb') {
      const q = SearchQuery.safeParse({ q: url.searchParams.get('q') ?? '', day: url.searchParams.get('day') || null });
      if (!q.success) throw new HttpError(400, z.prettifyError(q.error));
      return json(res, searchKb(opts.sources, q.data.q, q.data.day));
    }
    if (!m) throw new HttpError(404, 'not found');
    const [, run, what, seq, sub] = m;
    const runId = Number(run);
    if (method === 'GET') {
      if (!run) return json(res, runs(opts.sources));
      if (what === 'queue') return json(res, queue(opts.sources, runId));
      if (what === 'overview') return json(res, overview(opts.sources, runId));
      if (seq && !sub) return json(res, articleView(opts.sources, runId, Number(seq)));
      if (seq && sub === 'source') return json(res, sourceView(opts.sources, runId, Number(seq)));
      if (seq && sub === 'gold') {
        const view = articleView(opts.sources, runId, Number(seq));
        res.setHeader('Content-Disposition', `attachment; filename="${goldFileName(view.line.id)}"`);
        return send(res, 200, 'application/json; charset=utf-8', formatGold(toGold(view.review.state).gold));
      }
      throw new HttpError(405, 'method not allowed');
    }
    if (method !== 'POST') throw new HttpError(405, 'method not allowed');
    checkWrite(req);
    const body = await readJson(req);
    if (what === 'export' && !seq) {
      parse(ExportBody, body);
      return json(res, exportGold(opts.sources, runId, opts.exportDir));
    }
    if (seq && sub === 'corrections') {
      const b = parse(CorrectBody, body);
      correct(opts.sources, runId, Number(seq), b.reviewer, b.correction);
      return json(res, articleView(opts.sources, runId, Number(seq)));
    }
    if (seq && sub === 'undo') {
      const b = parse(UndoBody, body);
      undo(opts.sources, runId, Number(seq), b.reviewer);
      return json(res, articleView(opts.sources, runId, Number(seq)));
    }
    throw new HttpError(405, 'method not allowed');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : err instanceof NotFound ? 404 : err instanceof CorrectionError ? 409 : 500;
      const message = err instanceof Error ? err.message : String(err);
      if (status === 500) process.stderr.write(`hanlink review: ${req.method} ${req.url}: ${err instanceof Error ? err.stack : message}\n`);
      if (!res.headersSent) json(res, { error: message }, status);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const hostInUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${hostInUrl}:${port}/`,
    token,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new HttpError(400, `invalid body: ${z.prettifyError(r.error)}`);
  return r.data;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}

/** Headers on every answer: the page runs only its own script and is never framed or sniffed. */
function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function json(res: ServerResponse, value: unknown, status = 200): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}
