import { addOrg } from '../runtime/add-org';
import { networkRunning } from '../runtime/detached';
import { stateLayout } from '../runtime/layout';
import { startPeerProcess } from '../runtime/peer-process';
import { stateDirOf, type CommonOptions } from './context';

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
 * once a config update signed by the channel's admins has added the org.
 */
export async function addOrgCommand(name: string, opts: AddOrgCliOptions): Promise<void> {
  const stateDir = stateDirOf(opts);
  const roles = (opts.roles ?? 'MEMBER')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  const peerPort = opts.peerPort === undefined ? undefined : Number.parseInt(opts.peerPort, 10);
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
  if (networkRunning(dir)) {
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
