// Review corrections in the store (pipeline/review/): one row per correction, attributed and
// timestamped, never deleted. Undo marks a row undone (also attributed), so the log keeps who did
// what. Corrections belong to an article's content and cleaned text (its hash and the sha256 of the
// text their spans index), so a later run over the same article finds its review again.
import Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS review_corrections (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  article_hash TEXT NOT NULL,           -- articles.hash
  text_sha256  TEXT NOT NULL,           -- the cleaned text the spans index
  run_id       INTEGER NOT NULL,        -- the run whose output the reviewer corrected
  reviewer     TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  correction   TEXT NOT NULL,           -- JSON of pipeline/review/corrections.ts CorrectionSchema
  undone_at    TEXT,
  undone_by    TEXT
);
CREATE INDEX IF NOT EXISTS review_corrections_by_article ON review_corrections(article_hash, text_sha256, id);
`;

/** The article text a review belongs to. */
export interface ReviewKey {
  articleHash: string;
  textSha256: string;
}

export interface CorrectionRow {
  id: number;
  runId: number;
  reviewer: string;
  createdAt: string;
  /** JSON; parsed and checked by the review module. */
  correction: string;
  undoneAt: string | null;
  undoneBy: string | null;
}

export class CorrectionStore {
  private readonly db: Database.Database;
  private readonly stmt;

  /** Opens the corrections tables of the store at `path` (its own connection; WAL lets it sit beside Store's). */
  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.stmt = {
      add: this.db.prepare(
        `INSERT INTO review_corrections (article_hash, text_sha256, run_id, reviewer, created_at, correction) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      list: this.db.prepare(`SELECT * FROM review_corrections WHERE article_hash = ? AND text_sha256 = ? ORDER BY id`),
      last: this.db.prepare(`SELECT id FROM review_corrections WHERE article_hash = ? AND text_sha256 = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1`),
      undo: this.db.prepare(`UPDATE review_corrections SET undone_at = ?, undone_by = ? WHERE id = ?`),
      keys: this.db.prepare(`SELECT DISTINCT article_hash, text_sha256 FROM review_corrections`),
    };
  }

  add(key: ReviewKey, runId: number, reviewer: string, correction: string): number {
    const info = this.stmt.add.run(key.articleHash, key.textSha256, runId, reviewer, new Date().toISOString(), correction);
    return Number(info.lastInsertRowid);
  }

  /** Every correction of the article, undone ones included, in the order they were made. */
  list(key: ReviewKey): CorrectionRow[] {
    return (this.stmt.list.all(key.articleHash, key.textSha256) as Record<string, unknown>[]).map((r) => ({
      id: Number(r.id),
      runId: Number(r.run_id),
      reviewer: String(r.reviewer),
      createdAt: String(r.created_at),
      correction: String(r.correction),
      undoneAt: r.undone_at == null ? null : String(r.undone_at),
      undoneBy: r.undone_by == null ? null : String(r.undone_by),
    }));
  }

  /** Marks the latest correction still in force undone; returns its id, or null when there is none. */
  undo(key: ReviewKey, reviewer: string): number | null {
    const row = this.stmt.last.get(key.articleHash, key.textSha256) as { id: number } | undefined;
    if (!row) return null;
    this.stmt.undo.run(new Date().toISOString(), reviewer, row.id);
    return row.id;
  }

  /** The articles that have any correction. */
  keys(): ReviewKey[] {
    return (this.stmt.keys.all() as { article_hash: string; text_sha256: string }[]).map((r) => ({ articleHash: r.article_hash, textSha256: r.text_sha256 }));
  }

  close(): void {
    this.db.close();
  }
}
