import type {
  QualificationChange,
  QualificationStatus,
} from '../../../../chaincode/src/model/lab/instrument';
import {
  earlierStage,
  firstMissingStage,
  requalificationStage,
  suspectSince,
  suspend,
} from '../../../../chaincode/src/rules/lab/suspension';
import { stateAt, usableThroughout } from '../../../../chaincode/src/rules/lab/timeline';
import {
  dailyCheckViolations,
  instrumentCoverageViolations,
} from '../../../../chaincode/src/rules/lab/run-checks';
import { codeOf, refusalMessageOf } from './support';

const qualified: QualificationStatus = {
  state: 'QUALIFIED',
  iqPassedAt: '2025-01-01T00:00:00Z',
  oqPassedAt: '2025-01-02T00:00:00Z',
  pqPassedAt: '2025-01-03T00:00:00Z',
  qualifiedUntil: '2026-01-03T00:00:00.000Z',
};

describe('automatic suspension', () => {
  it.each([
    ['RELOCATION', 'OQ'],
    ['MAJOR_REPAIR', 'OQ'],
    ['CRITICAL_PART_REPLACEMENT', 'OQ'],
    ['SOFTWARE_CHANGE', 'OQ'],
    ['FIRMWARE_CHANGE', 'OQ'],
    ['MANUAL', 'OQ'],
    ['FAILED_PQ', 'PQ'],
    ['FAILED_SST', 'PQ'],
    ['FAILED_DAILY_CHECK', 'PQ'],
    ['CALIBRATION_OUT_OF_TOLERANCE', 'PQ'],
    ['CRM_EXPIRED', 'PQ'],
    ['CRM_REVOKED', 'PQ'],
  ] as const)('%s requires requalification from %s', (cause, stage) => {
    expect(requalificationStage(cause)).toBe(stage);
    expect(suspend(qualified, 'C', cause, 'ref', '2025-05-01T00:00:00Z')).toEqual({
      ...qualified,
      state: 'SUSPENDED',
      suspension: { causes: [cause], refIds: ['ref'], since: '2025-05-01T00:00:00Z', requalifyFrom: stage },
    });
  });

  it('merges a second cause and keeps the stricter stage and the first date', () => {
    const once = suspend(qualified, 'C', 'FAILED_PQ', 'a', '2025-05-01T00:00:00Z');
    const twice = suspend(once, 'C', 'SOFTWARE_CHANGE', 'b', '2025-05-02T00:00:00Z');
    expect(twice.suspension).toEqual({
      causes: ['FAILED_PQ', 'SOFTWARE_CHANGE'],
      refIds: ['a', 'b'],
      since: '2025-05-01T00:00:00Z',
      requalifyFrom: 'OQ',
    });
    const thrice = suspend(twice, 'C', 'FAILED_PQ', 'c', '2025-05-03T00:00:00Z');
    expect(thrice.suspension?.requalifyFrom).toBe('OQ');
  });

  it('restarts from the first stage never passed', () => {
    const onlyIq: QualificationStatus = { state: 'IQ_PASSED', iqPassedAt: '2025-01-01T00:00:00Z' };
    expect(
      suspend(onlyIq, 'C', 'FAILED_DAILY_CHECK', 'x', '2025-01-05T00:00:00Z').suspension?.requalifyFrom,
    ).toBe('OQ');
    expect(
      suspend({ state: 'REGISTERED' }, 'C', 'CRM_REVOKED', 'x', '2025-01-05T00:00:00Z').suspension
        ?.requalifyFrom,
    ).toBe('IQ');
    expect(firstMissingStage({ ...qualified, pqPassedAt: undefined }, 'C')).toBe('PQ');
    expect(firstMissingStage({ ...qualified, pqPassedAt: undefined }, 'B')).toBeUndefined();
    expect(firstMissingStage({ state: 'IQ_PASSED', iqPassedAt: 'x' }, 'A')).toBeUndefined();
    expect(firstMissingStage(qualified, 'C')).toBeUndefined();
  });

  it('orders stages IQ < OQ < PQ', () => {
    expect(earlierStage('PQ', 'OQ')).toBe('OQ');
    expect(earlierStage('OQ', 'PQ')).toBe('OQ');
    expect(earlierStage('IQ', 'IQ')).toBe('IQ');
  });

  it('refuses to suspend a retired instrument', () => {
    expect(codeOf(() => suspend({ state: 'RETIRED' }, 'C', 'MANUAL', 'x', '2025-01-01T00:00:00Z'))).toBe(
      'INVALID_STATE',
    );
    expect(
      refusalMessageOf(() => suspend({ state: 'RETIRED' }, 'C', 'MANUAL', 'x', '2025-01-01T00:00:00Z')),
    ).toBe('a retired instrument cannot be suspended');
  });

  it('starts a fresh suspension for an instrument no longer suspended, whatever record it still carries', () => {
    const stale: QualificationStatus = {
      ...qualified,
      suspension: {
        causes: ['RELOCATION'],
        refIds: ['old'],
        since: '2025-02-01T00:00:00Z',
        requalifyFrom: 'OQ',
      },
    };
    expect(suspend(stale, 'C', 'FAILED_SST', 'sst-9', '2025-06-01T00:00:00Z').suspension).toEqual({
      causes: ['FAILED_SST'],
      refIds: ['sst-9'],
      since: '2025-06-01T00:00:00Z',
      requalifyFrom: 'PQ',
    });
  });

  it('dates doubt from the last passing check for failures, from the event for changes', () => {
    expect(suspectSince('FAILED_DAILY_CHECK', '2025-05-02T00:00:00Z', '2025-05-01T00:00:00Z')).toBe(
      '2025-05-01T00:00:00Z',
    );
    expect(suspectSince('CALIBRATION_OUT_OF_TOLERANCE', '2025-05-02T00:00:00Z', '2025-04-01T00:00:00Z')).toBe(
      '2025-04-01T00:00:00Z',
    );
    expect(suspectSince('FAILED_DAILY_CHECK', '2025-05-02T00:00:00Z', undefined)).toBe(
      '2025-05-02T00:00:00Z',
    );
    expect(suspectSince('RELOCATION', '2025-05-02T00:00:00Z', '2025-05-01T00:00:00Z')).toBe(
      '2025-05-02T00:00:00Z',
    );
  });
});

