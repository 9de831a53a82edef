import { discovery, gossip } from '@hyperledger/fabric-protos';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { credentials } from '@grpc/grpc-js';
import { CHANNEL_OPTIONS } from '../grpc/options';
import { createSigner } from '../identity';
import type { ConnectionProfile } from '../profile/types';
import { adminFiles } from './admin';

/** Discovery did not list every org's peer with the chaincode in time. */
export class DiscoveryTimeoutError extends Error {
  readonly code = 'DISCOVERY_TIMEOUT';
  constructor(message: string) {
    super(message);
    this.name = 'DiscoveryTimeoutError';
  }
}

/**
 * The chaincodes each org's peers advertise, as one peer's discovery sees them. Gossip carries
 * a chaincode's definition sequence (as decimal text) in its `version` field, not the version label.
 */
export type AdvertisedChaincodes = Record<string, { name: string; version: string }[]>;

/**
 * Asks one org's peer, as that org's Admin, for the channel's peer membership (discovery's
 * PeerMembershipQuery) and returns, by MSP ID, the chaincodes each peer advertises through gossip.
 */
export async function discoverPeers(
  profile: ConnectionProfile,
  orgName: string,
): Promise<AdvertisedChaincodes> {
  const org = profile.orgs[orgName];
  const admin = org?.identities.Admin;
  if (!org || !admin) throw new Error(`org ${orgName} has no Admin in the connection profile`);
  const signer = createSigner(
    org.mspId,
    readFileSync(admin.certFile, 'utf8'),
    readFileSync(admin.keyFile, 'utf8'),
  );
  // A peer with TLS serves discovery only to a client that shows a TLS certificate and names
  // its hash in the request: the Admin's TLS client pair.
  const tls = adminFiles(admin.certFile);
  const tlsCertPem = readFileSync(tls.tlsCertFile);
  const auth = new discovery.AuthInfo();
  auth.setClientIdentity(signer.serialized);
  auth.setClientTlsCertHash(createHash('sha256').update(new X509Certificate(tlsCertPem).raw).digest());
  const query = new discovery.Query();
  query.setChannel(profile.channel);
  query.setPeerQuery(new discovery.PeerMembershipQuery());
  const request = new discovery.Request();
  request.setAuthentication(auth);
  request.setQueriesList([query]);
  const payload = request.serializeBinary();
  const signed = new discovery.SignedRequest();
  signed.setPayload(payload);
  signed.setSignature(signer.sign(payload));
  const client = new discovery.DiscoveryClient(
    org.peer.endpoint,
    credentials.createSsl(readFileSync(org.peer.tlsCaFile), readFileSync(tls.tlsKeyFile), tlsCertPem),
    { ...CHANNEL_OPTIONS, 'grpc.ssl_target_name_override': org.peer.tlsHostName },
  );
  try {
    const response = await new Promise<discovery.Response>((resolve, reject) => {
      client.discover(signed, { deadline: Date.now() + 5000 }, (err, res) => {
        if (err) reject(err);
        else resolve(res ?? new discovery.Response());
      });
    });
    const result = response.getResultsList()[0];
    const failure = result?.getError()?.getContent();
    if (failure) throw new Error(`discovery: ${failure}`);
    const advertised: AdvertisedChaincodes = {};
    result
      ?.getMembers()
      ?.getPeersByOrgMap()
      .forEach((peers, mspId) => {
        advertised[mspId] = peers.getPeersList().flatMap(chaincodesOf);
      });
    return advertised;
  } finally {
    client.close();
  }
}

/**
 * Waits until discovery, asked through every org's peer, lists every org's peer with the
 * chaincode at definition `sequence`: only then can the peers' Gateway services find endorsers.
 */
export async function waitForDiscovery(
  profile: ConnectionProfile,
  chaincode: { name: string; sequence: number },
  timeoutMs = 90_000,
): Promise<void> {
  const mspIds = Object.values(profile.orgs).map((o) => o.mspId);
  const deadline = Date.now() + timeoutMs;
  let missing: string[] = [];
  for (;;) {
    missing = [];
    for (const orgName of Object.keys(profile.orgs)) {
      const seen = await discoverPeers(profile, orgName).catch((): AdvertisedChaincodes => ({}));
      const lacking = mspIds.filter(
        (id) =>
          !(seen[id] ?? []).some(
            (c) => c.name === chaincode.name && c.version === String(chaincode.sequence),
          ),
      );
      if (lacking.length > 0) missing.push(`${orgName} sees no ${lacking.join(', ')}`);
    }
    if (missing.length === 0) return;
    if (Date.now() > deadline)
      throw new DiscoveryTimeoutError(
        `discovery did not list every peer with ${chaincode.name} (sequence ${chaincode.sequence}) within ${timeoutMs / 1000} s: ${missing.join('; ')}`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The chaincodes a discovered peer advertises in its gossip state info. */
function chaincodesOf(found: discovery.Peer): { name: string; version: string }[] {
  const envelope = found.getStateInfo();
  if (!envelope) return [];
  const message = gossip.GossipMessage.deserializeBinary(envelope.getPayload_asU8());
  const chaincodes = message.getStateInfo()?.getProperties()?.getChaincodesList() ?? [];
  return chaincodes.map((c) => ({ name: c.getName(), version: c.getVersion() }));
}
