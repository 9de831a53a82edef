import { peer } from '@hyperledger/fabric-protos';

/** shim.Success: status 200 with a payload. */
export function success(payload: Uint8Array = new Uint8Array()): peer.Response {
  const response = new peer.Response();
  response.setStatus(200);
  response.setPayload(payload);
  return response;
}

/** shim.Error: status 500 with a message and no payload. */
export function failure(message: string): peer.Response {
  const response = new peer.Response();
  response.setStatus(500);
  response.setMessage(message);
  return response;
}

/** UTF-8 text of an argument. */
export function argText(arg: Uint8Array | undefined): string {
  return arg ? Buffer.from(arg).toString('utf8') : '';
}
