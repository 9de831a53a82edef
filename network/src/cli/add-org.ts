import { startAddedOrgPeer } from '../fabric/added-org';
import { JOINER_PID_PREFIX, spawnOrgJoiner } from '../fabric/joiner-process';
import { peerNodeName } from '../fabric/peer-node';
import { runningFabricPids } from '../fabric/stop';
import { addOrg, type AddedOrg } from '../runtime/add-org';
import { networkRunning } from '../runtime/detached';
import { stateLayout } from '../runtime/layout';
import { startPeerProcess } from '../runtime/peer-process';
import { stateDirOf, type CommonOptions } from './context';
import { runtimeInState } from './runtime';

/** Options of `add-org`. */
export interface AddOrgCliOptions extends CommonOptions {
  domain?: string;
  mspId?: string;
  /** Comma-separated ledger org roles. */
  roles?: string;
  peerPort?: string;
}

/**
 * `add-org <name>`: prepares the org (crypto material, channel definition files, definition and
 * profile entries) and, when the network runs in the background, starts its peer, which joins
 * once a config update signed by the channel's admins has added the org. On the real-Fabric
 * runtime the peer is a `peer` process like the others, and a background process joins it and
 * installs and approves the chaincodes for the org once the update has landed.
 */
export async function addOrgCommand(name: string, opts: AddOrgCliOptions): Promise<void> {
  const stateDir = stateDirOf(opts);
  const roles = (opts.roles ?? 'MEMBER')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  const peerPort = opts.peerPort === undefined ? undefined : Number.parseInt(opts.peerPort, 10);
  const fabric = runtimeInState(stateDir) === 'fabric';
  const added = await addOrg({
    stateDir,
    name,
    roles,
    ...(opts.domain ? { domain: opts.domain } : {}),
    ...(opts.mspId ? { mspId: opts.mspId } : {}),
    ...(peerPort !== undefined ? { peerPort } : {}),
  });
  const out = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const dir = stateLayout(stateDir).root;
  out(
    `org ${added.org.name} (${added.org.mspId}) prepared; peer ${added.org.peer.host} on port ${added.definition.anchorPeer.port}`,
  );
  out(`  org group (common.ConfigGroup): ${added.definition.configGroupFile}`);
  out(
    `  org definition (JSON):          ${added.definition.configGroupFile.replace(/org-group\.pb$/, 'org.json')}`,
  );
  out(
    `  connection profile:             ${added.profilePath} (users: ${added.org.users.map((u) => u.name).join(', ')})`,
  );
  if (fabric && runningFabricPids(stateLayout(dir)).length > 0) await startFabricPeer(dir, added, out);
  else if (networkRunning(dir)) {
    const pid = startPeerProcess(dir, added.org.name);
    out(
      `  peer process started (pid ${pid}); it joins once a config update adds ${added.org.name} to the channel`,
    );
  } else {
    out('  the network is not running; the peer starts with the next up and joins once the org is added');
  }
  out(
    `next: alliance config update --add-org ${added.definition.configGroupFile} ..., signed by a majority of admins`,
  );
}

async function startFabricPeer(dir: string, added: AddedOrg, out: (line: string) => void): Promise<void> {
  const state = stateLayout(dir);
  const pid = await startAddedOrgPeer(dir, added.org.name);
  out(`  peer process started (pid ${pid}), healthy; log ${state.logFile(peerNodeName(added.org.name))}`);
  const joiner = spawnOrgJoiner(state, added.org.name);
  out(
    `  joiner started (pid ${joiner}): once a config update adds ${added.org.name}, it joins the peer and installs and approves the chaincode for ${added.org.mspId}; log ${state.logFile(`${JOINER_PID_PREFIX}${added.org.name}`)}`,
  );
}
