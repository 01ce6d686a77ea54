// The output writer: atomic replacement, the lock, refused targets and path collisions.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openOutput, OutputRefused, refuseCollisions } from '../../pipeline/run/output.js';
import { fuzzRuns } from './fuzz-runs.js';

const dir = mkdtempSync(join(tmpdir(), 'hanlink-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openOutput', () => {
  it('writes nothing to the target until commit, then replaces it whole; leaves no temporary or lock behind', () => {
    const target = join(dir, 'atomic.jsonl');
    writeFileSync(target, 'previous\n');
    const out = openOutput(target);
    out.write('{"a":1}\n');
    expect(readFileSync(target, 'utf8')).toBe('previous\n');
    out.write('{"a":2}\n');
    out.commit();
    expect(readFileSync(target, 'utf8')).toBe('{"a":1}\n{"a":2}\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('.atomic'))).toEqual([]);
  });

  it('leaves the previous file intact when the run is discarded', () => {
    const target = join(dir, 'kept.jsonl');
    writeFileSync(target, 'complete earlier output\n');
    const out = openOutput(target);
    out.write('partial\n');
    out.discard();
    expect(readFileSync(target, 'utf8')).toBe('complete earlier output\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('.kept'))).toEqual([]);
  });

  it('refuses a target another live run holds, and takes over the lock of a run that died', () => {
    const target = join(dir, 'locked.jsonl');
    const first = openOutput(target);
    expect(() => openOutput(target)).toThrow(/being written by another hanlink run \(pid \d+/);
    first.discard();
    openOutput(target).discard(); // released

    // A lock left by a killed process: its pid no longer exists.
    const deadPid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));
    writeFileSync(join(dir, '.locked.jsonl.lock'), `${deadPid} ${hostname()}\n`);
    const taken = openOutput(target);
    taken.write('x\n');
    taken.commit();
    expect(readFileSync(target, 'utf8')).toBe('x\n');
  });

  it('writes through a symlink to the file it points at', () => {
    const real = join(dir, 'real.jsonl');
    writeFileSync(real, 'old\n');
    symlinkSync(real, join(dir, 'link.jsonl'));
    const out = openOutput(join(dir, 'link.jsonl'));
    out.write('new\n');
    out.commit();
    expect(readFileSync(real, 'utf8')).toBe('new\n');
  });

  it.each([
    ['a folder', () => dir],
    ['a file under /proc', () => '/proc/self/status'],
    ['a device', () => '/dev/null'],
    ['a FIFO', () => {
      const fifo = join(dir, 'pipe.jsonl');
      if (!existsSync(fifo)) execFileSync('mkfifo', [fifo]);
      return fifo;
    }],
  ])('refuses %s as a target, without blocking', (_what, target) => {
    expect(() => openOutput(target())).toThrow(OutputRefused);
  });

  it('commits exactly the lines written, whatever they are (property)', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }).map((s) => JSON.stringify(s) + '\n')), fc.boolean(), (lines, keep) => {
        const target = join(dir, `prop${n++}.jsonl`);
        writeFileSync(target, 'before\n');
        const out = openOutput(target);
        for (const line of lines) out.write(line);
        if (keep) out.commit();
        else out.discard();
        expect(readFileSync(target, 'utf8')).toBe(keep ? lines.join('') : 'before\n');
      }),
      { numRuns: fuzzRuns(30) },
    );
  });
});

describe('refuseCollisions', () => {
  const input = join(dir, 'in');
  mkdirSync(join(input, 'sub'), { recursive: true });
  writeFileSync(join(input, 'a.txt'), '본문\n');
  const db = join(dir, 'store.sqlite');

  it.each([
    ['--out equal to an input file', { inputs: [join(input, 'a.txt')], out: join(input, 'a.txt'), db }, /is also an input file/],
    ['--out equal to an input file by another path', { inputs: [join(input, 'a.txt')], out: join(input, 'sub', '..', 'a.txt'), db }, /is also an input file/],
    ['--out inside an input folder', { inputs: [input], out: join(input, 'sub', 'out.jsonl'), db }, /inside the input folder/],
    ['--out equal to --db', { inputs: [input], out: db, db }, /is the store/],
    ['--out equal to the store journal', { inputs: [input], out: db + '-wal', db }, /is the store/],
    ['--db equal to an input file', { inputs: [join(input, 'a.txt')], out: join(dir, 'o.jsonl'), db: join(input, 'a.txt') }, /store would overwrite it/],
  ])('refuses %s', (_what, paths, message) => {
    expect(() => refuseCollisions(paths)).toThrow(message);
  });

  it('accepts an output beside the input folder, and standard output', () => {
    expect(() => refuseCollisions({ inputs: [input], out: join(dir, 'in.jsonl'), db })).not.toThrow();
    expect(() => refuseCollisions({ inputs: ['-', input], out: '-', db })).not.toThrow();
  });
});
