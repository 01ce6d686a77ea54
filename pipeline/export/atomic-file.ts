// The files that export, import and collect write go through the run's output writer
// (pipeline/run/output.ts): they appear whole or not at all, "-" is standard output, and a target
// that would lose data is refused (OutputRefused).
import { openOutput } from '../run/output.js';

export async function writeAtomically<T>(file: string, fill: (write: (chunk: string) => void) => T | Promise<T>): Promise<T> {
  const output = openOutput(file);
  try {
    const result = await fill((chunk) => void output.write(chunk));
    output.commit();
    return result;
  } catch (err) {
    output.discard();
    throw err;
  }
}
