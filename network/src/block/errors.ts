/** Why a block could not be built, read or checked. */
export type BlockErrorCode = 'MALFORMED_BLOCK' | 'BAD_BLOCK_NUMBER' | 'MISSING_METADATA';

/** A block that is structurally unusable (missing header, undecodable metadata, ...). */
export class BlockError extends Error {
  override readonly name = 'BlockError';

  /**
   * @param code stable machine-readable reason
   * @param message human-readable detail
   */
  constructor(
    readonly code: BlockErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/**
 * A transaction envelope that does not parse as far as it must. `code` is the
 * `peer.TxValidationCode` a Fabric 2.5 committer assigns to it for this defect.
 */
export class TxParseError extends Error {
  override readonly name = 'TxParseError';

  /**
   * @param code the peer.TxValidationCode value for this defect
   * @param message what was wrong
   */
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
