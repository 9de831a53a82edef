import type { CallOptions } from '@grpc/grpc-js';

/** Time limits, in milliseconds, of each kind of call to the network. */
export interface CallTimeouts {
  /** A query run on one peer. */
  readonly evaluateMs: number;
  /** Collecting endorsements. */
  readonly endorseMs: number;
  /** Handing the endorsed transaction to the orderer. */
  readonly submitMs: number;
  /** Waiting for the transaction to be committed in a block. */
  readonly commitStatusMs: number;
}

/** Defaults generous enough for a busy network, short enough that nothing hangs. */
export const DEFAULT_TIMEOUTS: CallTimeouts = {
  evaluateMs: 10_000,
  endorseMs: 15_000,
  submitMs: 5_000,
  commitStatusMs: 60_000,
};

/** Turns a time limit into per-call options computed at call time (a deadline is an instant, not a duration). */
export function deadlineIn(ms: number): () => CallOptions {
  return () => ({ deadline: Date.now() + ms });
}
