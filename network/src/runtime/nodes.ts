import { buildGenesisBlock } from '../channel';
import type { CryptoMaterial, OrgCrypto } from '../crypto';
import type { NetworkDefinition } from '../definition';
import type { Endpoint } from '../grpc/dial';
import { createSigner } from '../identity';
import { startOrderer, type OrdererNode } from '../orderer/node';
import { startPeer, type PeerNode } from '../peer/node';
import type { StateLayout } from './layout';
import type { NodePorts } from './profile-build';

/** The orderer and one peer per org, all in this process, talking only over gRPC. */
export interface RunningNodes {
  readonly orderer: OrdererNode;
  /** By org name, in definition order. */
  readonly peers: ReadonlyMap<string, PeerNode>;
  stop(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

/** Starts the orderer, then every peer (each pulls blocks from the orderer and commits them itself). */
export async function startNodes(
  def: NetworkDefinition,
  crypto: CryptoMaterial,
  layout: StateLayout,
  ports: NodePorts,
  log: (line: string) => void,
): Promise<RunningNodes> {
  const genesis = buildGenesisBlock(def, crypto);
  const timeWindowMs = def.proposalTimeWindowMinutes * 60_000;
  const ordererCrypto = crypto.orderer;
  const orderer = await startOrderer({
    dataDir: layout.nodeDir(def.orderer.host),
    genesis,
    signer: createSigner(
      ordererCrypto.mspId,
      ordererCrypto.node.identity.certPem,
      ordererCrypto.node.identity.keyPem,
    ),
    tls: ordererCrypto.node.tls,
    host: LOOPBACK,
    port: ports.orderer,
    cutOnDrain: def.batch.cutOnDrain,
    timeWindowMs,
  });
  const ordererEndpoint = endpoint(ports.orderer, ordererCrypto, def.orderer.host);
  const directory = def.orgs.map((org) => ({
    mspId: org.mspId,
    endpoint: endpoint(ports.peers[org.name] ?? 0, orgCrypto(crypto, org.name), org.peer.host),
  }));
  const peers = new Map<string, PeerNode>();
  // Settle every start, so peers that did start are stopped when another one fails.
  const started = await Promise.allSettled(
    def.orgs.map((org) => {
      const material = orgCrypto(crypto, org.name);
      return startPeer({
        dataDir: layout.nodeDir(org.peer.host),
        channelId: def.channel,
        genesis,
        mspId: org.mspId,
        signer: createSigner(org.mspId, material.node.identity.certPem, material.node.identity.keyPem),
        tls: material.node.tls,
        host: LOOPBACK,
        port: ports.peers[org.name] ?? 0,
        orderer: ordererEndpoint,
        peers: directory,
        installDir: layout.installDir,
        timeWindowMs,
        log,
      });
    }),
  );
  started.forEach((result, i) => {
    const org = def.orgs[i];
    if (result.status === 'fulfilled' && org) peers.set(org.name, result.value);
  });
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all([...peers.values()].map((p) => p.stop()));
    await orderer.stop();
    throw failure.reason;
  }
  return {
    orderer,
    peers,
    stop: async () => {
      await Promise.all([...peers.values()].map((p) => p.stop()));
      await orderer.stop();
    },
  };
}

function orgCrypto(crypto: CryptoMaterial, name: string): OrgCrypto {
  const material = crypto.orgs[name];
  if (!material) throw new Error(`no crypto material for org ${name}`);
  return material;
}

function endpoint(port: number, material: OrgCrypto, host: string): Endpoint {
  return { address: `${LOOPBACK}:${port}`, tlsCaPem: material.tlsCaCertPem, tlsHostName: host };
}
