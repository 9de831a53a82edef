// A sixth org joins a running alliance the way consortium operators do it: its material from
// add-org, a config update signed by a majority of admins through the library, its peer joining
// from block 0 (on real Fabric, the org also installs and approves the chaincode in force).
import { addOrg } from '@alliance/network/runtime';
import { connectAllianceClient, type AllianceClient } from '@alliance/gateway';
import {
  computeConfigUpdate,
  fetchChannelConfig,
  newUpdateEnvelope,
  readOrgFile,
  signUpdate,
  submitConfigUpdate,
  withOrgAdded,
  type AppliedUpdate,
} from '@alliance/gateway/admin';
import { loadProfileIdentity } from '@alliance/gateway/connect/identity';
import { loadProfile } from '@alliance/gateway/connect/profile';
import { startAddedOrgPeerOn, type AddedOrgPeer } from '../../network/support/runtime';
import type { BootstrappedAlliance } from './alliance';

/** The org added, the config update that added it, and its peer (stopped by the caller). */
export interface AddedImporter {
  readonly applied: AppliedUpdate;
  readonly peer: AddedOrgPeer;
}

/**
 * Adds the org `importer` (ImporterMSP, role IMPORTER) to the channel: the update is signed by
 * brand's and supplier's admins and submitted (and so signed) by platform's, three of five, which
 * MAJORITY Admins needs; resolves once the org's peer has joined.
 * @param onPeer - receives the peer as soon as it starts, so that a failed join still stops it
 */
export async function addImporter(
  a: BootstrappedAlliance,
  onPeer: (peer: AddedOrgPeer) => void,
): Promise<AddedImporter> {
  const added = await addOrg({ stateDir: a.net.stateDir, name: 'importer', roles: ['IMPORTER'] });
  const peer = startAddedOrgPeerOn(a.net, 'importer');
  onPeer(peer);
  const platformAdmin = a.as('platform/Admin').connection;
  const { config } = await fetchChannelConfig(platformAdmin);
  const update = computeConfigUpdate(
    config,
    withOrgAdded(config, readOrgFile(added.definition.configGroupFile)),
    platformAdmin.channel,
  );
  const profile = loadProfile(a.profilePath);
  const signed = ['brand/Admin', 'supplier/Admin'].reduce(
    (envelope, admin) => signUpdate(envelope, loadProfileIdentity(profile, admin)),
    newUpdateEnvelope(update),
  );
  const applied = await submitConfigUpdate(platformAdmin, signed);
  await peer.joined;
  return { applied, peer };
}

/**
 * The channel admits the org; the alliance's registry decides what it may do on the ledger: the
 * platform registers it as an IMPORTER member. Returns the client of `importer/User1` (closed by the caller).
 */
export async function admitImporter(a: BootstrappedAlliance): Promise<AllianceClient> {
  await a.as('platform/Admin').members.addMember({
    mspId: 'ImporterMSP',
    name: 'importer',
    roles: ['IMPORTER'],
    reason: 'licensed importer joins',
  });
  await a.settle();
  return connectAllianceClient({ profile: a.profilePath, identity: 'importer/User1' });
}
