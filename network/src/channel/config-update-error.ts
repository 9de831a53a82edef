/** Why a config update was refused. */
export type ConfigUpdateErrorCode =
  /** Malformed, stale (read set versions), empty, or badly versioned: Broadcast answers BAD_REQUEST. */
  | 'BAD_CONFIG_UPDATE'
  /** A changed element's mod_policy is not satisfied by the update's signatures (BAD_REQUEST too, as Fabric). */
  | 'POLICY_NOT_SATISFIED';

/** A config update that cannot be applied to the channel; the message reads as Fabric's. */
export class ConfigUpdateError extends Error {
  override readonly name = 'ConfigUpdateError';

  constructor(
    readonly code: ConfigUpdateErrorCode,
    message: string,
  ) {
    super(message);
  }

  /** The same error with Fabric's context prefix (`error authorizing update: ...`). */
  wrap(context: string): ConfigUpdateError {
    return new ConfigUpdateError(this.code, `${context}: ${this.message}`);
  }
}

/** True when `error` is a {@link ConfigUpdateError}. */
export function isConfigUpdateError(error: unknown): error is ConfigUpdateError {
  return error instanceof Error && error.name === 'ConfigUpdateError';
}

/** `error` with Fabric's context prefix; errors other than ConfigUpdateError become BAD_CONFIG_UPDATE. */
export function wrapped(error: unknown, context: string): ConfigUpdateError {
  if (isConfigUpdateError(error)) return error.wrap(context);
  return new ConfigUpdateError(
    'BAD_CONFIG_UPDATE',
    `${context}: ${error instanceof Error ? error.message : String(error)}`,
  );
}
