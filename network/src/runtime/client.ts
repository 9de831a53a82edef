import { readFileSync } from 'node:fs';
import { credentials, Client } from '@grpc/grpc-js';
import { connect, hash, type Gateway } from '@hyperledger/fabric-gateway';
import { CHANNEL_OPTIONS } from '../grpc/options';
import { createSigner } from '../identity';
import type { ConnectionProfile } from '../profile/types';

/** A gateway connection and the gRPC client under it; close both when done. */
export interface ProfileGateway {
  readonly gateway: Gateway;
  close(): void;
}

/**
 * Connects the unmodified fabric-gateway client to an org's peer from the profile, as `user`.
 * Signing uses node:crypto (low-S) through the client's custom-signer hook with `hash.none`,
 * so the signer sees the whole message and hashes it itself: ~10x faster than the default.
 */
export function connectProfileGateway(
  profile: ConnectionProfile,
  orgName: string,
  user: string,
): ProfileGateway {
  const org = profile.orgs[orgName];
  if (!org) throw new Error(`org ${orgName} is not in the connection profile`);
  const identity = org.identities[user];
  if (!identity) throw new Error(`user ${user} of org ${orgName} is not in the connection profile`);
  const certPem = readFileSync(identity.certFile, 'utf8');
  const signer = createSigner(org.mspId, certPem, readFileSync(identity.keyFile, 'utf8'));
  const client = new Client(org.peer.endpoint, credentials.createSsl(readFileSync(org.peer.tlsCaFile)), {
    ...CHANNEL_OPTIONS,
    'grpc.ssl_target_name_override': org.peer.tlsHostName,
  });
  const gateway = connect({
    client,
    identity: { mspId: org.mspId, credentials: Buffer.from(certPem) },
    signer: (message) => Promise.resolve(signer.sign(message)),
    hash: hash.none,
  });
  return {
    gateway,
    close: () => {
      gateway.close();
      client.close();
    },
  };
}
