import type { peer } from '@hyperledger/fabric-protos';
import { errorMessage, type ErrorDetail } from '../grpc/status';
import type { EndorsingPeer } from './backend';

/** How one endorser's answer is classified, as the Fabric gateway does. */
export type EndorserOutcome =
  | { kind: 'endorsed'; response: peer.ProposalResponse }
  /** The chaincode said no: status outside 200..399 with a payload, or any non-500 error status. */
  | { kind: 'chaincode-error'; detail: ErrorDetail; status: number; message: string }
  /** The peer failed (500 without payload); try elsewhere. */
  | { kind: 'peer-failure'; detail: ErrorDetail }
  /** No response at all: transport failure or an authentication filter (expired creator, time window); try elsewhere. */
  | { kind: 'unreachable'; detail: ErrorDetail }
  /** The peer refused the proposal itself (signature, txid, duplicate, ACL). */
  | { kind: 'refused'; detail: ErrorDetail };

/** Calls ProcessProposal on `target` and classifies the answer. `local` refusals are not retried. */
export async function askEndorser(
  target: EndorsingPeer,
  signed: peer.SignedProposal,
  local: boolean,
): Promise<EndorserOutcome> {
  const detail = (message: string): ErrorDetail => ({
    address: target.address,
    mspId: target.mspId,
    message,
  });
  let response: peer.ProposalResponse;
  try {
    response = await target.processProposal(signed);
  } catch (err) {
    return local
      ? { kind: 'refused', detail: detail(errorMessage(err)) }
      : { kind: 'peer-failure', detail: detail(errorMessage(err)) };
  }
  const result = response.getResponse();
  const status = result?.getStatus() ?? 500;
  const message = result?.getMessage() ?? '';
  if (status >= 200 && status < 400) return { kind: 'endorsed', response };
  if (status === 500 && response.getPayload_asU8().length === 0)
    return { kind: 'peer-failure', detail: detail(message) };
  return {
    kind: 'chaincode-error',
    detail: detail(`chaincode response ${status}, ${message}`),
    status,
    message,
  };
}
