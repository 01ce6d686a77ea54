// One `hanlink process` run for bench/run.ts, in its own process so that its peak memory (worker
// threads included) is its own. Usage:
//   node --import tsx bench/process-once.ts OUT DB WORKERS|default [--warm-up FILE] INPUT...
// prints the run summary as JSON, with the process's CPU time during the run (all threads).
// --warm-up FILE runs FILE first in the same process (in-process, the resources stay loaded), so
// that the measured run's CPU time is the articles' alone.
import { parseArgs } from 'node:util';
import { runProcess } from '../pipeline/cli/process.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'warm-up': { type: 'string' } } });
const [out, db, workers, ...inputs] = positionals;
const run = (files: string[]) =>
  runProcess({ inputs: files, out, db, workers: workers === 'default' ? undefined : Number(workers), force: true, explainRemovals: false, progress: false });
if (values['warm-up']) await run([values['warm-up']]);
const cpu = process.cpuUsage();
const { summary } = await run(inputs);
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ ...summary, cpuMs: (used.user + used.system) / 1000 }) + '\n');
