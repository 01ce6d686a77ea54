// One `hanlink process` run for bench/run.ts, in its own process so that its peak memory is its own.
// Usage: node --import tsx bench/process-once.ts INPUT OUT DB WORKERS; prints the run summary as JSON.
import { runProcess } from '../pipeline/cli/process.js';

const [input, out, db, workers] = process.argv.slice(2);
const { summary } = await runProcess({ inputs: [input], out, db, workers: Number(workers), force: true, explainRemovals: false, progress: false });
process.stdout.write(JSON.stringify(summary) + '\n');
