import { status as GrpcStatus } from '@grpc/grpc-js';
import { gateway, google } from '@alliance/network/protos';
import { encodeStatusDetails, RpcError, toServiceError } from '@alliance/network/grpc';

describe('gRPC error details', () => {
  it('carries gateway.ErrorDetail entries in google.rpc.Status', () => {
    const bytes = encodeStatusDetails(GrpcStatus.ABORTED, 'failed', [
      { address: '127.0.0.1:7051', mspId: 'AMSP', message: 'chaincode response 500, nope' },
    ]);
    const decoded = google.rpc.Status.deserializeBinary(bytes);
    expect(decoded.getCode()).toBe(GrpcStatus.ABORTED);
    const any = decoded.getDetailsList()[0];
    expect(any?.getTypeUrl()).toBe('type.googleapis.com/gateway.ErrorDetail');
    const detail = gateway.ErrorDetail.deserializeBinary(any?.getValue_asU8() ?? new Uint8Array());
    expect([detail.getAddress(), detail.getMspId(), detail.getMessage()]).toEqual([
      '127.0.0.1:7051',
      'AMSP',
      'chaincode response 500, nope',
    ]);
  });

  it('turns an RpcError into an explicit status with the trailer, and anything else into INTERNAL', () => {
    const coded = toServiceError(
      new RpcError(GrpcStatus.UNKNOWN, 'boom', [{ address: 'a', mspId: 'm', message: 'x' }]),
    );
    expect(coded.code).toBe(GrpcStatus.UNKNOWN);
    expect(coded.metadata?.get('grpc-status-details-bin')).toHaveLength(1);
    expect(toServiceError(new Error('raw')).code).toBe(GrpcStatus.INTERNAL);
  });
});
