import { join } from 'node:path';
import { common } from '@hyperledger/fabric-protos';
import { dataHashMatches, headerHash, requireHeader } from '../block';
import { BlockFile } from './block-file';
import { LedgerError } from './errors';
import type { BlockStore } from './types';

/** A block store that also hands out decoded blocks and the chain's last header hash. */
export interface ChainStore extends BlockStore {
  /** The decoded block, or undefined beyond the height. */
  getBlock(num: number): common.Block | undefined;
  /** Header hash of the last block (empty when the store is empty). */
  lastHash(): Uint8Array;
}

/** How many of the newest blocks' bytes stay in memory: deliver streams read them as they land. */
const RECENT_BLOCKS = 16;

class FileBlockStore implements ChainStore {
  /** Appends run one after another, so a caller may append block n+1 before n is on disk. */
  private queue: Promise<void> = Promise.resolve();
  /** The bytes of the newest blocks by number, so every reader of a new block skips the file read and checksum. */
  private readonly recent = new Map<number, Uint8Array>();

  constructor(
    private readonly file: BlockFile,
    private last: Uint8Array,
  ) {}

  get height(): number {
    return this.file.count;
  }

  lastHash(): Uint8Array {
    return this.last;
  }

  append(block: common.Block): Promise<void> {
    const run = this.queue.then(() => this.appendNow(block));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async appendNow(block: common.Block): Promise<void> {
    const header = requireHeader(block);
    if (header.getNumber() !== this.height) {
      throw new LedgerError('BLOCK_OUT_OF_ORDER', `expected block ${this.height}, got ${header.getNumber()}`);
    }
    if (this.height > 0 && !Buffer.from(header.getPreviousHash_asU8()).equals(this.last)) {
      throw new LedgerError(
        'BROKEN_HASH_CHAIN',
        `block ${header.getNumber()} does not link to the last block`,
      );
    }
    if (!dataHashMatches(block))
      throw new LedgerError('BAD_DATA_HASH', `block ${header.getNumber()} data hash`);
    const bytes = block.serializeBinary();
    await this.file.append(bytes);
    this.last = headerHash(header);
    this.recent.set(header.getNumber(), bytes);
    this.recent.delete(header.getNumber() - RECENT_BLOCKS);
  }

  get(num: number): Uint8Array | undefined {
    return this.recent.get(num) ?? this.file.read(num);
  }

  getBlock(num: number): common.Block | undefined {
    const bytes = this.get(num);
    return bytes ? common.Block.deserializeBinary(bytes) : undefined;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.file.close();
  }
}

/** Opens the chain store under `dir/blocks` (creating it), cutting off a torn last record. */
export async function openChainStore(dir: string): Promise<ChainStore> {
  const file = await BlockFile.open(join(dir, 'blocks'));
  const lastBytes = file.count > 0 ? file.read(file.count - 1) : undefined;
  const last = lastBytes
    ? headerHash(requireHeader(common.Block.deserializeBinary(lastBytes)))
    : new Uint8Array(0);
  return new FileBlockStore(file, last);
}

/**
 * Opens the block store of a node's data dir (`dir/blocks`): append-only, fsync per block,
 * links and data hashes checked on append. The orderer uses it alone; peers through the ledger.
 */
export async function openBlockStore(dir: string): Promise<BlockStore> {
  return openChainStore(dir);
}
