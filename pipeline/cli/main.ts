// The `hanlink` command line: one module per command, each exporting `register(program)`.
//
// Exit status: a command that ends normally exits with process.exitCode, 0 unless it set one (a
// check that reports problems and finishes: `kb check`). A command that stops signals its status by
// throwing a CommanderError(exitCode, 'hanlink.<reason>', message) after printing what it has to
// say, or by calling `command.error(message, { exitCode, code })`, which prints and throws one
// (exitOverride). Commander's own usage errors (unknown option, missing argument, bad value) become 2.
import { Command, CommanderError } from 'commander';
import { packageVersion } from '../run/package.js';
import * as diffCommand from './diff.js';
import * as evalCommand from './eval.js';
import * as exportCommands from './export.js';
import * as fitCommand from './fit.js';
import * as kbCommand from './kb.js';
import * as processCommand from './process.js';
import * as queueCommands from './queue.js';
import * as reportCommand from './report.js';
import * as reviewCommand from './review.js';
import * as runsCommand from './runs.js';
import * as tokenizeCommand from './tokenize.js';

const COMMANDS: { register(program: Command): void }[] = [processCommand, tokenizeCommand, evalCommand, diffCommand, kbCommand, runsCommand, reviewCommand, reportCommand, queueCommands, exportCommands, fitCommand];

/** Exit status for unusable arguments. */
const USAGE = 2;

function buildProgram(): Command {
  const program = new Command('hanlink')
    .description('Korean news articles to structured, linked facts (JSON Lines)')
    .version(packageVersion())
    .exitOverride() // inherited by the subcommands registered below
    .showHelpAfterError('(run with --help for usage)');
  for (const command of COMMANDS) command.register(program);
  return program;
}

/** Runs the CLI on `argv` (as process.argv: node, script, then arguments); resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    if (err.code.startsWith('hanlink.')) return err.exitCode;
    // --help and --version exit 0; every other commander error is an unusable command line.
    return err.exitCode === 0 ? 0 : USAGE;
  }
}
