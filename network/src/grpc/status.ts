import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { gateway, google } from '@hyperledger/fabric-protos';
import { Any } from 'google-protobuf/google/protobuf/any_pb';

/** One endorser's or orderer's part in a failure, as the gateway client decodes it. */
export interface ErrorDetail {
  readonly address: string;
  readonly mspId: string;
  readonly message: string;
}

/**
 * An error that leaves a service as an explicit gRPC status, with Fabric's
 * `gateway.ErrorDetail` list in the `grpc-status-details-bin` trailer.
 */
export class RpcError extends Error {
  /** The gRPC status code sent to the client. */
  readonly code: GrpcStatus;
  /** Per-node details, in the order the nodes were tried. */
  readonly details: readonly ErrorDetail[];

  constructor(code: GrpcStatus, message: string, details: readonly ErrorDetail[] = []) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.details = details;
  }
}

/** Encodes a google.rpc.Status carrying `gateway.ErrorDetail` entries. */
export function encodeStatusDetails(
  code: GrpcStatus,
  message: string,
  details: readonly ErrorDetail[],
): Uint8Array {
  const rpcStatus = new google.rpc.Status();
  rpcStatus.setCode(code);
  rpcStatus.setMessage(message);
  for (const detail of details) {
    const proto = new gateway.ErrorDetail();
    proto.setAddress(detail.address);
    proto.setMspId(detail.mspId);
    proto.setMessage(detail.message);
    const any = new Any();
    any.pack(proto.serializeBinary(), 'gateway.ErrorDetail');
    rpcStatus.addDetails(any);
  }
  return rpcStatus.serializeBinary();
}

/**
 * Turns anything thrown inside a handler into a ServiceError with an explicit code.
 * A raw exception would otherwise reach the client as `UNKNOWN "Unknown error"`, which it
 * cannot tell apart from a chaincode error.
 */
export function toServiceError(err: unknown): Partial<ServiceError> {
  const rpc = err instanceof RpcError ? err : new RpcError(GrpcStatus.INTERNAL, errorMessage(err));
  const metadata = new Metadata();
  if (rpc.details.length > 0) {
    metadata.set(
      'grpc-status-details-bin',
      Buffer.from(encodeStatusDetails(rpc.code, rpc.message, rpc.details)),
    );
  }
  return { code: rpc.code, details: rpc.message, metadata };
}

/** The message of any thrown value. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
