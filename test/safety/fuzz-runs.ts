// How many cases a property test tries: few by default so that `npm test` stays fast; a long fuzz
// run sets HANLINK_FUZZ_RUNS (e.g. HANLINK_FUZZ_RUNS=2000 npx vitest run test/safety).
export function fuzzRuns(defaultRuns: number): number {
  const n = Number(process.env.HANLINK_FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : defaultRuns;
}

/** A long fuzz run also needs a longer test timeout. */
export function fuzzTimeout(defaultMs: number): number {
  return process.env.HANLINK_FUZZ_RUNS ? 24 * 3600 * 1000 : defaultMs;
}
