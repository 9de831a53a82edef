/** Stable codes for failures on the peer's side of the chaincode protocol. */
export type ChaincodeSupportErrorCode =
  | 'PAGINATED_READ_ONLY'
  | 'SIMULATION_DONE'
  | 'RICH_QUERY_UNSUPPORTED'
  | 'ITERATOR_NOT_FOUND'
  | 'REGISTRATION_FAILED'
  | 'EXECUTE_TIMEOUT'
  | 'STREAM_TERMINATED'
  | 'TRANSACTION_FAILED'
  | 'UNEXPECTED_MESSAGE'
  | 'BAD_REQUEST';

/**
 * A failure of the peer's chaincode support: simulator rule violations, protocol errors,
 * timeouts. The message is the text a Fabric peer reports for the same failure.
 */
export class ChaincodeSupportError extends Error {
  override readonly name = 'ChaincodeSupportError';

  constructor(
    readonly code: ChaincodeSupportErrorCode,
    message: string,
  ) {
    super(message);
  }
}
