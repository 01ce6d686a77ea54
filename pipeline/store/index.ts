// The SQLite store (better-sqlite3, WAL): input articles, runs, results and failures. Results are
// committed one article at a time, so a run that is killed keeps what it finished, and the next run
// with the same code and models reuses it. A result references its output line by the line's hash:
// an unchanged re-run stores no second copy of its output, only one small row per article.
// A run records its process id: a run left "running" by a killed process is marked interrupted by
// the next run that starts (on the same host).
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { processAlive } from '../run/liveness.js';
import type { ArticleError } from '../types.js';
import type { Versions } from './versions.js';

export const DEFAULT_DB = 'data/hanlink.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS articles (
  hash       TEXT PRIMARY KEY,          -- contentHash(): kind, id, source and raw content
  id         TEXT NOT NULL,
  source     TEXT NOT NULL,
  kind       TEXT NOT NULL,
  raw_bytes  BLOB,                      -- file kinds: the bytes as read
  raw_text   TEXT,                      -- jsonl: the record as JSON
  cleaned    TEXT,                      -- the cleaned text of the latest computed result
  published  TEXT
);
CREATE TABLE IF NOT EXISTS runs (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  code_version  TEXT NOT NULL,
  model_version TEXT NOT NULL,
  options       TEXT NOT NULL,          -- JSON of the options that change output lines
  started_at    TEXT NOT NULL,
  ended_at      TEXT,
  status        TEXT NOT NULL,          -- running | done | interrupted | aborted
  articles      INTEGER NOT NULL DEFAULT 0,
  processed     INTEGER NOT NULL DEFAULT 0,  -- computed in this run
  reused        INTEGER NOT NULL DEFAULT 0,  -- taken unchanged from an earlier result
  failed        INTEGER NOT NULL DEFAULT 0,
  pid           INTEGER,                -- the process running it, to find runs whose process died
  host          TEXT
);
CREATE TABLE IF NOT EXISTS lines (
  hash         TEXT PRIMARY KEY,        -- sha256 of the line
  line         TEXT NOT NULL            -- an output line exactly as written, stored once
);
CREATE TABLE IF NOT EXISTS results (
  run_id       INTEGER NOT NULL REFERENCES runs(id),
  seq          INTEGER NOT NULL,        -- input order
  article_hash TEXT NOT NULL REFERENCES articles(hash),
  reused       INTEGER NOT NULL,
  failed       INTEGER NOT NULL,
  line_hash    TEXT NOT NULL REFERENCES lines(hash),
  PRIMARY KEY (run_id, seq)
);
CREATE INDEX IF NOT EXISTS results_by_article ON results(article_hash, failed);
CREATE TABLE IF NOT EXISTS failures (
  run_id       INTEGER NOT NULL REFERENCES runs(id),
  seq          INTEGER NOT NULL,
  article_hash TEXT NOT NULL REFERENCES articles(hash),
  article_id   TEXT NOT NULL,
  stage        TEXT NOT NULL,
  message      TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
);
`;

const INTO_ARTICLES = `INTO articles (hash, id, source, kind, raw_bytes, raw_text, cleaned, published)
  VALUES (@hash, @id, @source, @kind, @rawBytes, @rawText, @cleaned, @published)`;

/** Options that change output lines: results computed under other options are not reused. */
export interface RunOptions {
  explainRemovals: boolean;
  /** `--dates-prefer`: changes values, so results are reused only under the same choice. */
  datesPrefer?: string;
}

/** Stores of an earlier layout (one copy of the line in every result row) are migrated on open. */
const MIGRATE_INLINE_LINES = `
INSERT OR IGNORE INTO lines (hash, line) SELECT sha256(line), line FROM results;
CREATE TABLE results_by_hash (
  run_id INTEGER NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL, article_hash TEXT NOT NULL REFERENCES articles(hash),
  reused INTEGER NOT NULL, failed INTEGER NOT NULL, line_hash TEXT NOT NULL REFERENCES lines(hash), PRIMARY KEY (run_id, seq));
