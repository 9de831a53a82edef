import { AllianceGatewayError } from '../errors/gateway-error';

/** Codes of what can go wrong while preparing, signing or submitting a channel configuration change. */
export type AdminErrorCode =
  /** The modified config equals the original: there is nothing to update. */
  | 'NO_DIFFERENCES'
  /** A config, config block or config update could not be decoded. */
  | 'CONFIG_INVALID'
  /** An org definition file is missing a field or holds a bad certificate. */
  | 'ORG_DEFINITION_INVALID'
  /** The org (by name or MSP ID) is already a member of the channel. */
  | 'ORG_EXISTS'
  /** The org named is not in the channel's Application group. */
  | 'ORG_NOT_FOUND'
  /** An update file is not a ConfigUpdateEnvelope, or is for another channel. */
  | 'UPDATE_FILE_INVALID'
  /** The identity has signed this update already. */
  | 'ALREADY_SIGNED'
  /** A signature does not verify, or the signer is not a valid member of the channel. */
  | 'SIGNATURE_INVALID'
  /** The update's read set no longer matches the channel's config (another update landed first). */
  | 'UPDATE_STALE'
  /** The collected signatures do not satisfy a changed element's modification policy. */
  | 'POLICY_NOT_SATISFIED'
  /** The orderer refused the update (its status and message are kept). */
  | 'BROADCAST_REFUSED'
  /** The orderer accepted the update but no config block reached the peer in time. */
  | 'CONFIG_BLOCK_TIMEOUT'
  /** The org's CA (certificate and key) was not found in the crypto folder. */
  | 'CA_NOT_FOUND'
  /** An identity already exists where a new one would be written. */
  | 'IDENTITY_EXISTS'
  /** A certificate was not issued by the org's CA. */
  | 'NOT_ISSUED_BY_ORG';

/** A channel administration step that failed; nothing was changed on the network. */
export class AdminError extends AllianceGatewayError {
  /** What failed. */
  readonly code: AdminErrorCode;
  /** The policy that was not satisfied, when the failure is a policy's (`/Channel/Application/Admins`). */
  readonly policy: string | undefined;

  /**
   * @param code - stable code of the failure
   * @param message - what failed and, where possible, how to fix it
   * @param options - the underlying error, and the policy that fell short
   */
  constructor(code: AdminErrorCode, message: string, options?: { cause?: unknown; policy?: string }) {
    super(message, options);
    this.code = code;
    this.policy = options?.policy;
  }
}

/** True when `e` is an {@link AdminError} (optionally with this code); compares by name across library copies. */
export function isAdminError(e: unknown, code?: AdminErrorCode): e is AdminError {
  return (
    e instanceof Error &&
    e.name === 'AdminError' &&
    (code === undefined || (e as { code?: unknown }).code === code)
  );
}
