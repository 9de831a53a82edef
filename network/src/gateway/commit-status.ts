import { status as GrpcStatus, type ServerUnaryCall } from '@grpc/grpc-js';
import { gateway } from '@hyperledger/fabric-protos';
import { errorMessage, RpcError } from '../grpc/status';
import type { CommittedTx, GatewayBackend } from './backend';
import { authorizeSignedRequest } from './signed-request';

/**
 * Gateway.CommitStatus: checks the signed request against the Readers ACL, then answers with
 * the transaction's first committed occurrence, waiting for it if needed. The waiter is
 * registered before the lookup so a commit landing in between is not missed.
 */
export async function commitStatus(
  backend: GatewayBackend,
  signed: gateway.SignedCommitStatusRequest,
  call: ServerUnaryCall<gateway.SignedCommitStatusRequest, gateway.CommitStatusResponse>,
): Promise<gateway.CommitStatusResponse> {
  const request = decode(signed);
  const parts = {
    channelId: request.getChannelId(),
    data: signed.getRequest_asU8(),
    identity: request.getIdentity_asU8(),
    signature: signed.getSignature_asU8(),
  };
  if (parts.channelId === backend.channelId && backend.busy()) await backend.verifyAhead(parts);
  authorizeSignedRequest(backend, 'gateway/CommitStatus', parts);
  const waiter = backend.waitForTx(request.getTransactionId());
  const onCancel = (): void => {
    waiter.cancel();
  };
  call.once('cancelled', onCancel);
  try {
    const found = backend.findTx(request.getTransactionId()) ?? (await waiter.committed);
    return response(found);
  } finally {
    waiter.cancel();
    call.removeListener('cancelled', onCancel);
  }
}

function decode(signed: gateway.SignedCommitStatusRequest): gateway.CommitStatusRequest {
  let request: gateway.CommitStatusRequest;
  try {
    request = gateway.CommitStatusRequest.deserializeBinary(signed.getRequest_asU8());
  } catch (err) {
    throw new RpcError(
      GrpcStatus.INVALID_ARGUMENT,
      `failed to unmarshal commit status request: ${errorMessage(err)}`,
    );
  }
  if (request.getIdentity_asU8().length === 0)
    throw new RpcError(GrpcStatus.INVALID_ARGUMENT, 'no identity provided');
  if (request.getChannelId() === '')
    throw new RpcError(GrpcStatus.INVALID_ARGUMENT, 'no channel ID provided');
  if (request.getTransactionId() === '')
    throw new RpcError(GrpcStatus.INVALID_ARGUMENT, 'no transaction ID provided');
  return request;
}

function response(tx: CommittedTx): gateway.CommitStatusResponse {
  const out = new gateway.CommitStatusResponse();
  out.setResult(tx.code);
  out.setBlockNumber(tx.blockNumber);
  return out;
}
