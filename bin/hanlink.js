#!/usr/bin/env node
// The compiled CLI (built by `npm run build`, which `npm ci` runs through `prepare`).
import { main } from '../dist/pipeline/cli/main.js';

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`hanlink: ${err instanceof Error ? err.message : String(err)}`); process.exitCode = 2; },
);
