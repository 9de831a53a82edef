import { readFileSync } from 'node:fs';
import type { NetworkDefinition } from '../definition';
import { stateLayout } from './layout';
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
  const log = (line: string): void => {
    process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  };
  const started = Date.now();
  const network = await startEmbeddedNetwork({
    definition,
    stateDir,
    ...(chaincodeDir ? { chaincodeDir } : {}),
    log,
  });
  log(`network ready in ${Date.now() - started} ms; profile ${network.profilePath}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    log('stopping');
    network.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log(`stop failed: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
