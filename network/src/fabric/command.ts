import { execFile } from 'node:child_process';

/** A Fabric command (configtxgen, osnadmin, peer CLI) failed. */
export class FabricCommandError extends Error {
  readonly code = 'FABRIC_COMMAND_FAILED';
  constructor(
    readonly command: string,
    readonly output: string,
  ) {
    super(`${command} failed:\n${output.trim().split('\n').slice(-12).join('\n')}`);
    this.name = 'FabricCommandError';
  }
}

/** What a command printed. */
export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a Fabric program to completion with extra environment variables; throws
 * FabricCommandError with the end of its output when it exits non-zero.
 */
export function runFabric(
  program: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  timeoutMs = 120_000,
): Promise<CommandOutput> {
  const name = `${program.split('/').pop() ?? program} ${args.slice(0, 3).join(' ')}`;
  return new Promise((resolve, reject) => {
    execFile(
      program,
      [...args],
      { env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new FabricCommandError(name, `${stderr}\n${stdout}\n${err.message}`));
        else resolve({ stdout, stderr });
      },
    );
  });
}
