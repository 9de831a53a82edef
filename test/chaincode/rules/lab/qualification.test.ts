import type { QualificationStatus } from '../../../../chaincode/src/model/lab/instrument';
import {
  applyStage,
  checkGroup,
  effectiveState,
  isUsable,
  requiredStages,
  retire,
} from '../../../../chaincode/src/rules/lab/qualification';
import { suspend } from '../../../../chaincode/src/rules/lab/suspension';
import { codeOf, messagesOf, refusalMessageOf } from './support';

const params = { requalIntervalMonths: 12, dueSoonDays: 30 };
const registered: QualificationStatus = { state: 'REGISTERED' };

describe('USP <1058> groups', () => {
  it.each(['ICP-MS', 'LC-MS/MS', 'HPLC-UV/DAD'] as const)('%s must be group C', (technique) => {
    expect(
      codeOf(() => {
        checkGroup(technique, 'B');
      }),
    ).toBe('VALIDATION_FAILED');
    expect(
      codeOf(() => {
        checkGroup(technique, 'A');
      }),
    ).toBe('VALIDATION_FAILED');
    expect(
      codeOf(() => {
        checkGroup(technique, 'C');
      }),
    ).toBeUndefined();
  });
  it('refuses the group field, naming the technique', () => {
    expect(
      messagesOf(() => {
        checkGroup('ICP-MS', 'B');
      }),
    ).toEqual(['VALIDATION_FAILED:uspGroup']);
    expect(
      refusalMessageOf(() => {
        checkGroup('ICP-MS', 'B');
      }),
    ).toContain('ICP-MS');
  });
  it('lets a balance be group B', () => {
    expect(
      codeOf(() => {
        checkGroup('BALANCE', 'B');
      }),
    ).toBeUndefined();
  });
  it('requires IQ/OQ/PQ for C, IQ/OQ for B, IQ for A', () => {
    expect(requiredStages('C')).toEqual(['IQ', 'OQ', 'PQ']);
    expect(requiredStages('B')).toEqual(['IQ', 'OQ']);
    expect(requiredStages('A')).toEqual(['IQ']);
  });
});

