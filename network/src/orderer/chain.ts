import { common } from '@hyperledger/fabric-protos';
import { createBlock, headerHash, lastConfigIndex, signBlock, type BlockSigner } from '../block';
import { HeightWatch } from '../deliver/height';
import type { BlockStore } from '../ledger';
import { BlockCutter, type BatchSettings } from './cutter';
import { AdaptiveLinger } from './linger';

/** How the chain cuts blocks: Fabric's batch settings plus the dev-mode cut on drain. */
export interface CuttingPolicy extends BatchSettings {
  /** Cut as soon as no more envelopes are waiting, instead of waiting for the timeout. */
  readonly cutOnDrain: boolean;
}

/**
 * The orderer's view of one channel: orders envelopes into hash-chained, signed blocks and
 * appends them to its block store, one write at a time. Cutting on drain is a group commit:
 * an idle orderer cuts on the next event-loop turn, while a block is being written new
 * envelopes accumulate and are cut together the moment the write ends (the store never waits
 * for a cut under load), and once batches show overlapping submissions an adaptive linger
 * ({@link AdaptiveLinger}) lets each batch fill a few ms longer.
 */
export class OrderedChain {
  readonly heights: HeightWatch;
  readonly #cutter: BlockCutter;
  #previousHash: Uint8Array;
  #lastConfig: number;
  #timer: NodeJS.Timeout | undefined;
  #drainScheduled = false;
  /** Envelopes pending when the queue was last looked at (cut on drain). */
  #pendingAtLastLook = 0;
  /** When the first envelope of the pending batch arrived. */
  #batchStartedAt = 0;
  #writing: Promise<void> = Promise.resolve();
  #inFlight = 0;
  #cutWhenIdle = false;
  readonly #linger: AdaptiveLinger;
  #failure: Error | undefined;

  private constructor(
    private readonly store: BlockStore,
    private readonly signer: BlockSigner,
    private readonly policy: CuttingPolicy,
    lastBlock: common.Block,
  ) {
    this.heights = new HeightWatch(store.height);
    this.#cutter = new BlockCutter(policy);
    this.#linger = new AdaptiveLinger(policy.timeoutMs);
    const header = lastBlock.getHeader();
    if (!header) throw new Error('the last stored block has no header');
    this.#previousHash = headerHash(header);
    this.#lastConfig = lastConfigIndex(lastBlock);
  }

  /** Opens the chain on a store holding at least the genesis block. */
  static open(store: BlockStore, signer: BlockSigner, policy: CuttingPolicy): OrderedChain {
    const bytes = store.get(store.height - 1);
    if (!bytes) throw new Error('the orderer block store is empty; write the genesis block first');
    return new OrderedChain(store, signer, policy, common.Block.deserializeBinary(bytes));
  }

  /** True while envelopes wait to be cut or a block is being written: the orderer is under load. */
  get busy(): boolean {
    return this.#cutter.pendingCount > 0 || this.#inFlight > 0;
  }

