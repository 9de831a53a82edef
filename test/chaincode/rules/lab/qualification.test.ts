import type { QualificationStatus } from '../../../../chaincode/src/model/lab/instrument';
import {
  applyStage,
  checkGroup,
  effectiveState,
  isUsable,
  requiredStages,
  retire,
} from '../../../../chaincode/src/rules/lab/qualification';
import { codeOf } from './support';

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
  const iq = applyStage(registered, 'C', 'IQ', true, '2025-01-10T00:00:00Z', params);
  const oq = applyStage(iq, 'C', 'OQ', true, '2025-01-20T00:00:00Z', params);
  const pq = applyStage(oq, 'C', 'PQ', true, '2025-01-31T08:00:00Z', params);

  it('walks REGISTERED → IQ_PASSED → OQ_PASSED → QUALIFIED for group C', () => {
    expect(iq).toEqual({ state: 'IQ_PASSED', iqPassedAt: '2025-01-10T00:00:00Z' });
    expect(oq.state).toBe('OQ_PASSED');
    expect(oq.oqPassedAt).toBe('2025-01-20T00:00:00Z');
    expect(pq.state).toBe('QUALIFIED');
    expect(pq.pqPassedAt).toBe('2025-01-31T08:00:00Z');
  });

  it('sets qualifiedUntil = PQ date + 12 months', () => {
    expect(pq.qualifiedUntil).toBe('2026-01-31T08:00:00.000Z');
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
    expect(codeOf(() => applyStage(iq, 'C', 'PQ', true, '2025-01-10T00:00:00Z', params))).toBe(
      'INVALID_STATE',
    );
    expect(codeOf(() => applyStage(oq, 'C', 'IQ', true, '2025-01-10T00:00:00Z', params))).toBe(
      'INVALID_STATE',
    );
  });

  it('sends a failed first OQ back to IQ_PASSED and keeps a failed IQ REGISTERED', () => {
    expect(applyStage(iq, 'C', 'OQ', false, '2025-01-20T00:00:00Z', params).state).toBe('IQ_PASSED');
    expect(applyStage(registered, 'C', 'IQ', false, '2025-01-20T00:00:00Z', params).state).toBe('REGISTERED');
    expect(applyStage(oq, 'C', 'PQ', false, '2025-01-20T00:00:00Z', params).state).toBe('OQ_PASSED');
  });

  it('suspends a qualified instrument whose PQ fails, requalifying from PQ', () => {
    const failed = applyStage(pq, 'C', 'PQ', false, '2025-06-01T00:00:00Z', params);
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
    const failed = applyStage(pq, 'C', 'OQ', false, '2025-06-01T00:00:00Z', params);
    expect(failed.suspension?.requalifyFrom).toBe('OQ');
    expect(codeOf(() => applyStage(failed, 'C', 'PQ', true, '2025-06-02T00:00:00Z', params))).toBe(
      'INVALID_STATE',
    );
    const oqAgain = applyStage(failed, 'C', 'OQ', true, '2025-06-02T00:00:00Z', params);
    expect(oqAgain.state).toBe('OQ_PASSED');
    expect(applyStage(oqAgain, 'C', 'PQ', true, '2025-06-03T00:00:00Z', params).state).toBe('QUALIFIED');
  });

  it('keeps a suspended instrument suspended when a stage fails again', () => {
    const failed = applyStage(pq, 'C', 'PQ', false, '2025-06-01T00:00:00Z', params);
    expect(applyStage(failed, 'C', 'PQ', false, '2025-06-02T00:00:00Z', params)).toBe(failed);
  });

  it('allows a routine PQ while qualified but needs OQ again once expired', () => {
    expect(applyStage(pq, 'C', 'PQ', true, '2025-12-01T00:00:00Z', params).qualifiedUntil).toBe(
      '2026-12-01T00:00:00.000Z',
    );
    expect(codeOf(() => applyStage(pq, 'C', 'PQ', true, '2026-02-01T00:00:00Z', params))).toBe(
      'INVALID_STATE',
    );
    expect(applyStage(pq, 'C', 'OQ', true, '2026-02-01T00:00:00Z', params).state).toBe('OQ_PASSED');
  });

  it('retires for good', () => {
    const retired = retire(pq);
    expect(retired.state).toBe('RETIRED');
    expect(codeOf(() => retire(retired))).toBe('INVALID_STATE');
    expect(codeOf(() => applyStage(retired, 'C', 'IQ', true, '2025-06-01T00:00:00Z', params))).toBe(
      'INVALID_STATE',
    );
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
