/**
 * Where the auditor reads blocks from. Every source hands out raw `common.Block` bytes and nothing
 * else: the auditor trusts none of them and checks every block it is given.
 */
export interface BlockSource {
  /** What the source is, for the report (`peer store /x/blocks`, `deliver from peer0.brand`). */
  readonly description: string;
  /** Number of blocks the source can serve (blocks 0..height-1). */
  height(): Promise<number>;
  /** Blocks `from` to `to - 1` in order, as `common.Block` bytes. */
  blocks(from: number, to: number): AsyncIterable<Uint8Array>;
  /** Releases what the source holds. */
  close(): Promise<void>;
}

/** A block source that cannot be read (missing directory, broken file). */
export class BlockSourceError extends Error {
  /**
   * @param code - stable code (`SOURCE_NOT_FOUND`, `SOURCE_CORRUPT`, `SOURCE_GAP`)
   * @param message - what is wrong
   */
  constructor(
    readonly code: 'SOURCE_NOT_FOUND' | 'SOURCE_CORRUPT' | 'SOURCE_GAP',
    message: string,
  ) {
    super(message);
    this.name = 'BlockSourceError';
  }
}
