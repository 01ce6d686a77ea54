// Output files appear whole or not at all: written to a temporary file beside, then renamed over.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export async function writeAtomically<T>(file: string, fill: (write: (chunk: string) => void) => T | Promise<T>): Promise<T> {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    const result = await fill((chunk) => writeSync(fd, chunk));
    closeSync(fd);
    renameSync(tmp, file);
    return result;
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
}
