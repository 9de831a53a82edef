import { join } from 'node:path';
import { common, gateway, peer } from '@hyperledger/fabric-protos';
import { createChaincodeDefinitionView } from '../lifecycle';
import { createCommitter } from '../committer';
import { createEndorser } from '../endorser';
import { configFromBlock, parseChannelConfig } from '../channel';
import { createGatewayService } from '../gateway/service';
import type { EndorsingPeer } from '../gateway/backend';
import { unpackProposal } from '../gateway/proposal';
import type { Endpoint } from '../grpc/dial';
import { unaryHandler } from '../grpc/handlers';
import { startGrpcServer, type ServerTls } from '../grpc/server';
import type { Signer } from '../identity';
import { openPeerLedger, type PeerLedger } from '../ledger';
import { BlockPuller } from './block-puller';
import { BroadcastClient } from './broadcast-client';
import { ChaincodeConnections } from './chaincode-connections';
import { CommittedBlocks, configOfLedger } from './committed-blocks';
import { createPeerDeliverService } from './deliver-service';
import { createGatewayBackend } from './gateway-backend';
import { PeerDirectory, type PeerDirectoryEntry } from './peer-directory';
import { TxWaiters } from './tx-waiters';

export type { PeerDirectoryEntry } from './peer-directory';

/** How to start one org's peer. */
export interface PeerOptions {
  /** The peer's own data directory (block files and state). */
  readonly dataDir: string;
  readonly channelId: string;
  /** The channel's block 0, committed first when the ledger is empty (joining the channel). */
  readonly genesis: common.Block;
  readonly mspId: string;
  /** The peer's signing identity (endorsements, seek requests). */
  readonly signer: Signer;
  readonly tls: ServerTls;
  readonly host: string;
  readonly port: number;
  readonly orderer: Endpoint;
  /**
   * Every org's peer known at start (this one is skipped), in the order the gateway prefers;
   * orgs that config updates add are found through their anchor peers.
   */
  readonly peers: readonly PeerDirectoryEntry[];
  /** Where installed chaincode packages are recorded. */
  readonly installDir: string;
  /** Proposal and seek time window in ms; 0 disables it. */
  readonly timeWindowMs: number;
  readonly log: (message: string) => void;
}

/** A running peer. */
export interface PeerNode {
  readonly mspId: string;
  readonly port: number;
  readonly ledger: PeerLedger;
  readonly blocks: CommittedBlocks;
  /** Stops pulling blocks and serving, closes chaincode streams and the ledger. */
  stop(): Promise<void>;
}

/** Starts a peer: its ledger, committer, endorser, chaincode streams and gRPC services. */
export async function startPeer(opts: PeerOptions): Promise<PeerNode> {
  const ledger = await openPeerLedger(opts.dataDir);
  try {
    return await servePeer(opts, ledger);
  } catch (err) {
    // A start that fails (its port taken, most often) must release the ledger's lock, or a retry
    // on fresh ports in the same data directory cannot open it again.
    await ledger.close();
    throw err;
  }
}

async function servePeer(opts: PeerOptions, ledger: PeerLedger): Promise<PeerNode> {
  const waiters = new TxWaiters();
  const genesisConfig = configFromBlock(opts.genesis);
  const blocks = new CommittedBlocks(
    ledger,
    configOfLedger(ledger) ?? parseChannelConfig(genesisConfig.config, genesisConfig.channelId),
    waiters,
  );
  const chaincodes = createChaincodeDefinitionView(ledger.state);
  const committer = createCommitter({ channel: () => blocks.config, ledger, chaincodes });
  if (ledger.height === 0) await blocks.commit(opts.genesis, committer);
  const connections = new ChaincodeConnections(opts.installDir, () => chaincodes);
  const endorser = createEndorser({
    channelId: opts.channelId,
    channel: () => blocks.config,
    ledger,
    signer: opts.signer,
    chaincodes,
    stream: (name) => connections.stream(name),
    timeWindowMs: opts.timeWindowMs,
  });
  const address = `${opts.host}:${opts.port}`;
  const local: EndorsingPeer = {
    mspId: opts.mspId,
    address,
    processProposal: async (signed) => {
      await ensureChaincode(connections, signed);
      return endorser.processProposal(signed);
    },
  };
  const directory = new PeerDirectory(opts.mspId, opts.peers, () => blocks.config);
  const broadcaster = new BroadcastClient(opts.orderer);
  const backend = createGatewayBackend({
    channelId: opts.channelId,
    local,
    remotes: () => directory.remotes(),
    ledger,
    heights: blocks.heights,
    waiters,
    broadcaster,
    channel: () => blocks.config,
    chaincodes: () => chaincodes,
  });
  const closeClients = (): void => {
    broadcaster.close();
    directory.close();
    connections.closeAll();
  };
  let server: Awaited<ReturnType<typeof startGrpcServer>>;
  try {
    server = await startGrpcServer({
      host: opts.host,
      port: opts.port,
      tls: opts.tls,
      services: [
        {
          definition: peer.EndorserService,
          implementation: {
            processProposal: unaryHandler((signed: peer.SignedProposal) => local.processProposal(signed)),
          },
        },
        {
          definition: peer.DeliverService,
          implementation: createPeerDeliverService({
            heights: blocks.heights,
            timeWindowMs: opts.timeWindowMs,
            channel: () => blocks.config,
            block: (n) => ledger.getBlock(n),
          }),
        },
        { definition: gateway.GatewayService, implementation: createGatewayService(backend) },
      ],
    });
  } catch (err) {
    closeClients();
    throw err;
  }
  const puller = new BlockPuller(
    opts.orderer,
    opts.channelId,
    opts.signer,
    () => ledger.height,
    (block) => blocks.commit(block, committer),
    (err) => {
      opts.log(`peer ${opts.mspId}: ${err.message}`);
    },
  );
  puller.start();
  return {
    mspId: opts.mspId,
    port: server.port,
    ledger,
    blocks,
    stop: async () => {
      await puller.stop();
      await server.stop(100);
      closeClients();
      await ledger.close();
    },
  };
}

/** Opens the stream of the proposal's chaincode if its definition calls for one. */
async function ensureChaincode(
  connections: ChaincodeConnections,
  signed: peer.SignedProposal,
): Promise<void> {
  let name: string;
  try {
    name = unpackProposal(signed).chaincodeName;
  } catch {
    return; // the endorser refuses a malformed proposal with the proper response
  }
  await connections.ensure(name);
}

/** The data directory of a peer under a network state directory. */
export function peerDataDir(stateDir: string, host: string): string {
  return join(stateDir, 'nodes', host);
}
