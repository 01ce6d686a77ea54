import { main } from '../pipeline/cli/main.js';
process.exitCode = await main(['node', 'hanlink', ...process.argv.slice(2)]);
