/** Why a policy could not be parsed, found or evaluated. */
export type PolicyErrorCode = 'POLICY_SYNTAX' | 'MALFORMED_POLICY' | 'UNKNOWN_POLICY';

/** A policy text that does not parse, policy bytes that do not decode, or a policy path that does not exist. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';

  constructor(
    readonly code: PolicyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True when `error` is a {@link PolicyError}. */
export function isPolicyError(error: unknown): error is PolicyError {
  return error instanceof Error && error.name === 'PolicyError';
}
