import { isAdminError, type AdminErrorCode } from '../admin/errors';
import { isChaincodeError, isConfigurationError, isFabricStageError } from '../errors/guards';

/** The CLI's exit codes: scripts branch on these. */
export const EXIT = { OK: 0, USAGE: 1, REFUSED: 2, FABRIC: 3, VERIFICATION_FAILED: 4 } as const;

/** A usage problem found by the CLI itself (missing input, malformed flag). */
export class UsageError extends Error {
  /** @param message - what to fix */
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

// Config updates the channel refuses (policy, orderer, stale read set) exit like chaincode refusals.
const ADMIN_REFUSALS: readonly AdminErrorCode[] = [
  'POLICY_NOT_SATISFIED',
  'BROADCAST_REFUSED',
  'UPDATE_STALE',
];

/** A verification that could not succeed (the transaction is not on the ledger, ...): exit code 4. */
export class VerificationFailedError extends Error {
  /** @param message - what could not be verified, and why */
  constructor(message: string) {
    super(message);
    this.name = 'VerificationFailedError';
  }
}

/**
 * Maps an error to its exit code: usage and setup 1, chaincode or channel refusal 2, Fabric or
 * network 3, verification failed 4.
 */
export function exitCodeOf(err: unknown): number {
  if (isChaincodeError(err)) return EXIT.REFUSED;
  if (err instanceof VerificationFailedError) return EXIT.VERIFICATION_FAILED;
  if (isAdminError(err))
    return ADMIN_REFUSALS.includes(err.code)
      ? EXIT.REFUSED
      : err.code === 'CONFIG_BLOCK_TIMEOUT'
        ? EXIT.FABRIC
        : EXIT.USAGE;
  if (isFabricStageError(err)) return EXIT.FABRIC;
  if (isConfigurationError(err) || err instanceof UsageError) return EXIT.USAGE;
  return EXIT.FABRIC;
}
