import { stateLayout } from '../runtime/layout';
import { livePid } from '../runtime/processes';
import { HOST_PID } from '../runtime/detached';
import { waitingOrgs } from '../fabric/joiner-process';
import { runningFabricPids } from '../fabric/stop';
import { readProfile } from '../profile/file';
import type { ConnectionProfile } from '../profile/types';
import { connectProfileGateway } from '../runtime/client';
import { queryDefinition } from '../runtime/lifecycle-client';
import { stateDirOf, type CommonOptions } from './context';

/** `status`: whether the network runs, its endpoints and the chaincode definition in force. */
export async function status(opts: CommonOptions): Promise<void> {
  const stateDir = stateDirOf(opts);
  const layout = stateLayout(stateDir);
  const pid = livePid(layout.pidFile(HOST_PID));
  let profile: ConnectionProfile;
  try {
    profile = readProfile(layout.profile);
  } catch {
    process.stdout.write(`no network in ${stateDir} (no connection profile)\n`);
    process.exitCode = 1;
    return;
  }
  if (profile.runtime === 'fabric') {
    const pids = runningFabricPids(layout);
    process.stdout.write(
      `runtime: fabric; peer and orderer processes running: ${pids.length} of ${Object.keys(profile.orgs).length + 1}${pids.length ? ` (pids ${pids.join(', ')})` : ''}\n`,
    );
    for (const org of waitingOrgs(layout))
      process.stdout.write(`org ${org}: its peer waits for the config update that adds it to the channel\n`);
  } else
    process.stdout.write(
      pid === undefined
        ? 'background network process: not running\n'
        : `background network process: pid ${pid}\n`,
    );
  await printStatus(stateDir, profile);
}

/**
 * Prints endpoints and asks a peer for the chaincode definition (proves the network answers);
 * sets exit code 1 when no peer answers.
 */
export async function printStatus(stateDir: string, profile: ConnectionProfile): Promise<void> {
  const lines = [
    `state directory: ${stateDir}`,
    `channel: ${profile.channel}`,
    `orderer: ${profile.orderer.endpoint} (${profile.orderer.mspId})`,
  ];
  for (const [name, org] of Object.entries(profile.orgs))
    lines.push(
      `peer ${name}: ${org.peer.endpoint} (${org.mspId}; users ${Object.keys(org.identities).join(', ')})`,
    );
  const first = Object.keys(profile.orgs)[0];
  if (first) {
    try {
      const connection = connectProfileGateway(profile, first, 'Admin');
      try {
        const definition = await queryDefinition(connection.gateway, profile.channel, profile.chaincode);
        lines.push(
          definition
            ? `chaincode ${profile.chaincode}: version ${definition.version}, sequence ${definition.sequence}`
            : `chaincode ${profile.chaincode}: not defined`,
        );
      } finally {
        connection.close();
      }
    } catch (err) {
      lines.push(`peers not answering: ${err instanceof Error ? err.message : String(err)}`);
      // Scripts (npm start) read a non-zero status as "no callable network here".
      process.exitCode = 1;
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
