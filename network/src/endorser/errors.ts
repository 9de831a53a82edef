import { peer } from '@hyperledger/fabric-protos';

/** Why a proposal was answered with an error rather than a response. */
export type EndorserErrorCode =
  /** An authentication filter refused it (expired creator, timestamp out of window); no response. */
  | 'AUTH_FILTER'
  /** It failed the proposal checks (decoding, signature, creator, tx id, duplicate, ACL). */
  | 'PROPOSAL_REJECTED';

/**
 * A proposal the peer refuses with an error. `response` is the 500 ProposalResponse the peer
 * builds alongside the error (absent for authentication filter failures).
 */
export class EndorserError extends Error {
  override readonly name = 'EndorserError';

  constructor(
    readonly code: EndorserErrorCode,
    message: string,
    readonly response?: peer.ProposalResponse,
  ) {
    super(message);
  }
}

/** A ProposalResponse carrying only {status 500, message}: a peer-side failure. */
export function peerFailure(message: string): peer.ProposalResponse {
  const response = new peer.Response();
  response.setStatus(500);
  response.setMessage(message);
  const result = new peer.ProposalResponse();
  result.setResponse(response);
  return result;
}

/** A refused proposal: the error and its 500 response. */
export function rejected(message: string): EndorserError {
  return new EndorserError('PROPOSAL_REJECTED', message, peerFailure(message));
}
