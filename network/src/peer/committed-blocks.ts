import { common } from '@hyperledger/fabric-protos';
import { lastConfigIndex, peekChannelHeader } from '../block';
import { configFromBlock, parseChannelConfig, type ChannelConfig } from '../channel';
import type { createCommitter } from '../committer';
import { HeightWatch } from '../deliver/height';
import type { TxValidationCode } from '../grpc/proto-types';
import type { PeerLedger } from '../ledger';
import type { TxWaiters } from './tx-waiters';

type Committer = ReturnType<typeof createCommitter>;

/**
 * The peer's commit path for blocks pulled from the orderer: validate and commit with the
 * committer, then swap the channel config if the block carried one, advance the height (waking
 * deliver and chaincode-event streams) and answer commit-status waiters.
 */
export class CommittedBlocks {
  readonly heights: HeightWatch;
  #config: ChannelConfig;

  constructor(
    private readonly ledger: PeerLedger,
    config: ChannelConfig,
    private readonly waiters: TxWaiters,
  ) {
    this.heights = new HeightWatch(ledger.height);
    this.#config = config;
  }

  /** The channel config in force (the last committed config block). */
  get config(): ChannelConfig {
    return this.#config;
  }

  /** Commits the next block; blocks other than the next one are ignored (already committed). */
  async commit(block: common.Block, committer: Committer): Promise<void> {
    const number = block.getHeader()?.getNumber() ?? -1;
    if (number !== this.ledger.height) return;
    const codes = await committer.commitBlock(block);
    // Only tx ids and types are needed here: chaincode events are decoded by the streams that send them.
    const txs = (block.getData()?.getDataList_asU8() ?? []).map((envelope, index) => {
      const header = peekChannelHeader(envelope);
      return { index, txId: header?.getTxId() ?? '', type: header?.getType() ?? -1 };
    });
    if (txs.length === 1 && txs[0]?.type === common.HeaderType.CONFIG && codes[0] === 0) {
      const { channelId, config } = configFromBlock(block);
      this.#config = parseChannelConfig(config, channelId);
    }
    this.heights.advance(this.ledger.height);
    for (const tx of txs) {
      if (tx.txId === '') continue;
      const first = this.ledger.getTx(tx.txId);
      if (first?.blockNum === number && first.txNum === tx.index) {
        this.waiters.notify(tx.txId, {
          blockNumber: number,
          code: (codes[tx.index] ?? 255) as TxValidationCode,
        });
      }
    }
  }
}

/** The channel config in force in a ledger: the block named by the last block's LAST_CONFIG. */
export function configOfLedger(ledger: PeerLedger): ChannelConfig | undefined {
  if (ledger.height === 0) return undefined;
  const last = ledger.getBlock(ledger.height - 1);
  const configBlock = last ? ledger.getBlock(lastConfigIndex(last)) : undefined;
  if (!configBlock) return undefined;
  const { channelId, config } = configFromBlock(configBlock);
  return parseChannelConfig(config, channelId);
}
