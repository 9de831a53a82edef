import { isCommitFailed } from '../errors/guards';
import type { CommitFailedError } from '../errors/stage-error';

/** How often and how patiently a submit is retried. */
export interface RetryPolicy {
  /** Total attempts, the first included (1 = no retry). */
  readonly maxAttempts: number;
  /** First back-off delay; doubled each attempt, with jitter. */
  readonly baseDelayMs: number;
  /** Longest back-off delay. */
  readonly maxDelayMs: number;
  /** A config block stamped up to this long before the proposal still counts as a race (clock skew). */
  readonly configSkewMs: number;
}

/** Three attempts, 50 ms doubling to at most 1 s. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 50,
  maxDelayMs: 1000,
  configSkewMs: 5000,
};

/** Conflicts that a fresh proposal (new simulation, new tx id) can resolve. */
const READ_CONFLICTS = new Set(['MVCC_READ_CONFLICT', 'PHANTOM_READ_CONFLICT']);
/** Codes a channel config change between endorsement and commit produces (endorser or creator no longer valid). */
const CONFIG_RACE_CODES = new Set(['ENDORSEMENT_POLICY_FAILURE', 'BAD_CREATOR_SIGNATURE']);

/**
 * Decides whether a failed submit deserves a fresh proposal. Only read conflicts, and failures a
 * config change that landed after the proposal explains, are retried; everything else (a chaincode
 * refusal, an endorsement failure, a policy failure with no config change) is final.
 * @param error - what the attempt threw
 * @param configChangedSince - tells whether a config block newer than the proposal governs the failed block
 */
export async function isRetryable(
  error: unknown,
  configChangedSince: (failure: CommitFailedError) => Promise<boolean>,
): Promise<boolean> {
  if (!isCommitFailed(error)) return false;
  if (READ_CONFLICTS.has(error.validationName)) return true;
  if (CONFIG_RACE_CODES.has(error.validationName)) return configChangedSince(error);
  return false;
}

/** Jittered exponential back-off before attempt `attempt` (2 = first retry). */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 2));
  return Math.round(exp / 2 + Math.random() * (exp / 2));
}
