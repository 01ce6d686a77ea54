// One `hanlink process` run for bench/run.ts, in its own process so that its peak memory (worker
// threads included) is its own. Usage:
//   node --import tsx bench/process-once.ts OUT DB WORKERS|default [--dist] [--warm-up FILE] INPUT...
// prints the run summary as JSON, with the process's CPU time during the run (all threads) and
// `beforeRunMs`, the time from the process's start to the run's (boot, tsx, module loading).
// --dist runs the compiled dist/ (what bin/hanlink.js runs) instead of the TypeScript sources.
// --warm-up FILE runs FILE first in the same process (in-process, the resources stay loaded), so
// that the measured run's CPU time is the articles' alone.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { packageRoot } from '../pipeline/run/package.js';

type ProcessModule = typeof import('../pipeline/cli/process.js');

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'warm-up': { type: 'string' }, dist: { type: 'boolean', default: false } } });
const [out, db, workers, ...inputs] = positionals;
const code = values.dist ? pathToFileURL(join(packageRoot(), 'dist', 'pipeline', 'cli', 'process.js')).href : '../pipeline/cli/process.js';
const { runProcess } = (await import(code)) as ProcessModule;
const run = (files: string[]) =>
  runProcess({ inputs: files, out, db, workers: workers === 'default' ? undefined : Number(workers), force: true, explainRemovals: false, progress: false });
if (values['warm-up']) await run([values['warm-up']]);
const beforeRunMs = performance.now();
const cpu = process.cpuUsage();
const { summary } = await run(inputs);
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ ...summary, cpuMs: (used.user + used.system) / 1000, beforeRunMs }) + '\n');
