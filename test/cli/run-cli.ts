// Runs the CLI in this process (pipeline/cli/main.ts), capturing what it prints.
import { vi } from 'vitest';
import { main } from '../../pipeline/cli/main.js';

/** Runs the CLI, capturing what it prints. */
export async function hanlink(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  vi.spyOn(console, 'log').mockImplementation((s: unknown) => void (out += `${String(s)}\n`));
  vi.spyOn(console, 'error').mockImplementation((s: unknown) => void (err += `${String(s)}\n`));
  try {
    return { code: await main(['node', 'hanlink', ...args]), out, err };
  } finally {
    vi.restoreAllMocks();
  }
}
