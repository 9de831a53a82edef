import { readFileSync } from 'node:fs';
import type { NetworkDefinition } from '../definition';
import { stateLayout } from './layout';
import { logLine, option, stopOnSignal } from './entry-point';
import { startEmbeddedNetwork } from './network';

/**
 * Entry point of the background network process: starts every node in this process from the
 * definition saved in the state directory, and stops cleanly on SIGTERM/SIGINT.
 */
async function main(argv: string[]): Promise<void> {
  const stateDir = option(argv, '--state-dir');
  if (!stateDir) throw new Error('--state-dir is required');
  const chaincodeDir = option(argv, '--chaincode-dir');
  const layout = stateLayout(stateDir);
  const definition = JSON.parse(readFileSync(layout.definition, 'utf8')) as NetworkDefinition;

  const started = Date.now();
  const network = await startEmbeddedNetwork({
    definition,
    stateDir,
    ...(chaincodeDir ? { chaincodeDir } : {}),
    log: logLine,
  });
  logLine(`network ready in ${Date.now() - started} ms; profile ${network.profilePath}`);
  stopOnSignal(() => network.stop());
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
