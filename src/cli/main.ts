import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands';
import { formatCliError } from './cli-error';

/** The `autonet` command: only wiring; every command's logic lives in importable modules. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('autonet')
    .description('Autonet: intent-based SRv6 network autonomy controller')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');
  for (const register of COMMANDS) register(program);
  // The simulator is a separate program (src never imports simulators/); bin/autonet dispatches to it.
  program.addHelpText('after', '\nThe simulated network:\n  autonet sim --help');
  const unknown = unknownCommand(program, argv);
  if (unknown !== undefined) {
    process.stderr.write(
      `autonet: error: unknown command '${unknown}' (run autonet --help for the commands)\n`,
    );
    return 1;
  }
  quietOnClosedPipe();
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    process.stderr.write(`${formatCliError(err)}\n`);
    return 1;
  }
}

/**
 * The first word when it names no command. Commander would otherwise answer `autonet nosuch --help` with the
 * general help, as if the command existed.
 */
function unknownCommand(program: Command, argv: readonly string[]): string | undefined {
  const first = argv[0];
  if (first === undefined || first.startsWith('-') || first === 'help' || first === 'sim') return undefined;
  const known = program.commands.some((c) => c.name() === first || c.aliases().includes(first));
  return known ? undefined : first;
}

let pipeGuarded = false;

/** `autonet … | head`: when the reader goes away, stop quietly instead of dying on EPIPE with a stack trace. */
function quietOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
