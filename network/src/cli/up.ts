import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProfile } from '../profile/file';
import { startFabricNetwork } from '../fabric/network';
import { runningFabricPids } from '../fabric/stop';
import { NetworkRunningError } from '../runtime/detached';
import { stateLayout } from '../runtime/layout';
import { startEmbeddedNetwork, type RunningNetwork, type StartOptions } from '../runtime/network';
import { chaincodePathOf, definitionOf, stateDirOf, type CommonOptions } from './context';
import { runtimeOf } from './runtime';
import { printStatus } from './status';

/** Options of `up`. */
export interface UpOptions extends CommonOptions {
  detached?: boolean;
  /** embedded (default, or ALLIANCE_RUNTIME) or fabric (real peer and orderer binaries). */
  runtime?: string;
  /** false (--no-chaincode): start without serving and defining the chaincode. */
  chaincode?: boolean | string;
}

/** `up`: starts the network (in the foreground until Ctrl-C, or detached) and prints its status. */
export async function up(opts: UpOptions): Promise<void> {
  const definition = definitionOf(opts);
  const stateDir = stateDirOf(opts);
  const chaincodeDir =
    opts.chaincode === false
      ? undefined
      : typeof opts.chaincode === 'string'
        ? opts.chaincode
        : chaincodePathOf(definition);
  if (chaincodeDir) requireBuilt(chaincodeDir);
  const runtime = runtimeOf(opts.runtime);
  const fabricPid = runningFabricPids(stateLayout(stateDir))[0];
  if (runtime === 'embedded' && fabricPid !== undefined) throw new NetworkRunningError(fabricPid, stateDir);
  const started = Date.now();
  const start: StartOptions = {
    definition,
    stateDir,
    detached: opts.detached === true,
    ...(chaincodeDir ? { chaincodeDir } : {}),
    log: (line) => {
      process.stderr.write(`${line}\n`);
    },
  };
  // The real-Fabric nodes always run in the background; without --detached, Ctrl-C stops them.
  const network: RunningNetwork =
    runtime === 'fabric' ? await startFabricNetwork(start) : await startEmbeddedNetwork(start);
  process.stdout.write(
    `${runtime} network ready in ${Date.now() - started} ms; connection profile ${network.profilePath}\n`,
  );
  await printStatus(stateDir, readProfile(network.profilePath));
  if (opts.detached) return;
  process.stdout.write('running in the foreground; press Ctrl-C to stop\n');
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      network.stop().then(resolve, resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** The chaincode's `main` must exist (it is compiled TypeScript in this repository). */
function requireBuilt(dir: string): void {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) throw new Error(`${dir} is not a Node chaincode directory (no package.json)`);
  const main = (JSON.parse(readFileSync(manifest, 'utf8')) as { main?: string }).main;
  if (main && !existsSync(join(dir, main)))
    throw new Error(`${join(dir, main)} is missing; build the chaincode first (npm run build)`);
}
