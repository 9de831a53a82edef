import { status as GrpcStatus } from '@grpc/grpc-js';
import { RpcError } from '../grpc/status';
import type { GatewayBackend } from './backend';

/** What a signed CommitStatus or ChaincodeEvents request carries for its access check. */
export interface SignedRequestParts {
  channelId: string;
  /** The serialized request bytes the signature covers. */
  data: Uint8Array;
  identity: Uint8Array;
  signature: Uint8Array;
}

/**
 * Checks a signed gateway request as a peer does: the channel must be this peer's, and the
 * signer must satisfy the ACL of `resource` (the channel's Readers by default).
 * @throws RpcError NOT_FOUND for another channel, PERMISSION_DENIED when the ACL is not met
 */
export function authorizeSignedRequest(
  backend: GatewayBackend,
  resource: string,
  parts: SignedRequestParts,
): void {
  if (parts.channelId !== backend.channelId)
    throw new RpcError(GrpcStatus.NOT_FOUND, `channel ${parts.channelId} not found`);
  const { data, identity, signature } = parts;
  if (!backend.authorize(resource, { data, identity, signature }))
    throw new RpcError(
      GrpcStatus.PERMISSION_DENIED,
      'access denied: the request does not satisfy the channel Readers policy',
    );
}
