import { status as GrpcStatus, type ServerWritableStream } from '@grpc/grpc-js';
import { gateway, orderer, peer } from '@hyperledger/fabric-protos';
import { blockTransactions, validationCodes } from '../deliver/transactions';
import { errorMessage, RpcError } from '../grpc/status';
import type { GatewayBackend } from './backend';
import { authorizeSignedRequest } from './signed-request';

type EventsCall = ServerWritableStream<gateway.SignedChaincodeEventsRequest, gateway.ChaincodeEventsResponse>;

/**
 * Gateway.ChaincodeEvents: streams, per block with at least one match, the events of VALID
 * transactions of the requested chaincode, from the block of `after_transaction_id` (dropping
 * events up to and including it) or from the start position. Ends only on cancellation.
 */
export async function chaincodeEvents(backend: GatewayBackend, call: EventsCall): Promise<void> {
  const signed = call.request;
  const request = decode(signed);
  authorizeSignedRequest(backend, 'gateway/ChaincodeEvents', {
    channelId: request.getChannelId(),
    data: signed.getRequest_asU8(),
    identity: request.getIdentity_asU8(),
    signature: signed.getSignature_asU8(),
  });
  const afterTxId = request.getAfterTransactionId();
  let skipping = afterTxId !== '';
  let num = startBlock(backend, request);
  const abort = new AbortController();
  call.on('cancelled', () => {
    abort.abort();
  });
  while (!abort.signal.aborted) {
    try {
      await backend.heights.waitFor(num + 1, abort.signal);
    } catch {
      return;
    }
    const block = backend.block(num);
    if (!block) throw new RpcError(GrpcStatus.ABORTED, `block ${num} is missing from the ledger`);
    const codes = validationCodes(block);
    const events: peer.ChaincodeEvent[] = [];
    for (const tx of blockTransactions(block)) {
      const event = tx.event;
      if (codes[tx.index] !== peer.TxValidationCode.VALID || !event) continue;
      if (event.getChaincodeId() === '' || event.getEventName() === '' || event.getTxId() === '') continue;
      if (skipping) {
        if (event.getTxId() === afterTxId) skipping = false;
        continue;
      }
      if (event.getChaincodeId() === request.getChaincodeId()) events.push(event);
    }
    if (events.length > 0) {
      const response = new gateway.ChaincodeEventsResponse();
      response.setBlockNumber(num);
      response.setEventsList(events);
      if (!call.write(response)) await new Promise((resolve) => call.once('drain', resolve));
    }
    num++;
  }
}

function decode(signed: gateway.SignedChaincodeEventsRequest): gateway.ChaincodeEventsRequest {
  try {
    return gateway.ChaincodeEventsRequest.deserializeBinary(signed.getRequest_asU8());
  } catch (err) {
    throw new RpcError(
      GrpcStatus.INVALID_ARGUMENT,
      `failed to unmarshal chaincode events request: ${errorMessage(err)}`,
    );
  }
}

function startBlock(backend: GatewayBackend, request: gateway.ChaincodeEventsRequest): number {
  const afterTxId = request.getAfterTransactionId();
  const found = afterTxId === '' ? undefined : backend.findTx(afterTxId);
  if (found) return found.blockNumber;
  const position = request.getStartPosition();
  switch (position?.getTypeCase() ?? orderer.SeekPosition.TypeCase.TYPE_NOT_SET) {
    case orderer.SeekPosition.TypeCase.SPECIFIED:
      return position?.getSpecified()?.getNumber() ?? 0;
    case orderer.SeekPosition.TypeCase.NEXT_COMMIT:
    case orderer.SeekPosition.TypeCase.TYPE_NOT_SET:
      return backend.heights.height;
    default:
      throw new RpcError(GrpcStatus.INVALID_ARGUMENT, 'invalid start position type');
  }
}
