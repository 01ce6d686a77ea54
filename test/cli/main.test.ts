// The exit status main() returns (bin/hanlink.js exits with it) for commands that report a status
// without throwing: `kb check` and `kb find` set process.exitCode and finish.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../pipeline/cli/main.js';
import { packageRoot } from '../../pipeline/run/package.js';

const hanlink = (...args: string[]) => main(['node', 'hanlink', ...args]);

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

describe('main', () => {
  it('returns the status a finished command set: 1 for kb check on a broken KB, 0 on the shipped one', async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    expect(await hanlink('kb', 'check', `${packageRoot()}/fixtures/links/broken-kb`)).toBe(1);
    expect(out.join('')).toMatch(/\d+ error\(s\)/);
    process.exitCode = undefined;
    expect(await hanlink('kb', 'check')).toBe(0);
  });
  it('returns 1 when kb find matches nothing', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await hanlink('kb', 'find', 'no-such-alias-anywhere-xyz')).toBe(1);
  });
  it('returns 2 for an unusable command line', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await hanlink('kb', 'nonsense')).toBe(2);
  });
});
