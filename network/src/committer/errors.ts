/** Why a whole block was refused (individual transactions get validation codes instead). */
export type CommitErrorCode =
  'BLOCK_OUT_OF_ORDER' | 'BROKEN_HASH_CHAIN' | 'BAD_DATA_HASH' | 'BAD_BLOCK_SIGNATURE' | 'MALFORMED_BLOCK';

/** A block the committer refused; nothing of it was committed. */
export class CommitError extends Error {
  override readonly name = 'CommitError';

  /**
   * @param code stable machine-readable reason
   * @param message human-readable detail
   */
  constructor(
    readonly code: CommitErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}
