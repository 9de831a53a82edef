/**
 * The comparative-verification case state machine (rule 29). Results are sealed by hash
 * commitments before any lab reveals, so no lab can adjust its results after seeing another's.
 */
import type { Outcome } from './outcome';

/** Every state of a verification case. */
export const VERIFICATION_STATES = [
  'DRAFT',
  'APPROVED',
  'SAMPLES_DISPATCHED',
  'RESULTS_PENDING',
  'RESULTS_COMPLETE',
  'EVALUATED',
  'SATISFACTORY',
  'QUESTIONABLE',
  'UNSATISFACTORY',
  'INVESTIGATION',
  'CLOSED',
] as const;
/** A verification case's state. */
export type VerificationState = (typeof VERIFICATION_STATES)[number];

/** What can happen to a case. */
export type VerificationEvent =
  | 'APPROVE' // the last required approval signature arrived
  | 'DISPATCH' // samples sent to every lab
  | 'COMMIT' // a lab committed the hash of its results
  | 'SEAL' // every lab has committed
  | 'EVALUATE' // every lab revealed; scores computed
  | 'INVESTIGATE'
  | 'CLOSE';

const TRANSITIONS: Readonly<
  Record<VerificationEvent, Partial<Record<VerificationState, VerificationState>>>
> = {
  APPROVE: { DRAFT: 'APPROVED' },
  DISPATCH: { APPROVED: 'SAMPLES_DISPATCHED' },
  COMMIT: { SAMPLES_DISPATCHED: 'RESULTS_PENDING', RESULTS_PENDING: 'RESULTS_PENDING' },
  SEAL: { RESULTS_PENDING: 'RESULTS_COMPLETE' },
  EVALUATE: { RESULTS_COMPLETE: 'EVALUATED' },
  INVESTIGATE: { QUESTIONABLE: 'INVESTIGATION', UNSATISFACTORY: 'INVESTIGATION' },
  CLOSE: { INVESTIGATION: 'CLOSED', SATISFACTORY: 'CLOSED' },
};

/** The state after `event`, or `undefined` when the event is not allowed in `from`. */
export function nextVerificationState(
  from: VerificationState,
  event: VerificationEvent,
): VerificationState | undefined {
  return TRANSITIONS[event][from];
}

/** The state an evaluated case settles in: its aggregate outcome. */
export function stateForOutcome(outcome: Outcome): VerificationState {
  return outcome;
}

/** Whether a case's protocol may still change (it is frozen from approval on). */
export function protocolEditable(state: VerificationState): boolean {
  return state === 'DRAFT';
}

/** Whether a reveal may be accepted: only once every commitment is in. */
export function revealAllowed(state: VerificationState): boolean {
  return state === 'RESULTS_COMPLETE';
}

/** Labs that still owe something: those of `required` not in `done`. */
export function outstanding(required: readonly string[], done: readonly string[]): string[] {
  const have = new Set(done);
  return required.filter((r) => !have.has(r));
}
