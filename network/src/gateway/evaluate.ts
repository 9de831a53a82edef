import { status as GrpcStatus } from '@grpc/grpc-js';
import { gateway, peer } from '@hyperledger/fabric-protos';
import { RpcError, type ErrorDetail } from '../grpc/status';
import type { EndorsingPeer, GatewayBackend } from './backend';
import { askEndorser } from './outcome';
import { chaincodeAction, unpackProposal } from './proposal';

/** Gateway.Evaluate: runs the proposal on one peer (the local org first) and returns its result. */
export async function evaluate(
  backend: GatewayBackend,
  request: gateway.EvaluateRequest,
): Promise<gateway.EvaluateResponse> {
  const proposal = unpackProposal(request.getProposedTransaction());
  const targets = evaluationTargets(
    backend,
    request.getTargetOrganizationsList(),
    proposal.hasTransient,
    proposal.chaincodeName,
    proposal.channelId,
  );
  const details: ErrorDetail[] = [];
  let anyResponse = false;
  for (const target of targets) {
    const outcome = await askEndorser(target, proposal.signed, target === backend.local);
    switch (outcome.kind) {
      case 'endorsed':
        return evaluateResponse(outcome.response);
      case 'chaincode-error':
        throw new RpcError(
          GrpcStatus.UNKNOWN,
          `evaluate call to endorser returned error: ${outcome.detail.message}`,
          [outcome.detail],
        );
      case 'refused':
        throw new RpcError(
          GrpcStatus.FAILED_PRECONDITION,
          `evaluate call to endorser returned error: ${outcome.detail.message}`,
          [outcome.detail],
        );
      case 'peer-failure':
        anyResponse = true;
        details.push(outcome.detail);
        break;
      case 'unreachable':
        details.push(outcome.detail);
    }
  }
  // Only unreachable peers: UNAVAILABLE; a peer that answered with a failure: ABORTED.
  const message = 'failed to evaluate transaction, see attached details for more info';
  throw new RpcError(anyResponse ? GrpcStatus.ABORTED : GrpcStatus.UNAVAILABLE, message, details);
}

function evaluationTargets(
  backend: GatewayBackend,
  orgs: string[],
  hasTransient: boolean,
  chaincode: string,
  channel: string,
): EndorsingPeer[] {
  if (channel !== backend.channelId) {
    throw new RpcError(
      GrpcStatus.FAILED_PRECONDITION,
      `no peers available to evaluate chaincode ${chaincode} in channel ${channel}`,
    );
  }
  const all = [backend.local, ...backend.remotes];
  if (orgs.length > 0) {
    const targets = all.filter((p) => orgs.includes(p.mspId));
    if (targets.length === 0)
      throw new RpcError(
        GrpcStatus.FAILED_PRECONDITION,
        `no peers available to evaluate chaincode ${chaincode} in channel ${channel} for organizations ${orgs.join(', ')}`,
      );
    return targets;
  }
  return hasTransient ? [backend.local] : all;
}

function evaluateResponse(response: peer.ProposalResponse): gateway.EvaluateResponse {
  const result = response.getResponse() ?? new peer.Response();
  const prp = response.getPayload_asU8();
  if (prp.length > 0) {
    const actionResponse = chaincodeAction(prp).getResponse();
    if (actionResponse) result.setPayload(actionResponse.getPayload_asU8());
  }
  const out = new gateway.EvaluateResponse();
  out.setResult(result);
  return out;
}
