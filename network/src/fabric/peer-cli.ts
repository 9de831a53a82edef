import type { ConnectionProfile } from '../profile/types';
import { adminFiles } from './admin';
import type { FabricBinaries } from './binaries';
import { runFabric, type CommandOutput } from './command';
import type { FabricLayout } from './layout';

/** Runs the peer CLI as one org's Admin against that org's peer. */
export interface PeerCli {
  readonly orgName: string;
  readonly mspId: string;
  /** host:port of the org's peer. */
  readonly peerAddress: string;
  readonly peerTlsCaFile: string;
  run(args: readonly string[]): Promise<CommandOutput>;
  /** The arguments that reach the orderer over TLS (approve, commit). */
  ordererArgs(): string[];
}

/**
 * The peer CLI for `orgName`: its peer's config folder as FABRIC_CFG_PATH (the CLI needs a
 * core.yaml even for local work), the Admin's MSP folder, TLS to the peer.
 */
export function peerCli(
  bins: FabricBinaries,
  layout: FabricLayout,
  profile: ConnectionProfile,
  orgName: string,
  peerHost: string,
): PeerCli {
  const org = profile.orgs[orgName];
  const admin = org?.identities.Admin;
  if (!org || !admin) throw new Error(`org ${orgName} has no Admin in the connection profile`);
  const env = {
    FABRIC_CFG_PATH: layout.configDir(peerHost),
    FABRIC_LOGGING_SPEC: 'warning',
    CORE_PEER_LOCALMSPID: org.mspId,
    CORE_PEER_MSPCONFIGPATH: adminFiles(admin.certFile).mspDir,
    CORE_PEER_ADDRESS: org.peer.endpoint,
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_ROOTCERT_FILE: org.peer.tlsCaFile,
  };
  return {
    orgName,
    mspId: org.mspId,
    peerAddress: org.peer.endpoint,
    peerTlsCaFile: org.peer.tlsCaFile,
    run: (args) => runFabric(bins.peer, args, env),
    ordererArgs: () => [
      '-o',
      profile.orderer.endpoint,
      '--ordererTLSHostnameOverride',
      profile.orderer.tlsHostName,
      '--tls',
      '--cafile',
      profile.orderer.tlsCaFile,
    ],
  };
}