describe('qualification state machine', () => {
  // Built inside each test (not once at load) so every test exercises the stages it relies on.
  const passIq = (): QualificationStatus =>
    applyStage(registered, 'C', 'IQ', true, '2025-01-10T00:00:00Z', params);
  const passOq = (): QualificationStatus =>
    applyStage(passIq(), 'C', 'OQ', true, '2025-01-20T00:00:00Z', params);
  const passPq = (): QualificationStatus =>
    applyStage(passOq(), 'C', 'PQ', true, '2025-01-31T08:00:00Z', params);

  it('walks REGISTERED → IQ_PASSED → OQ_PASSED → QUALIFIED for group C', () => {
    expect(passIq()).toEqual({ state: 'IQ_PASSED', iqPassedAt: '2025-01-10T00:00:00Z' });
    expect(passOq().state).toBe('OQ_PASSED');
    expect(passOq().oqPassedAt).toBe('2025-01-20T00:00:00Z');
    expect(passPq().state).toBe('QUALIFIED');
    expect(passPq().pqPassedAt).toBe('2025-01-31T08:00:00Z');
  });

  it('sets qualifiedUntil = PQ date + 12 months', () => {
    expect(passPq().qualifiedUntil).toBe('2026-01-31T08:00:00.000Z');
  });

  it('qualifies group B after OQ, with qualifiedUntil from the OQ date', () => {
    const b = applyStage(
      applyStage(registered, 'B', 'IQ', true, '2025-03-01T00:00:00Z', params),
      'B',
      'OQ',
      true,
      '2025-03-02T00:00:00Z',
      params,
    );
    expect(b.state).toBe('QUALIFIED');
    expect(b.qualifiedUntil).toBe('2026-03-02T00:00:00.000Z');
  });

  it('qualifies group A after IQ', () => {
    expect(applyStage(registered, 'A', 'IQ', true, '2025-03-01T00:00:00Z', params).state).toBe('QUALIFIED');
  });

  it('refuses stages out of order', () => {
    expect(codeOf(() => applyStage(registered, 'C', 'OQ', true, '2025-01-10T00:00:00Z', params))).toBe(
      'INVALID_STATE',
    );
    expect(codeOf(() => applyStage(registered, 'C', 'PQ', true, '2025-01-10T00:00:00Z', params))).toBe(
      'INVALID_STATE',
    );
    expect(codeOf(() => applyStage(passIq(), 'C', 'PQ', true, '2025-01-10T00:00:00Z', params))).toBe(
      'INVALID_STATE',
    );
    expect(codeOf(() => applyStage(passOq(), 'C', 'IQ', true, '2025-01-10T00:00:00Z', params))).toBe(
      'INVALID_STATE',
    );
  });

  it('sends a failed first OQ back to IQ_PASSED and keeps a failed IQ REGISTERED', () => {
    expect(applyStage(passIq(), 'C', 'OQ', false, '2025-01-20T00:00:00Z', params).state).toBe('IQ_PASSED');
    expect(applyStage(registered, 'C', 'IQ', false, '2025-01-20T00:00:00Z', params).state).toBe('REGISTERED');
    expect(applyStage(passOq(), 'C', 'PQ', false, '2025-01-20T00:00:00Z', params).state).toBe('OQ_PASSED');
  });

  it('suspends a qualified instrument whose PQ fails, requalifying from PQ', () => {
    const failed = applyStage(passPq(), 'C', 'PQ', false, '2025-06-01T00:00:00Z', params);
    expect(failed.state).toBe('SUSPENDED');
    expect(failed.suspension).toEqual({
      causes: ['FAILED_PQ'],
      refIds: ['PQ@2025-06-01T00:00:00Z'],
      since: '2025-06-01T00:00:00Z',
      requalifyFrom: 'PQ',
    });
    const back = applyStage(failed, 'C', 'PQ', true, '2025-06-02T00:00:00Z', params);
    expect(back.state).toBe('QUALIFIED');
    expect(back.suspension).toBeUndefined();
    expect(back.qualifiedUntil).toBe('2026-06-02T00:00:00.000Z');
  });

  it('suspends a qualified instrument whose OQ fails; PQ alone does not requalify it', () => {
    const failed = applyStage(passPq(), 'C', 'OQ', false, '2025-06-01T00:00:00Z', params);
    expect(failed.suspension?.requalifyFrom).toBe('OQ');
    expect(codeOf(() => applyStage(failed, 'C', 'PQ', true, '2025-06-02T00:00:00Z', params))).toBe(
      'INVALID_STATE',
    );
    const oqAgain = applyStage(failed, 'C', 'OQ', true, '2025-06-02T00:00:00Z', params);
    expect(oqAgain.state).toBe('OQ_PASSED');
    expect(applyStage(oqAgain, 'C', 'PQ', true, '2025-06-03T00:00:00Z', params).state).toBe('QUALIFIED');
  });

  it('keeps a suspended instrument suspended when a stage fails again', () => {
    const failed = applyStage(passPq(), 'C', 'PQ', false, '2025-06-01T00:00:00Z', params);
    const again = applyStage(failed, 'C', 'PQ', false, '2025-06-02T00:00:00Z', params);
    expect(again.state).toBe('SUSPENDED');
    expect(again.suspension).toEqual(failed.suspension);
  });

  it('allows a routine PQ while qualified but needs OQ again once expired', () => {
    expect(applyStage(passPq(), 'C', 'PQ', true, '2025-12-01T00:00:00Z', params).qualifiedUntil).toBe(
      '2026-12-01T00:00:00.000Z',
    );
    expect(codeOf(() => applyStage(passPq(), 'C', 'PQ', true, '2026-02-01T00:00:00Z', params))).toBe(
      'INVALID_STATE',
    );
    expect(applyStage(passPq(), 'C', 'OQ', true, '2026-02-01T00:00:00Z', params).state).toBe('OQ_PASSED');
  });

  it('retires for good', () => {
    const retired = retire(passPq());
    expect(retired.state).toBe('RETIRED');
    expect(codeOf(() => retire(retired))).toBe('INVALID_STATE');
    expect(codeOf(() => applyStage(retired, 'C', 'IQ', true, '2025-06-01T00:00:00Z', params))).toBe(
      'INVALID_STATE',
    );
  });
});

