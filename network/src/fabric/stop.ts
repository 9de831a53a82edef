import { stateLayout, type StateLayout } from '../runtime/layout';
import { stopOwnedProcesses } from '../runtime/owned';
import { livePid, pidFilesWithPrefix, stopPidFile } from '../runtime/processes';
import { stopOrgJoiners } from './joiner-process';
import { FABRIC_PID_PREFIX } from './nodes';

/** Pids of the Fabric nodes started from this state directory that still run. */
export function runningFabricPids(state: StateLayout): number[] {
  return fabricPidFiles(state)
    .map((file) => livePid(file))
    .filter((pid): pid is number => pid !== undefined);
}

/**
 * Stops what the real-Fabric runtime started from `stateDir`, by its pid files only: the
 * processes still waiting to join added orgs, the chaincode servers, the peers, then the
 * orderer. True if something was running.
 */
export async function stopFabricNetwork(stateDir: string): Promise<boolean> {
  const state = stateLayout(stateDir);
  const joiners = await stopOrgJoiners(state);
  const servers = await stopOwnedProcesses(state);
  const files = fabricPidFiles(state);
  const peers = files.filter((f) => !f.endsWith(`${FABRIC_PID_PREFIX}orderer.pid`));
  const orderer = files.filter((f) => f.endsWith(`${FABRIC_PID_PREFIX}orderer.pid`));
  const stoppedPeers = await Promise.all(peers.map((f) => stopPidFile(f, 10_000)));
  const stoppedOrderer = await Promise.all(orderer.map((f) => stopPidFile(f, 10_000)));
  return joiners || servers || [...stoppedPeers, ...stoppedOrderer].some(Boolean);
}

function fabricPidFiles(state: StateLayout): string[] {
  return pidFilesWithPrefix(state, FABRIC_PID_PREFIX);
}
