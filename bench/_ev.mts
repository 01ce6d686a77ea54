import { run } from '../pipeline/eval/links.js';
process.exitCode = await run(process.argv.slice(2));
