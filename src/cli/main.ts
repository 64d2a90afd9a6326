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
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    process.stderr.write(`${formatCliError(err)}\n`);
    return 1;
  }
}
