import { status as GrpcStatus } from '@grpc/grpc-js';
import { common, gateway } from '@hyperledger/fabric-protos';
import { errorMessage, RpcError } from '../grpc/status';
import type { GatewayBackend } from './backend';

const STATUS_NAMES = new Map(Object.entries(common.Status).map(([name, value]) => [value as number, name]));

/** Gateway.Submit: checks the transaction is signed and broadcasts it unchanged to the orderer. */
export async function submit(
  backend: GatewayBackend,
  request: gateway.SubmitRequest,
): Promise<gateway.SubmitResponse> {
  const envelope = request.getPreparedTransaction();
  if (!envelope) throw new RpcError(GrpcStatus.INVALID_ARGUMENT, 'a prepared transaction is required');
  if (envelope.getSignature_asU8().length === 0)
    throw new RpcError(GrpcStatus.INVALID_ARGUMENT, 'prepared transaction must be signed');
  let reply: { status: number; info: string };
  try {
    reply = await backend.broadcast(envelope);
  } catch (err) {
    throw new RpcError(GrpcStatus.UNAVAILABLE, 'no orderers could successfully process transaction', [
      { address: 'orderer', mspId: '', message: errorMessage(err) },
    ]);
  }
  if (reply.status !== common.Status.SUCCESS) {
    const name = STATUS_NAMES.get(reply.status) ?? String(reply.status);
    throw new RpcError(
      GrpcStatus.ABORTED,
      `received unsuccessful response from orderer: status=${name}, info=${reply.info}`,
    );
  }
  return new gateway.SubmitResponse();
}