describe('repeats, requalification and retirement', () => {
  const at = (day: number): string => `2025-02-${String(day).padStart(2, '0')}T00:00:00Z`;
  const iqC = (): QualificationStatus => applyStage(registered, 'C', 'IQ', true, at(1), params);
  const oqC = (): QualificationStatus => applyStage(iqC(), 'C', 'OQ', true, at(2), params);
  const qualifiedC = (): QualificationStatus => applyStage(oqC(), 'C', 'PQ', true, at(3), params);

  it('lets a stage be repeated before the next one, recording the newer pass', () => {
    expect(applyStage(iqC(), 'C', 'IQ', true, at(4), params)).toEqual({
      state: 'IQ_PASSED',
      iqPassedAt: at(4),
    });
    const again = applyStage(oqC(), 'C', 'OQ', true, at(4), params);
    expect(again.state).toBe('OQ_PASSED');
    expect(again.oqPassedAt).toBe(at(4));
  });

  it('sends a failed repeat back to the state before that stage, and the next stage waits for it', () => {
    const iqFailed = applyStage(iqC(), 'C', 'IQ', false, at(4), params);
    expect(iqFailed.state).toBe('REGISTERED');
    expect(codeOf(() => applyStage(iqFailed, 'C', 'OQ', true, at(5), params))).toBe('INVALID_STATE');
    expect(applyStage(oqC(), 'C', 'OQ', false, at(4), params).state).toBe('IQ_PASSED');
  });

  it('forgets a pass once the stage fails again, so a later suspension cannot skip the failed stage', () => {
    const iqFailed = applyStage(iqC(), 'C', 'IQ', false, at(4), params);
    expect(iqFailed.iqPassedAt).toBeUndefined();
    const moved = suspend(iqFailed, 'C', 'RELOCATION', 'maint-1', at(5));
    expect(moved.suspension?.requalifyFrom).toBe('IQ');
    expect(codeOf(() => applyStage(moved, 'C', 'OQ', true, at(6), params))).toBe('INVALID_STATE');

    const oqFailed = applyStage(oqC(), 'C', 'OQ', false, at(4), params);
    expect(oqFailed.oqPassedAt).toBeUndefined();
    const sstFailed = suspend(oqFailed, 'C', 'FAILED_SST', 'sst-1', at(5));
    expect(sstFailed.suspension?.requalifyFrom).toBe('OQ');
    expect(codeOf(() => applyStage(sstFailed, 'C', 'PQ', true, at(6), params))).toBe('INVALID_STATE');
  });

  it('makes a suspended instrument whose OQ fails during requalification redo that OQ before any PQ', () => {
    const suspended = applyStage(qualifiedC(), 'C', 'PQ', false, at(4), params);
    expect(suspended.suspension?.requalifyFrom).toBe('PQ');
    const oqFailed = applyStage(suspended, 'C', 'OQ', false, at(5), params);
    expect(oqFailed.state).toBe('SUSPENDED');
    expect(oqFailed.suspension?.requalifyFrom).toBe('OQ');
    expect(codeOf(() => applyStage(oqFailed, 'C', 'PQ', true, at(6), params))).toBe('INVALID_STATE');
    const oqAgain = applyStage(oqFailed, 'C', 'OQ', true, at(6), params);
    expect(applyStage(oqAgain, 'C', 'PQ', true, at(7), params).state).toBe('QUALIFIED');
  });

  it('needs a new OQ, not just a PQ, after a relocation or a failed OQ', () => {
    const relocated = suspend(qualifiedC(), 'C', 'RELOCATION', 'maint-1', at(4));
    expect(codeOf(() => applyStage(relocated, 'C', 'PQ', true, at(5), params))).toBe('INVALID_STATE');
    const oqFailed = applyStage(qualifiedC(), 'C', 'OQ', false, at(4), params);
    expect(oqFailed.suspension).toEqual({
      causes: ['FAILED_OQ'],
      refIds: [`OQ@${at(4)}`],
      since: at(4),
      requalifyFrom: 'OQ',
    });
  });

  it('suspends a group A instrument whose optional PQ fails, keeping its IQ and nothing else', () => {
    const a = applyStage(registered, 'A', 'IQ', true, at(1), params);
    expect(applyStage(a, 'A', 'PQ', false, at(10), params)).toStrictEqual({
      state: 'SUSPENDED',
      iqPassedAt: at(1),
      qualifiedUntil: '2026-02-01T00:00:00.000Z',
      suspension: { causes: ['FAILED_PQ'], refIds: [`PQ@${at(10)}`], since: at(10), requalifyFrom: 'PQ' },
    });
  });

  it('holds a suspension that says requalify from IQ to an IQ first', () => {
    const fromIq: QualificationStatus = {
      state: 'SUSPENDED',
      iqPassedAt: at(1),
      oqPassedAt: at(2),
      suspension: { causes: ['MANUAL'], refIds: ['m'], since: at(3), requalifyFrom: 'IQ' },
    };
    expect(codeOf(() => applyStage(fromIq, 'C', 'OQ', true, at(4), params))).toBe('INVALID_STATE');
    expect(codeOf(() => applyStage(fromIq, 'C', 'PQ', true, at(4), params))).toBe('INVALID_STATE');
    expect(applyStage(fromIq, 'C', 'IQ', true, at(4), params).state).toBe('IQ_PASSED');
  });

  it('requalifies an instrument suspended before its IQ from IQ, not OQ', () => {
    const suspended = suspend(registered, 'C', 'RELOCATION', 'maint-1', at(1));
    expect(suspended.suspension?.requalifyFrom).toBe('IQ');
    expect(codeOf(() => applyStage(suspended, 'C', 'OQ', true, at(2), params))).toBe('INVALID_STATE');
    const iq = applyStage(suspended, 'C', 'IQ', true, at(2), params);
    expect(iq.state).toBe('IQ_PASSED');
    expect(iq.suspension).toBeUndefined();
  });

  it('never records an OQ before a passed IQ, nor a group B/C PQ before a passed OQ', () => {
    const noIq: QualificationStatus = {
      state: 'SUSPENDED',
      suspension: { causes: ['MANUAL'], refIds: ['m'], since: at(1), requalifyFrom: 'OQ' },
    };
    expect(codeOf(() => applyStage(noIq, 'C', 'OQ', true, at(2), params))).toBe('INVALID_STATE');
    const noOq: QualificationStatus = {
      state: 'SUSPENDED',
      iqPassedAt: at(1),
      suspension: { causes: ['FAILED_PQ'], refIds: ['m'], since: at(1), requalifyFrom: 'PQ' },
    };
    expect(codeOf(() => applyStage(noOq, 'C', 'PQ', true, at(2), params))).toBe('INVALID_STATE');
    expect(codeOf(() => applyStage(noOq, 'B', 'PQ', true, at(2), params))).toBe('INVALID_STATE');
  });

  it('takes the optional PQ of a group A or B instrument as a requalification', () => {
    const a = applyStage(registered, 'A', 'IQ', true, at(1), params);
    const aPq = applyStage(a, 'A', 'PQ', true, at(10), params);
    expect(aPq.state).toBe('QUALIFIED');
    expect(aPq.qualifiedUntil).toBe('2026-02-10T00:00:00.000Z');
    const b = applyStage(
      applyStage(registered, 'B', 'IQ', true, at(1), params),
      'B',
      'OQ',
      true,
      at(2),
      params,
    );
    const bPq = applyStage(b, 'B', 'PQ', true, at(10), params);
    expect(bPq.state).toBe('QUALIFIED');
    expect(bPq.pqPassedAt).toBe(at(10));
    expect(bPq.qualifiedUntil).toBe('2026-02-10T00:00:00.000Z');
  });

  it('records nothing on a retired instrument, whatever suspension it carried', () => {
    const retired = retire(qualifiedC());
    const suspendedThenRetired = retire(applyStage(qualifiedC(), 'C', 'PQ', false, at(4), params));
    expect(suspendedThenRetired.suspension?.requalifyFrom).toBe('PQ');
    for (const status of [retired, suspendedThenRetired]) {
      for (const stage of ['IQ', 'OQ', 'PQ'] as const) {
        expect(codeOf(() => applyStage(status, 'C', stage, true, at(5), params))).toBe('INVALID_STATE');
      }
    }
  });

  it('says which stage was refused in which state, and why a retirement is', () => {
    expect(refusalMessageOf(() => applyStage(registered, 'C', 'PQ', true, at(1), params))).toBe(
      'PQ cannot be recorded for an instrument in state REGISTERED',
    );
    expect(refusalMessageOf(() => retire(retire(registered)))).toContain('already retired');
  });
});

