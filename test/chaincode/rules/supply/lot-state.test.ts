import {
  LOT_STATES,
  dispositionOf,
  effectiveLotState,
  holdable,
  nextLotState,
  shippingRefused,
  type LotEvent,
  type LotState,
} from '../../../../chaincode/src/rules/supply/lot-state';

const EVENTS: LotEvent[] = [
  'RECEIVE',
  'SAMPLE',
  'START_TEST',
  'RELEASE',
  'REJECT',
  'RECALL',
  'EXPIRE',
  'CONSUME',
];

/** Every allowed transition of rule 31, written out independently of the implementation's table. */
const ALLOWED: Record<string, LotState> = {
  'CREATED/RECEIVE': 'RECEIVED',
  'RECEIVED/SAMPLE': 'SAMPLED',
  'SAMPLED/START_TEST': 'UNDER_TEST',
  'UNDER_TEST/RELEASE': 'RELEASED',
  'UNDER_TEST/REJECT': 'REJECTED',
  'HOLD_ADDITIONAL_VERIFICATION/REJECT': 'REJECTED',
  'RELEASED/EXPIRE': 'EXPIRED',
  'HOLD_ADDITIONAL_VERIFICATION/EXPIRE': 'EXPIRED',
  'RELEASED/CONSUME': 'CONSUMED',
};

describe('lot state machine (rule 31)', () => {
  it.each(LOT_STATES.flatMap((s) => EVENTS.map((e) => [s, e] as const)))('%s on %s', (state, event) => {
    const expected =
      event === 'RECALL' ? (state === 'RECALLED' ? undefined : 'RECALLED') : ALLOWED[`${state}/${event}`];
    expect(nextLotState(state, event)).toBe(expected);
  });

  it('holds any lot that has not reached its end', () => {
    expect(LOT_STATES.filter(holdable)).toEqual([
      'CREATED',
      'RECEIVED',
      'SAMPLED',
      'UNDER_TEST',
      'RELEASED',
      'HOLD_ADDITIONAL_VERIFICATION',
    ]);
  });

  it('derives HOLD and EXPIRED at ledger time over the stored state', () => {
    expect(effectiveLotState('RELEASED', 0, false)).toBe('RELEASED');
    expect(effectiveLotState('RELEASED', 1, false)).toBe('HOLD_ADDITIONAL_VERIFICATION');
    expect(effectiveLotState('UNDER_TEST', 2, false)).toBe('HOLD_ADDITIONAL_VERIFICATION');
    expect(effectiveLotState('RELEASED', 1, true)).toBe('EXPIRED');
    expect(effectiveLotState('CREATED', 0, true)).toBe('EXPIRED');
    expect(effectiveLotState('RECALLED', 1, true)).toBe('RECALLED');
    expect(effectiveLotState('REJECTED', 1, false)).toBe('REJECTED');
    expect(effectiveLotState('CONSUMED', 0, true)).toBe('CONSUMED');
    expect(effectiveLotState('EXPIRED', 0, false)).toBe('EXPIRED');
  });

  it('maps states to CBV dispositions', () => {
    expect(dispositionOf('RELEASED')).toBe('conformant');
    expect(dispositionOf('REJECTED')).toBe('non_conformant');
    expect(dispositionOf('HOLD_ADDITIONAL_VERIFICATION')).toBe('non_conformant');
    expect(dispositionOf('RECALLED')).toBe('recalled');
    expect(dispositionOf('EXPIRED')).toBe('expired');
    expect(dispositionOf('CONSUMED')).toBe('unavailable');
    expect(dispositionOf('UNDER_TEST')).toBe('in_progress');
  });

  it('refuses shipping for held, rejected, recalled and expired lots only (rule 35)', () => {
    const refused = LOT_STATES.filter(shippingRefused);
    expect(refused).toEqual(['REJECTED', 'HOLD_ADDITIONAL_VERIFICATION', 'RECALLED', 'EXPIRED']);
  });
});
