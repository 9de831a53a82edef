import type { CryptoMaterial } from '../crypto';
import type { NetworkDefinition } from '../definition';
import type { ConnectionProfile, ProfileOrg } from '../profile/types';

/** The ports the nodes listen on (after free ports were picked). */
export interface NodePorts {
  readonly orderer: number;
  /** By org name. */
  readonly peers: Readonly<Record<string, number>>;
}

/** Builds the connection profile of a running embedded network. */
export function buildProfile(
  def: NetworkDefinition,
  crypto: CryptoMaterial,
  ports: NodePorts,
): ConnectionProfile {
  const orgs: Record<string, ProfileOrg> = {};
  for (const org of def.orgs) {
    const material = crypto.orgs[org.name];
    if (!material) throw new Error(`no crypto material for org ${org.name}`);
    orgs[org.name] = {
      mspId: org.mspId,
      roles: [...org.roles],
      peer: {
        endpoint: `127.0.0.1:${ports.peers[org.name] ?? 0}`,
        tlsCaFile: material.tlsCaFile,
        tlsHostName: org.peer.host,
      },
      identities: Object.fromEntries(
        Object.entries(material.users).map(([name, user]) => [
          name,
          { certFile: user.certFile, keyFile: user.keyFile, roles: [...user.roles] },
        ]),
      ),
    };
  }
  return {
    runtime: 'embedded',
    channel: def.channel,
    chaincode: def.chaincode.name,
    orderer: {
      mspId: def.orderer.mspId,
      endpoint: `127.0.0.1:${ports.orderer}`,
      tlsCaFile: crypto.orderer.tlsCaFile,
      tlsHostName: def.orderer.host,
    },
    orgs,
  };
}
