import { logLine, option } from '../runtime/entry-point';
import { joinAddedOrg } from './added-org';

/**
 * Entry point of the background process `add-org` starts on the real-Fabric runtime: waits for
 * the config update that adds the org, joins its peer, installs and approves the chaincodes in
 * force, then exits (0 once the peer endorses). `down` stops it while it waits.
 */
function main(argv: string[]): void {
  const stateDir = option(argv, '--state-dir');
  const org = option(argv, '--org');
  if (!stateDir || !org) throw new Error('--state-dir and --org are required');
  const aborted = new AbortController();
  const stop = (): void => {
    logLine('stopping');
    aborted.abort();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  joinAddedOrg({ stateDir, org, signal: aborted.signal, log: logLine }).then(
    () => process.exit(0),
    (err: unknown) => {
      logLine(`peer of ${org} did not join: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}

main(process.argv.slice(2));
