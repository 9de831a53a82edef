import { readFileSync } from 'node:fs';
import { common } from '@hyperledger/fabric-protos';
import { loadCryptoMaterial } from '../crypto';
import type { NetworkDefinition } from '../definition';
import type { Endpoint } from '../grpc/dial';
import { createSigner } from '../identity';
import { openBlockStore } from '../ledger';
import { fetchBlock } from '../peer/genesis-fetch';
import { startPeer, type PeerNode } from '../peer/node';
import type { PeerDirectoryEntry } from '../peer/peer-directory';
import { readProfile } from '../profile/file';
import type { ProfileEndpoint } from '../profile/types';
import { stateLayout, type StateLayout } from './layout';

/** How to start the peer of an org that joins a running channel. */
export interface JoiningPeerOptions {
  readonly stateDir: string;
  /** The org's short name (as in the definition and the profile). */
  readonly org: string;
  readonly log?: (line: string) => void;
  /** How often to ask the orderer for the genesis block while the org is not yet a member (ms). */
  readonly retryMs?: number;
}

/** A peer that joins once its org is in the channel config. */
export interface JoiningPeer {
  /** Resolves with the running peer once it joined (it then catches up by itself). */
  readonly joined: Promise<PeerNode>;
  /** Stops waiting, or stops the peer. */
  stop(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

function endpointOf(entry: ProfileEndpoint): Endpoint {
  return {
    address: entry.endpoint,
    tlsCaPem: readFileSync(entry.tlsCaFile, 'utf8'),
    tlsHostName: entry.tlsHostName,
  };
}

async function storedGenesis(layout: StateLayout, host: string): Promise<common.Block | undefined> {
  const store = await openBlockStore(layout.nodeDir(host));
  try {
    const bytes = store.height > 0 ? store.get(0) : undefined;
    return bytes ? common.Block.deserializeBinary(bytes) : undefined;
  } finally {
    await store.close();
  }
}

/**
 * Starts an added org's peer as a Fabric operator does: fetch block 0 from the orderer (refused
 * until a config update has put the org in the channel, so it retries), join the channel from
 * it, then pull and validate every block to the current height under the config of its time,
 * and serve endorsements with the chaincode servers the network installed. A peer that joined
 * before restarts from its own ledger.
 */
export function startJoiningPeer(opts: JoiningPeerOptions): JoiningPeer {
  const layout = stateLayout(opts.stateDir);
  const log = opts.log ?? (() => undefined);
  const state = { stopped: false };
  let wake: (() => void) | undefined;
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const joined = (async (): Promise<PeerNode> => {
    const def = JSON.parse(readFileSync(layout.definition, 'utf8')) as NetworkDefinition;
    const org = def.orgs.find((o) => o.name === opts.org);
    if (!org) throw new Error(`org ${opts.org} is not in ${layout.definition}; run add-org first`);
    const crypto = await loadCryptoMaterial(def, layout.root);
    const material = crypto.orgs[org.name];
    if (!material) throw new Error(`no crypto material for org ${org.name}`);
    const profile = readProfile(layout.profile);
    const orderer = endpointOf(profile.orderer);
    const signer = createSigner(org.mspId, material.node.identity.certPem, material.node.identity.keyPem);
    let genesis = await storedGenesis(layout, org.peer.host);
    while (!genesis) {
      if (state.stopped) throw new Error(`peer of ${org.name} stopped before it joined`);
      try {
        genesis = await fetchBlock(orderer, def.channel, signer, 0);
      } catch (err) {
        log(
          `peer ${org.mspId}: waiting to join ${def.channel}: ${err instanceof Error ? err.message : String(err)}`,
        );
        await pause(opts.retryMs ?? 500);
      }
    }
    const peers: PeerDirectoryEntry[] = Object.values(profile.orgs)
      .filter((o) => o.mspId !== org.mspId)
      .map((o) => ({ mspId: o.mspId, endpoint: endpointOf(o.peer) }));
    const node = await startPeer({
      dataDir: layout.nodeDir(org.peer.host),
      channelId: def.channel,
      genesis,
      mspId: org.mspId,
      signer,
      tls: material.node.tls,
      host: LOOPBACK,
      port: org.peer.port,
      orderer,
      peers,
      installDir: layout.installDir,
      timeWindowMs: def.proposalTimeWindowMinutes * 60_000,
      log,
    });
    log(`peer ${org.mspId} joined ${def.channel} on port ${node.port}`);
    return node;
  })();
  return {
    joined,
    stop: async () => {
      state.stopped = true;
      wake?.();
      await joined.then(
        (peer) => peer.stop(),
        () => undefined,
      );
    },
  };
}
