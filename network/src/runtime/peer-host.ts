import { logLine, option, stopOnSignal } from './entry-point';
import { startJoiningPeer } from './joining-peer';

/**
 * Entry point of the background process of an added org's peer (`add-org` on a running
 * network): joins the channel once the org is in its config, then serves until SIGTERM/SIGINT.
 */
function main(argv: string[]): void {
  const stateDir = option(argv, '--state-dir');
  const org = option(argv, '--org');
  if (!stateDir || !org) throw new Error('--state-dir and --org are required');
  const peer = startJoiningPeer({ stateDir, org, log: logLine });
  peer.joined.catch((err: unknown) => {
    logLine(`peer of ${org} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  });
  stopOnSignal(() => peer.stop());
}

main(process.argv.slice(2));
