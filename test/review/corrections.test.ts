// Corrections on a real gold article (fixtures/gold) read as a run: each action, the DT/TI date rule,
// undo through the store's log, and gold that validateGold accepts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goldToOutputLine, loadGold } from '../../pipeline/eval/gold.js';
import { packageRoot } from '../../pipeline/run/package.js';
import { applyCorrection, CorrectionError, initialState, toGold, type Correction, type ReviewState } from '../../pipeline/review/corrections.js';
import { CorrectionStore } from '../../pipeline/store/corrections.js';

const [gold] = loadGold([join(packageRoot(), 'fixtures', 'gold', '003_b9966a5cffd145ef.json')]);
const line = goldToOutputLine(gold);
const dir = mkdtempSync(join(tmpdir(), 'hanlink-corrections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const apply = (s: ReviewState, ...cs: Correction[]) => cs.reduce(applyCorrection, s);
const at = (s: ReviewState, start: number) => s.entities.find((e) => e.start === start);
const dateAt = (s: ReviewState, start: number) => s.dates.find((d) => d.start === start);
const valid = (s: ReviewState) => expect(toGold(s).problems).toEqual([]);

describe('review corrections', () => {
  it('turns an untouched run line back into the same gold', () => {
    const { gold: back, problems } = toGold(initialState(line));
    expect(problems).toEqual([]);
    expect(back).toEqual({ ...gold, references: undefined, entities: gold.entities.map((e) => ({ ...e })) });
  });

  it('accepts, rejects, retypes, relinks and marks NIL, keeping gold valid', () => {
    const s0 = initialState(line);
    const ahn = at(s0, 15)!; // 안규백 → person:ahn-gyu-back
    const s = apply(s0,
      { action: 'accept', start: 15, end: 18 },
      { action: 'relink', start: 31, end: 39, link: 'person:lloyd-austin' },
      { action: 'nil', start: 15, end: 18 },
      { action: 'retype', start: 31, end: 39, type: 'QT' },
    );
    expect(ahn.link).toBe('person:ahn-gyu-back');
    expect(at(s, 15)).toMatchObject({ link: 'nil', status: 'corrected' });
    expect(at(s, 31)).toMatchObject({ type: 'QT', link: null, status: 'corrected' });
    valid(s);
    const rejected = apply(s, { action: 'reject', start: 15, end: 18 });
    expect(at(rejected, 15)).toBeUndefined();
    expect(rejected.entities).toHaveLength(s.entities.length - 1);
    valid(rejected);
  });

  it('keeps a DT date with its entity: it moves on resize, goes on reject, and a new DT span gets an unknown value to fix', () => {
    const s0 = initialState(line);
    expect(dateAt(s0, 2)?.value).toBe('2026-01-30');
    const moved = apply(s0, { action: 'resize', start: 2, end: 14, newStart: 8, newEnd: 14 });
    expect(dateAt(moved, 2)).toBeUndefined();
    expect(dateAt(moved, 8)).toMatchObject({ text: '1월 30일', value: '2026-01-30', status: 'corrected' });
    valid(moved);
    expect(dateAt(apply(s0, { action: 'reject', start: 2, end: 14 }), 2)).toBeUndefined();
    const retyped = apply(s0, { action: 'retype', start: 15, end: 18, type: 'DT' });
    expect(dateAt(retyped, 15)).toMatchObject({ kind: 'date', value: 'XXXX-XX-XX' });
    const fixed = apply(retyped, { action: 'date', start: 15, end: 18, kind: 'date', value: '2026-01-31' });
    expect(dateAt(fixed, 15)?.value).toBe('2026-01-31');
    valid(fixed);
  });

  it('creates a span from a selection, replacing the mentions it covers', () => {
    const s0 = initialState(line);
    const covered = s0.entities.filter((e) => e.start < 39 && e.end > 15).length;
    expect(covered).toBeGreaterThan(1);
    const s = apply(s0, { action: 'create', start: 15, end: 39, type: 'OG' });
    expect(at(s, 15)).toMatchObject({ text: line.text.slice(15, 39), type: 'OG', link: 'nil', origin: null });
    expect(s.entities).toHaveLength(s0.entities.length - covered + 1);
    valid(s);
  });

  it('refuses corrections that do not fit', () => {
    const s0 = initialState(line);
    const bad: Correction[] = [
      { action: 'accept', start: 16, end: 18 },
      { action: 'create', start: 10, end: line.text.length + 1, type: 'PS' },
      { action: 'create', start: 14, end: 15, type: 'PS' }, // a space
      { action: 'relink', start: 2, end: 14, link: 'person:lloyd-austin' }, // a DT takes no link
      { action: 'resize', start: 15, end: 18, newStart: 18, newEnd: 18 },
    ];
    for (const c of bad) expect(() => applyCorrection(s0, c), JSON.stringify(c)).toThrow(CorrectionError);
  });

  it('keeps every correction in the store, attributed; undo marks the latest one undone', () => {
    const store = new CorrectionStore(join(dir, 'c.sqlite'));
    const key = { articleHash: 'h', textSha256: gold.text_sha256 };
    store.add(key, 1, 'kim', JSON.stringify({ action: 'accept', start: 15, end: 18 }));
    store.add(key, 1, 'lee', JSON.stringify({ action: 'reviewed', done: true }));
    expect(store.undo(key, 'park')).toBe(2);
    const rows = store.list(key);
    expect(rows.map((r) => [r.reviewer, r.undoneBy])).toEqual([['kim', null], ['lee', 'park']]);
    expect(rows[0].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(store.undo(key, 'park')).toBe(1);
    expect(store.undo(key, 'park')).toBeNull();
    expect(store.keys()).toEqual([key]);
    store.close();
  });
});
