/**
 * The lot state machine of rule 31 (raw-material lots and formulation batches alike), with the
 * EPCIS disposition each state corresponds to.
 *
 * Two states are overlays rather than stored transitions: HOLD_ADDITIONAL_VERIFICATION holds
 * while any hold (a key of its own, so any member can flag another's lot) is open, and EXPIRED
 * holds from the day after the expiry date at ledger time. {@link effectiveLotState} combines
 * them with the stored state; transitions are judged on the effective state.
 */

/** Every state a lot or batch can be in. */
export const LOT_STATES = [
  'CREATED',
  'RECEIVED',
  'SAMPLED',
  'UNDER_TEST',
  'RELEASED',
  'REJECTED',
  'HOLD_ADDITIONAL_VERIFICATION',
  'RECALLED',
  'EXPIRED',
  'CONSUMED',
] as const;
/** A lot's state. */
export type LotState = (typeof LOT_STATES)[number];

/** What can happen to a lot; each event names the EPCIS bizStep or disposition behind it. */
export type LotEvent =
  | 'RECEIVE' // ObjectEvent, bizStep receiving
  | 'SAMPLE' // bizStep sampling
  | 'START_TEST' // bizStep inspecting
  | 'RELEASE' // disposition conformant
  | 'REJECT' // disposition non_conformant
  | 'RECALL' // disposition recalled
  | 'EXPIRE' // disposition expired, at ledger time
  | 'CONSUME'; // remaining quantity reached 0

/** States no event leaves except a recall (recall applies to "any state"). */
const TERMINAL: ReadonlySet<LotState> = new Set(['REJECTED', 'RECALLED', 'EXPIRED', 'CONSUMED']);

const TRANSITIONS: Readonly<Record<Exclude<LotEvent, 'RECALL'>, Partial<Record<LotState, LotState>>>> = {
  RECEIVE: { CREATED: 'RECEIVED' },
  SAMPLE: { RECEIVED: 'SAMPLED' },
  START_TEST: { SAMPLED: 'UNDER_TEST' },
  RELEASE: { UNDER_TEST: 'RELEASED' },
  // A held lot leaves HOLD by its holds closing (back to its stored state) or by rejection.
  REJECT: { UNDER_TEST: 'REJECTED', HOLD_ADDITIONAL_VERIFICATION: 'REJECTED' },
  EXPIRE: { RELEASED: 'EXPIRED', HOLD_ADDITIONAL_VERIFICATION: 'EXPIRED' },
  CONSUME: { RELEASED: 'CONSUMED' },
};

/** The state after `event`, or `undefined` when the event is not allowed in `from`. */
export function nextLotState(from: LotState, event: LotEvent): LotState | undefined {
  if (event === 'RECALL') return from === 'RECALLED' ? undefined : 'RECALLED';
  if (TERMINAL.has(from)) return undefined;
  return TRANSITIONS[event][from];
}

/**
 * Whether a lot in this (effective) state can be put on hold. A hold applies anywhere before a
 * lot's end, not only after release: a flag raised while a lot is still being tested must stop
 * it being released on stale evidence.
 */
export function holdable(state: LotState): boolean {
  return !TERMINAL.has(state);
}

/**
 * The state a lot is in at ledger time: terminal stored states stand; otherwise a lot past its
 * expiry is EXPIRED, a lot with an open hold is HOLD_ADDITIONAL_VERIFICATION, and else the stored
 * state applies.
 */
export function effectiveLotState(stored: LotState, openHolds: number, expired: boolean): LotState {
  if (TERMINAL.has(stored)) return stored;
  if (expired) return 'EXPIRED';
  return openHolds > 0 ? 'HOLD_ADDITIONAL_VERIFICATION' : stored;
}

/** The CBV 2.0 disposition recorded with a state (there is no CBV "quarantine"). */
export function dispositionOf(state: LotState): string {
  switch (state) {
    case 'RELEASED':
      return 'conformant';
    case 'REJECTED':
    case 'HOLD_ADDITIONAL_VERIFICATION':
      return 'non_conformant';
    case 'RECALLED':
      return 'recalled';
    case 'EXPIRED':
      return 'expired';
    case 'CONSUMED':
      return 'unavailable';
    default:
      return 'in_progress';
  }
}

/** States in which a lot may not be shipped (rule 35). */
export function shippingRefused(state: LotState): boolean {
  return (
    state === 'HOLD_ADDITIONAL_VERIFICATION' ||
    state === 'REJECTED' ||
    state === 'RECALLED' ||
    state === 'EXPIRED'
  );
}