  /** Accepts an envelope for ordering; throws if the chain can no longer write blocks. */
  order(envelope: Uint8Array): void {
    if (this.#failure) throw this.#failure;
    for (const batch of this.#cutter.ordered(envelope)) this.#write(batch);
    if (this.#cutter.pendingCount === 0) {
      this.#clearTimer();
      return;
    }
    if (this.#cutter.pendingCount === 1) this.#batchStartedAt = Date.now();
    if (this.policy.cutOnDrain) {
      this.#scheduleDrainCut();
    } else {
      this.#timer ??= setTimeout(() => {
        this.#timer = undefined;
        this.#write(this.#cutter.cut());
      }, this.policy.timeoutMs);
    }
  }

  /**
   * Orders a CONFIG envelope as Fabric's block cutter does: the pending batch is cut first, then
   * the config goes alone in its own block, which becomes the chain's last config block.
   */
  orderConfig(envelope: Uint8Array): void {
    if (this.#failure) throw this.#failure;
    if (this.#cutter.pendingCount > 0) this.#write(this.#cutter.cut());
    this.#write([envelope], true);
  }

  /** Waits until every accepted envelope is in a written block. */
  async flush(): Promise<void> {
    this.#clearTimer();
    if (this.#cutter.pendingCount > 0) this.#write(this.#cutter.cut());
    await this.#writing;
  }

  /** Stops the batch timer; pending envelopes that were never cut are dropped, as on a crash. */
  close(): void {
    this.#clearTimer();
  }

  /**
   * Decides when the pending batch is cut on drain: after the block being written (group
   * commit), after the linger while batches overlap, else once the queue has drained.
   */
  #scheduleDrainCut(): void {
    if (this.#inFlight > 0) {
      this.#cutWhenIdle = true;
      return;
    }
    if (this.#linger.ms > 0) {
      this.#timer ??= setTimeout(
        () => {
          this.#timer = undefined;
          this.#cutLingered();
        },
        Math.max(0, this.#batchStartedAt + this.#linger.ms - Date.now()),
      );
      return;
    }
    if (!this.#drainScheduled) this.#lookAtQueueNextTurn();
  }

  /** Cuts a batch whose linger is over, unless a block is being written (then after it). */
  #cutLingered(): void {
    if (this.#cutter.pendingCount === 0) return;
    if (this.#inFlight > 0) this.#cutWhenIdle = true;
    else this.#write(this.#cutter.cut());
  }

  /** Looks at the queue on the next event-loop turn (no timer: an idle orderer cuts at once). */
  #lookAtQueueNextTurn(): void {
    this.#drainScheduled = true;
    this.#pendingAtLastLook = this.#cutter.pendingCount;
    setImmediate(() => {
      this.#drainScheduled = false;
      this.#cutOnDrain();
    });
  }

  /**
   * Cuts when the queue has drained: no block is being written and no envelope arrived during
   * the last event-loop turn. Under load envelopes keep arriving, so the batch grows (bounded by
   * MaxMessageCount and PreferredMaxBytes in the cutter, and by BatchTimeout here) instead of
   * every envelope paying a block of its own on the orderer and on every peer.
   */
  #cutOnDrain(): void {
    const pending = this.#cutter.pendingCount;
    if (pending === 0) return;
    if (this.#inFlight > 0 || this.#linger.ms > 0) {
      this.#scheduleDrainCut();
      return;
    }
    const filling = pending > this.#pendingAtLastLook;
    if (filling && Date.now() - this.#batchStartedAt < this.policy.timeoutMs) {
      this.#lookAtQueueNextTurn();
      return;
    }
    this.#write(this.#cutter.cut());
  }

  #write(batch: Uint8Array[], isConfig = false): void {
    if (batch.length === 0) return;
    this.#clearTimer();
    const number = this.heights.height + this.#inFlight;
    if (isConfig) this.#lastConfig = number;
    else if (this.policy.cutOnDrain) this.#linger.observe(batch.length);
    const block = createBlock(number, this.#previousHash, batch);
    signBlock(block, this.signer, this.#lastConfig);
    this.#previousHash = headerHash(block.getHeader() as common.BlockHeader);
    this.#inFlight++;
    this.#writing = this.#writing.then(async () => {
      try {
        await this.store.append(block);
        this.heights.advance(this.store.height);
      } catch (err) {
        this.#failure = err instanceof Error ? err : new Error(String(err));
      } finally {
        this.#inFlight--;
      }
      if (this.#inFlight === 0 && this.#cutWhenIdle) {
        this.#cutWhenIdle = false;
        this.#afterWrite();
      }
    });
  }

  /**
   * The write of the last block ended with envelopes waiting: cut them now, so the next write
   * starts at once, unless the batch is still within its linger.
   */
  #afterWrite(): void {
    if (this.#cutter.pendingCount === 0 || this.#timer) return;
    if (this.#linger.ms > 0 && Date.now() < this.#batchStartedAt + this.#linger.ms) {
      this.#scheduleDrainCut();
      return;
    }
    this.#write(this.#cutter.cut());
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