INSERT INTO results_by_hash SELECT run_id, seq, article_hash, reused, failed, sha256(line) FROM results;
DROP TABLE results;
ALTER TABLE results_by_hash RENAME TO results;
CREATE INDEX results_by_article ON results(article_hash, failed);
`;

export type RunStatus = 'running' | 'done' | 'interrupted' | 'aborted';

export interface RunInfo {
  id: number;
  codeVersion: string;
  modelVersion: string;
  options: RunOptions;
  startedAt: string;
  endedAt: string | null;
  status: RunStatus;
  articles: number;
  processed: number;
  reused: number;
  failed: number;
}

export interface ArticleRecord {
  hash: string;
  id: string;
  source: string;
  kind: string;
  raw: Uint8Array | string | null;
  cleaned: string;
  published: string | null;
}

export interface ResultRecord {
  seq: number;
  article: ArticleRecord;
  line: string;
  reused: boolean;
  error: ArticleError | null;
}

export class Store {
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly record: (runId: number, rec: ResultRecord) => void;

  private constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL'); // WAL + NORMAL: a commit survives a killed process
    this.db.pragma('foreign_keys = ON');
    this.db.function('sha256', { deterministic: true }, (line) => lineHash(String(line)));
    this.migrate();
    this.stmt = {
      beginRun: this.db.prepare(
        `INSERT INTO runs (code_version, model_version, options, started_at, status, pid, host) VALUES (?, ?, ?, ?, 'running', ?, ?)`,
      ),
      running: this.db.prepare(`SELECT id, pid FROM runs WHERE status = 'running' AND pid IS NOT NULL AND host = ?`),
      // Latest successful result for the same content under the same code, models and options.
      reusable: this.db.prepare(`
        SELECT l.line FROM results r
        JOIN lines l ON l.hash = r.line_hash
        JOIN runs u ON u.id = r.run_id
        JOIN runs cur ON cur.id = @run
        WHERE r.article_hash = @hash AND r.failed = 0
          AND u.code_version = cur.code_version AND u.model_version = cur.model_version AND u.options = cur.options
        ORDER BY r.run_id DESC LIMIT 1`),
      putLine: this.db.prepare(`INSERT OR IGNORE INTO lines (hash, line) VALUES (?, ?)`),
      putArticle: this.db.prepare(`INSERT ${INTO_ARTICLES} ON CONFLICT(hash) DO UPDATE SET cleaned = excluded.cleaned, published = excluded.published`),
      keepArticle: this.db.prepare(`INSERT OR IGNORE ${INTO_ARTICLES}`),
      putResult: this.db.prepare(
        `INSERT INTO results (run_id, seq, article_hash, reused, failed, line_hash) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      putFailure: this.db.prepare(
        `INSERT INTO failures (run_id, seq, article_hash, article_id, stage, message) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      count: this.db.prepare(`
        UPDATE runs SET articles = articles + 1, processed = processed + @processed,
          reused = reused + @reused, failed = failed + @failed WHERE id = @run`),
      finishRun: this.db.prepare(`UPDATE runs SET status = ?, ended_at = ? WHERE id = ?`),
      run: this.db.prepare(`SELECT * FROM runs WHERE id = ?`),
      runs: this.db.prepare(`SELECT id FROM runs ORDER BY id`),
      seqLines: this.db.prepare(`SELECT r.seq, l.line FROM results r JOIN lines l ON l.hash = r.line_hash WHERE r.run_id = ? ORDER BY r.seq`),
      resultArticle: this.db.prepare(`SELECT a.* FROM results r JOIN articles a ON a.hash = r.article_hash WHERE r.run_id = ? AND r.seq = ?`),
      lines: this.db.prepare(`SELECT l.line FROM results r JOIN lines l ON l.hash = r.line_hash WHERE r.run_id = ? ORDER BY r.seq`),
      failures: this.db.prepare(`SELECT seq, article_id, stage, message FROM failures WHERE run_id = ? ORDER BY seq`),
    };
    this.record = this.db.transaction((runId: number, rec: ResultRecord) => {
      const a = rec.article;
      const row = {
        hash: a.hash,
        id: a.id,
        source: a.source,
        kind: a.kind,
        rawBytes: a.raw instanceof Uint8Array ? Buffer.from(a.raw.buffer, a.raw.byteOffset, a.raw.byteLength) : null,
        rawText: typeof a.raw === 'string' ? a.raw : null,
        cleaned: a.cleaned,
        published: a.published,
      };
      // A reused result leaves the article's stored cleaned text as its computing run wrote it.
      (rec.reused ? this.stmt.keepArticle : this.stmt.putArticle).run(row);
      const hash = lineHash(rec.line);
      this.stmt.putLine.run(hash, rec.line);
      this.stmt.putResult.run(runId, rec.seq, a.hash, rec.reused ? 1 : 0, rec.error ? 1 : 0, hash);
      if (rec.error) this.stmt.putFailure.run(runId, rec.seq, a.hash, a.id, rec.error.stage, rec.error.message);
      this.stmt.count.run({ run: runId, processed: rec.reused ? 0 : 1, reused: rec.reused ? 1 : 0, failed: rec.error ? 1 : 0 });
    });
  }

  /** Opens (creating if needed) the store at `path`, its folder included. */
  static open(path: string = DEFAULT_DB): Store {
    return new Store(path);
  }

  private migrate(): void {
    this.db.exec(SCHEMA.replace(/CREATE TABLE IF NOT EXISTS results[^;]*;\nCREATE INDEX[^;]*;/, ''));
    const columns = (table: string) => (this.db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    this.db.transaction(() => {
      const runs = columns('runs');
      if (!runs.includes('pid')) this.db.exec('ALTER TABLE runs ADD COLUMN pid INTEGER; ALTER TABLE runs ADD COLUMN host TEXT;');
      if (columns('results').includes('line')) this.db.exec(MIGRATE_INLINE_LINES);
      this.db.exec(SCHEMA);
    })();
  }

  /** Starts a run in this process; first marks the runs whose process died (SIGKILL, power loss) as interrupted. */
  beginRun(versions: Versions, options: RunOptions): number {
    const now = new Date().toISOString();
    for (const r of this.stmt.running.all(hostname()) as { id: number; pid: number }[]) {
      if (!processAlive(r.pid)) this.stmt.finishRun.run('interrupted', now, r.id);
    }
    const info = this.stmt.beginRun.run(versions.code, versions.model, JSON.stringify(options), now, process.pid, hostname());
    return Number(info.lastInsertRowid);
  }

  /** The stored output line of an unchanged article, if this run's code, models and options computed it before without error. */
  reusableLine(runId: number, hash: string): string | undefined {
    const row = this.stmt.reusable.get({ run: runId, hash }) as { line: string } | undefined;
    return row?.line;
  }

  /** Commits one article's result (and its failure, if any) and the run's counters, atomically. */
  recordResult(runId: number, rec: ResultRecord): void {
    this.record(runId, rec);
  }

  finishRun(runId: number, status: Exclude<RunStatus, 'running'>): void {
    this.stmt.finishRun.run(status, new Date().toISOString(), runId);
  }

  run(runId: number): RunInfo | undefined {
    const r = this.stmt.run.get(runId) as Record<string, unknown> | undefined;
    if (!r) return undefined;
    return {
      id: Number(r.id),
      codeVersion: String(r.code_version),
      modelVersion: String(r.model_version),
      options: JSON.parse(String(r.options)) as RunOptions,
      startedAt: String(r.started_at),
      endedAt: r.ended_at == null ? null : String(r.ended_at),
      status: r.status as RunStatus,
      articles: Number(r.articles),
      processed: Number(r.processed),
      reused: Number(r.reused),
      failed: Number(r.failed),
    };
  }

  /** Every run, oldest first. */
  runs(): RunInfo[] {
    return (this.stmt.runs.all() as { id: number }[]).map((r) => this.run(r.id)!);
  }

  /** A run's output lines in input order, with their `seq` (what resultArticle takes). */
  seqLines(runId: number): { seq: number; line: string }[] {
    return this.stmt.seqLines.all(runId) as { seq: number; line: string }[];
  }

  /** The input article behind a run's result `seq` (its raw content as read), for showing the source. */
  resultArticle(runId: number, seq: number): ArticleRecord | undefined {
    const a = this.stmt.resultArticle.get(runId, seq) as Record<string, unknown> | undefined;
    if (!a) return undefined;
    const raw = a.raw_bytes instanceof Uint8Array ? new Uint8Array(a.raw_bytes) : a.raw_text == null ? null : String(a.raw_text);
    return { hash: String(a.hash), id: String(a.id), source: String(a.source), kind: String(a.kind), raw, cleaned: String(a.cleaned ?? ''), published: a.published == null ? null : String(a.published) };
  }

  /** A run's output lines in input order. */
  lines(runId: number): string[] {
    return (this.stmt.lines.all(runId) as { line: string }[]).map((r) => r.line);
  }

  failures(runId: number): { seq: number; articleId: string; stage: string; message: string }[] {
    return (this.stmt.failures.all(runId) as { seq: number; article_id: string; stage: string; message: string }[]).map(
      (r) => ({ seq: r.seq, articleId: r.article_id, stage: r.stage, message: r.message }),
    );
  }

  close(): void {
    this.db.close();
  }
}

function lineHash(line: string): string {
  return createHash('sha256').update(line).digest('hex');
}
