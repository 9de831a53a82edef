import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generateCryptoMaterial } from '../crypto';
import { parseNetworkDefinition, type NetworkDefinition, type OrgDefinition } from '../definition';
import { readProfile, writeProfile } from '../profile/file';
import type { ConnectionProfile } from '../profile/types';
import { stateLayout } from './layout';
import { writeOrgDefinitionFiles, type OrgDefinitionFile } from './org-definition-files';
import { listenerPort } from './ports';
import { buildProfile } from './profile-build';

/** What `add-org` needs: the new org's name and, optionally, what the defaults would otherwise pick. */
export interface AddOrgOptions {
  readonly stateDir: string;
  /** Short name, e.g. 'importer' (used in `--as importer/Admin`). */
  readonly name: string;
  /** DNS domain (default `<name>.alliance.test`). */
  readonly domain?: string;
  /** MSP ID (default `<Name>MSP`). */
  readonly mspId?: string;
  /** Ledger org roles, e.g. ['IMPORTER']. */
  readonly roles: string[];
  /** The peer's port on loopback (default: a free one); it is the org's anchor peer port. */
  readonly peerPort?: number;
  /**
   * The host other orgs' peers dial as this org's anchor peer. By default the peer's host name, or
   * 127.0.0.1 on the real-Fabric runtime, whose peers all run on loopback and whose genesis block
   * names the other orgs' anchor peers that way (the peers' TLS certificates name 127.0.0.1 too).
   */
  readonly anchorHost?: string;
  /** Users besides Admin and User1. */
  readonly users?: { name: string; roles: string[] }[];
}

/** The outcome of `add-org`. */
export interface AddedOrg {
  readonly org: OrgDefinition;
  /** The org's channel definition (also in `<stateDir>/orgs/<name>/org.json` and `org-group.pb`). */
  readonly definition: OrgDefinitionFile;
  /** The connection profile, now listing the org. */
  readonly profilePath: string;
}

/** The org cannot be added (bad name, already there, no network). */
export class AddOrgError extends Error {
  override readonly name = 'AddOrgError';
  constructor(
    readonly code: 'NO_NETWORK' | 'ORG_EXISTS' | 'INVALID_ORG',
    message: string,
  ) {
    super(message);
  }
}

function withOrg(def: NetworkDefinition, opts: AddOrgOptions, peerPort: number): NetworkDefinition {
  const raw = {
    name: opts.name,
    ...(opts.domain ? { domain: opts.domain } : {}),
    ...(opts.mspId ? { mspId: opts.mspId } : {}),
    roles: opts.roles,
    peer: { port: peerPort },
    ...(opts.users ? { users: opts.users } : {}),
  };
  try {
    // The whole definition is re-validated: names, MSP IDs, domains and hosts stay unique.
    return parseNetworkDefinition({ ...def, orgs: [...def.orgs, raw] });
  } catch (err) {
    throw new AddOrgError('INVALID_ORG', err instanceof Error ? err.message : String(err));
  }
}

/**
 * Prepares a new member org of a network started from `stateDir`: validates it against the
 * network definition, generates its crypto material with the network's generator (cryptogen
 * layout, NodeOUs), writes its channel definition (`orgs/<name>/org-group.pb` and `org.json`),
 * and adds it to the saved definition and the connection profile, so its users can connect once
 * its peer runs. The channel itself changes only through a signed config update.
 */
export async function addOrg(opts: AddOrgOptions): Promise<AddedOrg> {
  const layout = stateLayout(opts.stateDir);
  if (!existsSync(layout.definition) || !existsSync(layout.profile))
    throw new AddOrgError(
      'NO_NETWORK',
      `no network in ${opts.stateDir}; start it first (scripts/network.sh up)`,
    );
  const def = JSON.parse(readFileSync(layout.definition, 'utf8')) as NetworkDefinition;
  const profile = readProfile(layout.profile);
  if (def.orgs.some((o) => o.name === opts.name))
    throw new AddOrgError('ORG_EXISTS', `org ${opts.name} is already in the network definition`);
  const peerPort = opts.peerPort ?? (await listenerPort());
  const next = withOrg(def, opts, peerPort);
  const org = next.orgs[next.orgs.length - 1] as OrgDefinition;
  const crypto = await generateCryptoMaterial(next, layout.root);
  const material = crypto.orgs[org.name];
  if (!material) throw new Error(`no crypto material generated for ${org.name}`);
  const anchorHost = opts.anchorHost ?? (profile.runtime === 'fabric' ? '127.0.0.1' : org.peer.host);
  const definition = writeOrgDefinitionFiles(layout.root, org, material, peerPort, anchorHost);
  writeFileSync(layout.definition, JSON.stringify(next, null, 2));
  const entry = buildProfile({ ...next, orgs: [org] }, crypto, {
    orderer: 0,
    peers: { [org.name]: peerPort },
  }).orgs[org.name];
  if (!entry) throw new Error(`no profile entry built for ${org.name}`);
  const updated: ConnectionProfile = { ...profile, orgs: { ...profile.orgs, [org.name]: entry } };
  writeProfile(layout.profile, updated);
  return { org, definition, profilePath: layout.profile };
}
