/**
 * The root of every error the gateway library throws. Each error carries a stable `code`
 * (never a message to match on) so callers and the CLI can branch on what failed.
 */
export abstract class AllianceGatewayError extends Error {
  /** Stable machine code of what failed. */
  abstract readonly code: string;

  /**
   * @param message - human-readable explanation, safe to print
   * @param options - the underlying error, kept for diagnosis
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Codes of failures found before anything reaches the network (profile, identity, inputs). */
export type ConfigurationErrorCode =
  | 'PROFILE_NOT_FOUND'
  | 'PROFILE_INVALID'
  | 'ORG_NOT_FOUND'
  | 'IDENTITY_NOT_FOUND'
  | 'IDENTITY_UNREADABLE'
  | 'IDENTITY_EXPIRED'
  | 'KEY_CERT_MISMATCH'
  | 'MSP_MISMATCH'
  | 'ROLE_ATTRIBUTE_INVALID'
  | 'TLS_CA_UNREADABLE'
  | 'INPUT_INVALID'
  | 'CHECKPOINT_INVALID';

/** A profile, identity or input that cannot be used; nothing was sent to the network. */
export class ConfigurationError extends AllianceGatewayError {
  /** What was wrong. */
  readonly code: ConfigurationErrorCode;

  /**
   * @param code - stable code of the problem
   * @param message - what is wrong and, where possible, how to fix it
   * @param options - the underlying error
   */
  constructor(code: ConfigurationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
