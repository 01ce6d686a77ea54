import { configDefaults, defineConfig } from 'vitest/config';

/** The slow end-to-end files: whole runs, child processes, Redis, npm pack. `npm run test:unit` leaves them out. */
const END_TO_END = [
  'test/api/**',
  'test/queue/**',
  'test/cli/bin.test.ts',
  'test/cli/process.test.ts',
  'test/cli/eval-fit.test.ts',
  'test/eval/regression.test.ts',
  'test/export/process-out.test.ts',
  'test/run/runner.test.ts',
];

export default defineConfig(({ mode }) => ({
  test: {
    include: ['pipeline/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: mode === 'unit' ? [...configDefaults.exclude, ...END_TO_END] : configDefaults.exclude,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // 2-core machines: forks keep native modules (better-sqlite3, onnxruntime) isolated per file.
    pool: 'forks',
  },
}));
