// The files that export, import, collect and the review write go through the run's output writer
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

/** `content` as the whole of `file`, through the same writer. */
export function writeFileAtomically(file: string, content: string): void {
  const output = openOutput(file);
  try {
    output.write(content);
    output.commit();
  } catch (err) {
    output.discard();
    throw err;
  }
}
