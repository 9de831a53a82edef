/** Why a ledger operation was refused. */
export type LedgerErrorCode =
  | 'BLOCK_OUT_OF_ORDER'
  | 'BROKEN_HASH_CHAIN'
  | 'BAD_DATA_HASH'
  | 'CORRUPT_STORE'
  | 'STATE_AHEAD_OF_BLOCKS'
  | 'LEDGER_CLOSED';

/** A refused or failed ledger operation; nothing was changed when it is thrown before a write. */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';

  /**
   * @param code stable machine-readable reason
   * @param message human-readable detail
   */
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}
