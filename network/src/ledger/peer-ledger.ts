import { rm, cp } from 'node:fs/promises';
import { join } from 'node:path';
import type { common } from '@hyperledger/fabric-protos';
import { headerHash, requireHeader } from '../block';
import { commitFromBlock } from './block-commit';
import { openChainStore, type ChainStore } from './block-store';
import { LedgerError } from './errors';
import { StateDb } from './state-db';
import type { BlockCommit, HistoryEntry, PeerLedger, StateReader, TxLocation } from './types';
import { computeUpdates } from './updates';

class FileLedger implements PeerLedger {
  /** Commits run one after another; each waits for the previous one. */
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  /** Header hash of the last block whose state updates are stored. */
  private committedHash: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly blocks: ChainStore,
    private readonly db: StateDb,
  ) {}

  /** Blocks whose state updates are stored: the block store may hold one more mid-commit. */
  get height(): number {
    return (this.db.savepoint ?? -1) + 1;
  }

  get state(): StateReader {
    return this.db.state;
  }

  currentHash(): Uint8Array {
    return this.committedHash;
  }

  getBlock(num: number): common.Block | undefined {
    return num < this.height ? this.blocks.getBlock(num) : undefined;
  }

  getBlockBytes(num: number): Uint8Array | undefined {
    return num < this.height ? this.blocks.get(num) : undefined;
  }

  getTx(txId: string): TxLocation | undefined {
    return this.db.getTx(txId);
  }

  history(ns: string, key: string): HistoryEntry[] {
    return this.db.history(ns, key);
  }

  commit(c: BlockCommit): Promise<void> {
    const run = this.queue.then(() => this.commitNow(c));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async commitNow(c: BlockCommit): Promise<void> {
    if (this.closed) throw new LedgerError('LEDGER_CLOSED', 'ledger is closed');
    const number = c.block.getHeader()?.getNumber();
    if (number !== this.height || this.blocks.height !== this.height) {
      throw new LedgerError('BLOCK_OUT_OF_ORDER', `expected block ${this.height}, got ${String(number)}`);
    }
    await this.blocks.append(c.block);
    await this.applyStored(c);
  }

  /** Writes state, history and index of a block already in the block store. */
  async applyStored(c: BlockCommit): Promise<void> {
    await this.db.write(computeUpdates(this.db.state, (txId) => this.db.getTx(txId) !== undefined, c));
    this.committedHash = headerHash(requireHeader(c.block));
  }

  /** Re-applies blocks that reached the block store but not the state store (crash recovery). */
  async catchUp(): Promise<void> {
    if (this.height > this.blocks.height) {
      throw new LedgerError(
        'STATE_AHEAD_OF_BLOCKS',
        `state at ${this.height}, blocks at ${this.blocks.height}`,
      );
    }
    while (this.height < this.blocks.height) {
      const block = this.blocks.getBlock(this.height);
      if (!block) throw new LedgerError('CORRUPT_STORE', `block ${this.height} unreadable`);
      await this.applyStored(commitFromBlock(block));
    }
    this.committedHash = this.blocks.lastHash();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    await Promise.all([this.blocks.close(), this.db.close()]);
  }
}

/**
 * Opens a peer ledger in `dir` (`blocks/` and `state/`), creating it when empty. Recovers from a
 * crash: cuts a torn block record and re-applies blocks whose state updates were not stored.
 */
export async function openPeerLedger(dir: string): Promise<PeerLedger> {
  const blocks = await openChainStore(dir);
  const db = await StateDb.open(join(dir, 'state'));
  const ledger = new FileLedger(blocks, db);
  try {
    await ledger.catchUp();
  } catch (err) {
    await ledger.close();
    throw err;
  }
  return ledger;
}

/**
 * Recomputes state, history and tx index of the ledger in `dir` from its blocks alone, into a
 * new ledger directory `out` (its blocks copied, its state rebuilt by replay).
 */
export async function rebuildState(dir: string, out: string): Promise<void> {
  await rm(out, { recursive: true, force: true });
  await cp(join(dir, 'blocks'), join(out, 'blocks'), { recursive: true });
  const rebuilt = await openPeerLedger(out);
  await rebuilt.close();
}
