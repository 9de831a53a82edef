#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { isAdminError } from '../admin/errors';
import { isChaincodeError, isConfigurationError } from '../errors/guards';
import { newCliContext, type CliContext, type GlobalOptions } from './context';
import { EXIT, exitCodeOf } from './exit-codes';
import { registerConfigCommands } from './commands/config';
import { registerAuditCommands } from './commands/audit';
import { registerEventsCommand } from './commands/events';
import { registerIdentityCommands } from './commands/identity';
import { registerGenericCommands } from './commands/invoke';
import { registerTraceCommand } from './commands/trace';
import { registerTransactionCommands } from './commands/transactions';
import { registerTxCommands } from './commands/tx';

/** What a run of the CLI printed and how it ended (used by tests and by `main`). */
export interface CliRun {
  readonly exitCode: number;
}

/**
 * Runs the `alliance` CLI on an argument vector (without `node` and the script path).
 * Every error ends as one clear message on stderr and an exit code, never a stack trace.
 */
export async function runCli(
  argv: readonly string[],
  io: { stdout?: (s: string) => void; stderr?: (s: string) => void } = {},
): Promise<CliRun> {
  const stderr = io.stderr ?? ((s: string) => process.stderr.write(s));
  let ctx: CliContext | undefined;
  let exitCode: number = EXIT.OK;
  const program = new Command('alliance')
    .description('Safety Alliance Ledger: submit, query and verify as a member of the alliance')
    .option('--profile <file>', 'connection profile (default .alliance/network.json)')
    .option('--as <org/user>', 'acting identity, e.g. supplier/User1')
    .option('--json', 'machine-readable JSON output')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout ?? ((s) => process.stdout.write(s)), writeErr: stderr })
    .showHelpAfterError();
  const context = (): CliContext => (ctx ??= newCliContext(program.opts<GlobalOptions>(), io.stdout));
  const setExit = (code: number): void => {
    exitCode = code;
  };
  registerTransactionCommands(program, context);
  registerTraceCommand(program, context);
  registerTxCommands(program, context, setExit);
  registerEventsCommand(program, context);
  registerAuditCommands(program, context, setExit);
  registerGenericCommands(program, context, setExit);
  registerConfigCommands(program, context);
  registerIdentityCommands(program, context);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return { exitCode: err.exitCode === 0 ? EXIT.OK : EXIT.USAGE };
    exitCode = exitCodeOf(err);
    stderr(`alliance: ${describe(err)}\n`);
  } finally {
    ctx?.close();
  }
  return { exitCode };
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (isChaincodeError(err)) return `refused by the chaincode: ${err.message}`;
  if (isConfigurationError(err) || isAdminError(err)) return `${err.code}: ${err.message}`;
  return err.message;
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((r) => {
    process.exitCode = r.exitCode;
  });
}