describe('DUE_SOON and EXPIRED at ledger time', () => {
  const until = '2026-01-31T08:00:00.000Z';
  it.each([
    ['2026-01-01T07:59:59.999Z', 'QUALIFIED'],
    ['2026-01-01T08:00:00.000Z', 'DUE_SOON'],
    ['2026-01-31T08:00:00.000Z', 'DUE_SOON'],
    ['2026-01-31T08:00:00.001Z', 'EXPIRED'],
  ])('at %s the state is %s', (at, expected) => {
    expect(effectiveState('QUALIFIED', until, at, 30)).toBe(expected);
  });
  it('leaves other states alone', () => {
    expect(effectiveState('SUSPENDED', until, '2027-01-01T00:00:00Z', 30)).toBe('SUSPENDED');
    expect(effectiveState('QUALIFIED', undefined, '2027-01-01T00:00:00Z', 30)).toBe('QUALIFIED');
  });
  it('counts QUALIFIED and DUE_SOON as usable, nothing else', () => {
    expect(isUsable('QUALIFIED')).toBe(true);
    expect(isUsable('DUE_SOON')).toBe(true);
    expect(isUsable('EXPIRED')).toBe(false);
    expect(isUsable('OQ_PASSED')).toBe(false);
    expect(isUsable(undefined)).toBe(false);
  });
});
