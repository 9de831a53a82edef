/** Why an identity was refused. */
export type IdentityErrorCode = 'UNKNOWN_MSP' | 'NOT_VALID_CERT' | 'REVOKED' | 'EXPIRED' | 'MALFORMED';

/** An identity that cannot be deserialized or is not valid for the channel's MSPs. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';

  constructor(
    readonly code: IdentityErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True when `error` is an {@link IdentityError}. */
export function isIdentityError(error: unknown): error is IdentityError {
  return error instanceof Error && error.name === 'IdentityError';
}