const timeline: QualificationChange[] = [
  { at: '2025-01-01T00:00:00Z', state: 'REGISTERED', reason: 'registered' },
  { at: '2025-01-03T00:00:00Z', state: 'QUALIFIED', qualifiedUntil: '2026-01-03T00:00:00Z', reason: 'PQ' },
  { at: '2025-05-01T12:00:00Z', state: 'SUSPENDED', reason: 'relocation' },
  { at: '2025-05-03T00:00:00Z', state: 'QUALIFIED', qualifiedUntil: '2026-05-03T00:00:00Z', reason: 'PQ' },
];

describe('the qualification timeline', () => {
  it('gives the state in force at any instant', () => {
    expect(stateAt(timeline, '2024-12-31T23:59:59Z', 30)).toBeUndefined();
    expect(stateAt(timeline, '2025-01-01T00:00:00Z', 30)).toBe('REGISTERED');
    expect(stateAt(timeline, '2025-01-03T00:00:00Z', 30)).toBe('QUALIFIED');
    expect(stateAt(timeline, '2025-05-01T12:00:00Z', 30)).toBe('SUSPENDED');
    expect(stateAt(timeline, '2025-12-20T00:00:00Z', 30)).toBe('QUALIFIED');
    expect(stateAt(timeline, '2026-04-20T00:00:00Z', 30)).toBe('DUE_SOON');
    expect(stateAt(timeline, '2026-05-04T00:00:00Z', 30)).toBe('EXPIRED');
  });

  it('sees a suspension inside a run', () => {
    expect(usableThroughout(timeline, '2025-05-01T08:00:00Z', '2025-05-01T11:59:59Z', 30)).toBe(true);
    expect(usableThroughout(timeline, '2025-05-01T08:00:00Z', '2025-05-01T12:00:00Z', 30)).toBe(false);
    expect(usableThroughout(timeline, '2025-05-03T00:00:00Z', '2025-05-03T02:00:00Z', 30)).toBe(true);
  });

  it('refuses runs on an unqualified or expiring instrument with the right code', () => {
    const run = (startedAt: string, endedAt: string) => ({ instrumentId: 'I1', startedAt, endedAt });
    expect(
      instrumentCoverageViolations(timeline, run('2025-01-02T00:00:00Z', '2025-01-03T01:00:00Z'), 30)[0]
        ?.code,
    ).toBe('INSTRUMENT_NOT_QUALIFIED');
    expect(
      instrumentCoverageViolations(timeline, run('2025-05-01T08:00:00Z', '2025-05-01T13:00:00Z'), 30)[0]
        ?.code,
    ).toBe('INSTRUMENT_NOT_QUALIFIED');
    expect(
      instrumentCoverageViolations(timeline, run('2026-05-02T20:00:00Z', '2026-05-03T01:00:00Z'), 30),
    ).toEqual([
      { code: 'CHRONOLOGY_VIOLATION', path: 'endedAt', message: 'run ended after the qualification expired' },
    ]);
    expect(
      instrumentCoverageViolations(timeline, run('2025-06-01T00:00:00Z', '2025-06-01T05:00:00Z'), 30),
    ).toEqual([]);
  });
  it('blames the start of a run on an instrument not yet usable, naming its state then', () => {
    const run = (startedAt: string, endedAt: string) => ({ instrumentId: 'I1', startedAt, endedAt });
    expect(
      instrumentCoverageViolations(timeline, run('2025-01-02T00:00:00Z', '2025-01-03T01:00:00Z'), 30),
    ).toEqual([
      {
        code: 'INSTRUMENT_NOT_QUALIFIED',
        path: 'startedAt',
        message: 'instrument I1 was REGISTERED at run start',
      },
    ]);
    expect(
      instrumentCoverageViolations(timeline, run('2024-12-31T00:00:00Z', '2025-01-04T00:00:00Z'), 30),
    ).toEqual([
      {
        code: 'INSTRUMENT_NOT_QUALIFIED',
        path: 'startedAt',
        message: 'instrument I1 was not registered at run start',
      },
    ]);
  });
  it('blames the end of a run during which the instrument was suspended', () => {
    expect(
      instrumentCoverageViolations(
        timeline,
        { instrumentId: 'I1', startedAt: '2025-05-01T08:00:00Z', endedAt: '2025-05-03T01:00:00Z' },
        30,
      ),
    ).toEqual([
      {
        code: 'INSTRUMENT_NOT_QUALIFIED',
        path: 'endedAt',
        message: 'instrument I1 lost its qualification during the run',
      },
    ]);
  });
});

