import { createBlock, headerHash, signBlock, type BlockSigner } from '@alliance/network/block';
import type { LedgerView, TxLocation } from '@alliance/network/system';
import type { common } from '@alliance/network/protos';
import { MemoryState } from './memory-state';

/**
 * Blocks, a tx index and state in memory: the LedgerView the endorser reads, for tests that do
 * not need a ledger on disk.
 */
export class MemoryLedger implements LedgerView {
  readonly state = new MemoryState();
  private readonly blocks: common.Block[] = [];
  private readonly txs = new Map<string, TxLocation>();

  get height(): number {
    return this.blocks.length;
  }

  /** Appends a block and indexes the given tx ids (with their validation codes). */
  append(block: common.Block, txIds: { txId: string; code: number }[] = []): void {
    const blockNum = this.blocks.length;
    this.blocks.push(block);
    txIds.forEach(({ txId, code }, txNum) => {
      if (!this.txs.has(txId)) this.txs.set(txId, { blockNum, txNum, code });
    });
  }

  /** Cuts, signs (last config = block 0) and appends a block of envelopes with their tx ids. */
  appendEnvelopes(
    signer: BlockSigner,
    envelopes: Uint8Array[],
    txIds: { txId: string; code: number }[],
  ): void {
    const block = createBlock(this.height, this.currentHash(), envelopes);
    signBlock(block, signer, 0);
    this.append(block, txIds);
  }

  currentHash(): Uint8Array {
    const header = this.blocks.at(-1)?.getHeader();
    return header ? headerHash(header) : new Uint8Array();
  }

  getBlock(num: number): common.Block | undefined {
    return this.blocks[num];
  }

  getBlockBytes(num: number): Uint8Array | undefined {
    return this.blocks[num]?.serializeBinary();
  }

  getTx(txId: string): TxLocation | undefined {
    return this.txs.get(txId);
  }

  history(ns: string, key: string) {
    return this.state.history(ns, key);
  }
}
