import { readFileSync } from 'node:fs';
import { configFromBlock } from '@alliance/network/channel';
import { dial, lenientClient } from '@alliance/network/grpc';
import { createSigner, type Signer } from '@alliance/network/identity';
import type { ConnectionProfile } from '@alliance/network/profile';
import { common, orderer } from '@alliance/network/protos';
import type { ProfileGateway } from '@alliance/network/runtime';

// What the config tests do against a running network: read the config through cscc, sign as an
// org's admin, broadcast to the orderer.

/** The signer of `org/user` from the connection profile's files. */
export function profileSigner(profile: ConnectionProfile, org: string, user = 'Admin'): Signer {
  const entry = profile.orgs[org];
  const identity = entry?.identities[user];
  if (!entry || !identity) throw new Error(`${org}/${user} is not in the profile`);
  return createSigner(
    entry.mspId,
    readFileSync(identity.certFile, 'utf8'),
    readFileSync(identity.keyFile, 'utf8'),
  );
}

/** The peer's last config block through cscc GetConfigBlock, and the config it holds. */
export async function configThrough(
  connection: ProfileGateway,
  channel: string,
): Promise<{ block: common.Block; config: common.Config }> {
  const bytes = await connection.gateway
    .getNetwork(channel)
    .getContract('cscc')
    .evaluateTransaction('GetConfigBlock', channel);
  const block = common.Block.deserializeBinary(bytes);
  return { block, config: configFromBlock(block).config };
}

/** Sends one envelope to the orderer's Broadcast and returns its answer. */
export async function broadcastTo(
  profile: ConnectionProfile,
  envelope: common.Envelope,
): Promise<orderer.BroadcastResponse> {
  // Lenient serializers: the envelope may be built with the gateway client's copy of the protos.
  const client = dial(lenientClient(orderer.AtomicBroadcastClient, orderer.AtomicBroadcastService), {
    address: profile.orderer.endpoint,
    tlsCaPem: readFileSync(profile.orderer.tlsCaFile, 'utf8'),
    tlsHostName: profile.orderer.tlsHostName,
  });
  try {
    return await new Promise<orderer.BroadcastResponse>((resolve, reject) => {
      const stream = client.broadcast();
      stream.on('data', (response: orderer.BroadcastResponse) => {
        resolve(response);
        stream.end();
      });
      stream.on('error', reject);
      stream.write(envelope);
    });
  } finally {
    client.close();
  }
}

/** The application org names of a config. */
export function applicationOrgNames(config: common.Config): string[] {
  const app = config.getChannelGroup()?.getGroupsMap().get('Application');
  return app ? [...app.getGroupsMap().keys()].sort() : [];
}

/** Polls until `check` holds (or throws after `timeoutMs`). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
