// Where the output lines go, written so that nothing already there is lost: a file target is
// written to a temporary file beside it (same folder, hence same file system) and renamed over it
// only when the run completes, so a killed or interrupted run leaves an earlier output intact and
// never a valid-looking prefix. A lock file keeps two runs from writing the same target. `-` is
// standard output, written as it goes; a reader that goes away (`| head`) ends the run quietly.
// The writer takes finished lines and knows nothing of their format, so other formats can use it.
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { processAlive } from './liveness.js';

/** The output target that means standard output. */
export const STDOUT = '-';

/** A target or a combination of paths that cannot be written safely; the message says why (exit 2). */
export class OutputRefused extends Error {
  override name = 'OutputRefused';
}

export interface OutputWriter {
  /** Where the lines end up, as given ("-" for standard output). */
  readonly target: string;
  /** Appends text (whole lines); false once the reader of standard output has gone away. */
  write(text: string): boolean;
  /** The run completed: the lines become the target, replacing what was there. */
  commit(): void;
  /** The run did not complete: the target is left as it was. */
  discard(): void;
}

/**
 * Opens `target` for writing after refusing what would lose data: a target that is not a regular
 * file (a folder, a device, a FIFO, anything under /proc, /sys or /dev), or one another live run
 * holds. `onClosed` is called once if the reader of standard output goes away.
 */
export function openOutput(target: string, onClosed: () => void = () => {}): OutputWriter {
  return target === STDOUT ? stdoutWriter(onClosed) : fileWriter(target);
}

/**
 * Refuses paths that would overwrite or feed back into each other: the output equal to an input
 * file (it would be truncated before being read), inside an input folder (it would be read back as
 * input), or equal to the store (or its journal); and the store equal to an input file.
 */
export function refuseCollisions(p: { inputs: readonly string[]; out: string; db: string }): void {
  const out = p.out === STDOUT ? null : realTarget(p.out);
  const db = realTarget(p.db);
  const dbFiles = ['', '-wal', '-shm', '-journal'].map((suffix) => db + suffix);
  if (out && dbFiles.includes(out)) throw new OutputRefused(`--out ${p.out} is the store (--db ${p.db}): choose another output file`);
  for (const input of p.inputs) {
    if (input === STDOUT) continue;
    const real = realTarget(input);
    const isDir = statSync(real, { throwIfNoEntry: false })?.isDirectory() ?? false;
    if (out === real) throw new OutputRefused(`--out ${p.out} is also an input file (${input}): writing it would destroy the input`);
    if (isDir && out && isInside(out, real)) {
      throw new OutputRefused(`--out ${p.out} is inside the input folder ${input}: it would be read back as input; write it elsewhere`);
    }
    if (dbFiles.includes(real)) throw new OutputRefused(`--db ${p.db} is also an input (${input}): the store would overwrite it`);
  }
}

/** The real path `path` has or would have: symlinks resolved in its deepest existing ancestor. */
function realTarget(path: string): string {
  const abs = resolve(path);
  let dir = abs;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(dir), ...rest.reverse());
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return abs;
      rest.push(basename(dir));
      dir = parent;
    }
  }
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !rel.startsWith(sep);
}

const SPECIAL_TREES = ['/proc', '/sys', '/dev'];

function fileWriter(target: string): OutputWriter {
  const real = realTarget(target);
  if (SPECIAL_TREES.some((t) => real === t || real.startsWith(t + '/'))) {
    throw new OutputRefused(`--out ${target}: ${real} is not a regular file location (under ${real.split('/').slice(0, 2).join('/')})`);
  }
  const info = statSync(real, { throwIfNoEntry: false });
  if (info && !info.isFile()) throw new OutputRefused(`--out ${target} is not a regular file (a folder, FIFO or device): nothing is written there`);
  const dir = dirname(real);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new OutputRefused(`--out ${target}: cannot create its folder: ${(err as Error).message}`);
  }
  const lock = join(dir, `.${basename(real)}.lock`);
  const temp = join(dir, `.${basename(real)}.tmp`);
  acquireLock(lock, target);
  let fd: number;
  try {
    fd = openSync(temp, 'w'); // only the lock holder writes it: a leftover of a killed run is overwritten
  } catch (err) {
    unlinkQuietly(lock);
    throw new OutputRefused(`--out ${target}: cannot write in ${dir}: ${(err as Error).message}`);
  }
  let open = true;
  const finish = (keep: boolean) => {
    if (!open) return;
    open = false;
    try {
      if (keep) fsyncSync(fd);
      closeSync(fd);
      if (keep) {
        renameSync(temp, real);
        syncDir(dir);
      } else unlinkQuietly(temp);
    } finally {
      unlinkQuietly(lock);
    }
  };
  return {
    target,
    write(text) {
      writeSync(fd, text);
      return true;
    },
    commit: () => finish(true),
    discard: () => finish(false),
  };
}

/** Creates the lock file; a lock left by a process that no longer exists (on this host) is taken over. */
function acquireLock(lock: string, target: string): void {
  const me = `${process.pid} ${hostname()}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, me);
      closeSync(fd);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputRefused(`--out ${target}: cannot create the lock ${lock}: ${(err as Error).message}`);
    }
    const [pid, host] = readFileSync(lock, 'utf8').trim().split(' ');
    if (host === hostname() && Number(pid) > 0 && !processAlive(Number(pid))) {
      unlinkQuietly(lock); // stale: its run was killed
      continue;
    }
    throw new OutputRefused(`--out ${target} is being written by another hanlink run (pid ${pid} on ${host}; lock ${lock})`);
  }
  throw new OutputRefused(`--out ${target}: could not take the lock ${lock}`);
}

function unlinkQuietly(path: string): void {
  try {
    if (lstatSync(path, { throwIfNoEntry: false })) unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Makes the rename durable (best effort: not every file system allows syncing a folder). */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not supported here
  }
}

function stdoutWriter(onClosed: () => void): OutputWriter {
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    onClosed();
  };
  // EPIPE arrives as an error event on the stream (and as a thrown error from a synchronous write).
  const onError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') close();
    else throw err;
  };
  process.stdout.on('error', onError);
  const done = () => void process.stdout.off('error', onError);
  return {
    target: STDOUT,
    write(text) {
      if (closed) return false;
      try {
        process.stdout.write(text);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
        close();
      }
      return !closed;
    },
    // After a closed pipe, later EPIPE events still need a listener: keep it then.
    commit: () => closed || done(),
    discard: () => closed || done(),
  };
}
