import { common, orderer } from '@hyperledger/fabric-protos';
import { lastConfigIndex, type BlockSigner } from '../block';
import { configFromBlock, parseChannelConfig, type ChannelConfig } from '../channel';
import { startGrpcServer, type ServerTls } from '../grpc/server';
import { openBlockStore, type BlockStore } from '../ledger';
import { OrderedChain } from './chain';
import { createAtomicBroadcastService } from './services';

/** How to start the orderer node. */
export interface OrdererOptions {
  /** The node's data directory; blocks live in `<dataDir>/blocks`. */
  readonly dataDir: string;
  /** Block 0, written when the store is empty. */
  readonly genesis: common.Block;
  readonly signer: BlockSigner;
  readonly tls: ServerTls;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Cut as soon as the queue drains (dev mode) rather than on the batch timeout. */
  readonly cutOnDrain: boolean;
  /** Seek envelope time window in ms; 0 disables it. */
  readonly timeWindowMs: number;
}

/** A running orderer. */
export interface OrdererNode {
  readonly port: number;
  readonly chain: OrderedChain;
  /** Writes pending envelopes into a last block, then stops serving and closes the store. */
  stop(): Promise<void>;
}

/** Starts an orderer with its own block store and AtomicBroadcast service. */
export async function startOrderer(opts: OrdererOptions): Promise<OrdererNode> {
  const store = await openBlockStore(opts.dataDir);
  try {
    if (store.height === 0) await store.append(opts.genesis);
    let config = loadLastConfig(store);
    const chain = OrderedChain.open(store, opts.signer, { ...config.batch, cutOnDrain: opts.cutOnDrain });
    const server = await startGrpcServer({
      host: opts.host,
      port: opts.port,
      tls: opts.tls,
      services: [
        {
          definition: orderer.AtomicBroadcastService,
          implementation: createAtomicBroadcastService({
            chain,
            store,
            channel: () => config,
            configure: (next) => {
              config = next;
            },
            signer: opts.signer,
            timeWindowMs: opts.timeWindowMs,
          }),
        },
      ],
    });
    return {
      port: server.port,
      chain,
      stop: async () => {
        await server.stop(100);
        await chain.flush();
        chain.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** The channel config in force: the one in the block the last block's LAST_CONFIG points at. */
function loadLastConfig(store: BlockStore): ChannelConfig {
  const last = common.Block.deserializeBinary(store.get(store.height - 1) ?? new Uint8Array());
  const configBlock = common.Block.deserializeBinary(store.get(lastConfigIndex(last)) ?? new Uint8Array());
  const { channelId, config } = configFromBlock(configBlock);
  return parseChannelConfig(config, channelId);
}
