// Reading a run for diffing and scoring: a JSON Lines result file (CONTRACT.md), gold fixtures
// (a folder or gold .json file, read as a perfect run), or a stored run `run:<id>` from the store.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { OutputLineSchema, type OutputLine } from '../types.js';
import { DEFAULT_DB, Store } from '../store/index.js';
import { goldToOutputLine, loadGold } from './gold.js';

export { DEFAULT_DB };

/** Parses JSON Lines output; a bad line is an error naming the file and line number. */
export function parseResultLines(content: string, where: string): OutputLine[] {
  const out: OutputLine[] = [];
  content.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      throw new Error(`${where}:${i + 1}: not JSON: ${(err as Error).message}`, { cause: err });
    }
    const parsed = OutputLineSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${where}:${i + 1}: not a hanlink output line: ${z.prettifyError(parsed.error)}`);
    out.push(parsed.data);
  });
  return out;
}

/** A stored run (pipeline/store): its output lines in input order. */
export function readStoredRun(dbPath: string, runId: string): OutputLine[] {
  if (!existsSync(dbPath)) throw new Error(`run:${runId}: no store at ${dbPath}`);
  if (!/^\d+$/.test(runId)) throw new Error(`run:${runId}: a run id is a number (see the runs in ${dbPath})`);
  const store = Store.open(dbPath);
  try {
    if (!store.run(Number(runId))) throw new Error(`run:${runId}: no such run in ${dbPath}`);
    return parseResultLines(store.lines(Number(runId)).join('\n'), `${dbPath} run:${runId}`);
  } finally {
    store.close();
  }
}

/** RUN is `run:<id>` (stored run), a gold folder or gold .json file, or a .jsonl result file. */
export function readRun(spec: string, dbPath = DEFAULT_DB): OutputLine[] {
  if (spec.startsWith('run:')) return readStoredRun(dbPath, spec.slice(4));
  if (!existsSync(spec)) throw new Error(`${spec}: no such file`);
  if (statSync(spec).isDirectory() || spec.endsWith('.json')) return loadGold([spec]).map(goldToOutputLine);
  return parseResultLines(readFileSync(spec, 'utf8'), spec);
}
