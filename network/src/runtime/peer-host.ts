import { startJoiningPeer } from './joining-peer';

/**
 * Entry point of the background process of an added org's peer (`add-org` on a running
 * network): joins the channel once the org is in its config, then serves until SIGTERM/SIGINT.
 */
function main(argv: string[]): void {
  const stateDir = option(argv, '--state-dir');
  const org = option(argv, '--org');
  if (!stateDir || !org) throw new Error('--state-dir and --org are required');
  const log = (line: string): void => {
    process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  };
  const peer = startJoiningPeer({ stateDir, org, log });
  peer.joined.catch((err: unknown) => {
    log(`peer of ${org} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    log('stopping');
    peer.stop().then(
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

main(process.argv.slice(2));
