/**
 * The command line: picks the subcommand, runs it, and maps failures to exit
 * statuses (0 good, 1 input has errors, 2 usage error, 3 internal failure).
 */

import { LockLostError, LockTimeoutError, OutputRefusedError } from '../adapters/output-errors.js';
import { MissingFolderError } from '../adapters/read-services.js';
import { commands } from './commands/index.js';
import { commandHelp } from './help.js';
import { type Io, UsageError } from './io.js';
import { PACKAGE_VERSION } from './package-facts.js';

async function help(): Promise<string> {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const loaded = await Promise.all(Object.entries(commands).map(async ([name, load]) => [name, await load()] as const));
  const lines = loaded.map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: user-services <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "user-services <command> --help" for the options of a command.',
    'Exit status: 0 all good, 1 the input has errors, 2 usage error, 3 internal failure.',
    '',
  ].join('\n');
}

/** What to do when the services folder does not exist: every command that reads one takes `--services`. */
const MISSING_FOLDER_ADVICE =
  '; create it, name another with --services DIR, or run "user-services init" to start a catalog repository';

export async function main(argv: readonly string[], io: Io): Promise<number> {
  // `help build`, `--help build` and `-h build` are `build --help`.
  const asksHelp = argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h';
  const [name, ...args] = asksHelp && argv[1] !== undefined ? [argv[1], '--help'] : argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(await help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${PACKAGE_VERSION}\n`);
    return 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (load === undefined) {
    io.stderr.write(`user-services: unknown command "${name}"\n\n${await help()}`);
    return 2;
  }
  const command = await load();
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(commandHelp(command));
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof MissingFolderError) {
      const advice = e instanceof MissingFolderError && e.reason === 'not found' ? MISSING_FOLDER_ADVICE : '';
      io.stderr.write(`user-services ${name}: ${e.message}${advice}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (e instanceof OutputRefusedError) {
      // An output that is not the tool's to write: a mistake in the command line, refused before any change.
      io.stderr.write(`user-services ${name}: error ${e.code}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof LockTimeoutError || e instanceof LockLostError) {
      io.stderr.write(`user-services ${name}: ${e.message}\n`);
      return 3;
    }
    const detail = io.env.USER_SERVICES_DEBUG ? `\n${(e as Error).stack}` : '';
    io.stderr.write(`user-services ${name}: internal error: ${(e as Error).message}${detail}\n`);
    return 3;
  }
}
