import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['pipeline/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // 2-core machines: forks keep native modules (better-sqlite3, onnxruntime) isolated per file.
    pool: 'forks',
  },
});