describe('daily performance check (rule 11)', () => {
  const run = { instrumentId: 'I1', startedAt: '2025-06-02T08:00:00Z', endedAt: '2025-06-02T10:00:00Z' };
  const check = { id: 'C1', instrumentId: 'I1', performedAt: '2025-06-02T07:30:00Z', passed: true };
  it('accepts a passing check on the same instrument before the run, within 24 h', () => {
    expect(dailyCheckViolations(check, run)).toEqual([]);
    expect(dailyCheckViolations({ ...check, performedAt: '2025-06-01T08:00:00Z' }, run)).toEqual([]);
    expect(dailyCheckViolations({ ...check, performedAt: '2025-06-02T08:00:00Z' }, run)).toEqual([]);
  });
  it('refuses a failed, foreign, late or stale check', () => {
    const codes = (c: typeof check) => dailyCheckViolations(c, run).map((v) => v.message);
    expect(dailyCheckViolations({ ...check, passed: false }, run)).toEqual([
      { code: 'INSTRUMENT_NOT_QUALIFIED', path: 'dailyCheckId', message: 'daily check C1 failed' },
    ]);
    expect(codes({ ...check, instrumentId: 'I2' })).toEqual([
      'daily check C1 was made on another instrument',
    ]);
    expect(codes({ ...check, performedAt: '2025-06-02T08:00:01Z' })).toEqual([
      'daily check C1 was made after the run started',
    ]);
    expect(codes({ ...check, performedAt: '2025-06-01T07:59:59Z' })).toEqual([
      'daily check C1 is older than 24 h at run start',
    ]);
  });
});
