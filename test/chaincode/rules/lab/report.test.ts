import {
  checkEventTime,
  checkReportChronology,
  reportChronologyViolations,
  type ReportDates,
} from '../../../../chaincode/src/rules/lab/chronology';
import {
  ACTION_MEANING,
  checkSignerForAction,
  isFinal,
  nextReportState,
  REPORT_STATES,
  type ReportAction,
  type ReportState,
} from '../../../../chaincode/src/rules/lab/report-state';
import {
  verificationFailures,
  type VerificationFacts,
} from '../../../../chaincode/src/rules/lab/verification';
import { refuse, refuseAll, ruleError } from '../../../../chaincode/src/rules/lab/violation';
import { codeOf, messagesOf, refusalMessageOf } from './support';

const params = { maxClockSkewSeconds: 300, maxBackdateHours: 72 };
const ledger = '2025-06-10T12:00:00Z';

describe('event times (rule 5)', () => {
  it('accepts up to the clock skew and refuses beyond it', () => {
    expect(checkEventTime('2025-06-10T12:05:00Z', ledger, params)).toEqual({ lateEntry: false });
    expect(codeOf(() => checkEventTime('2025-06-10T12:05:00.001Z', ledger, params))).toBe(
      'CHRONOLOGY_VIOLATION',
    );
    expect(
      messagesOf(() => checkEventTime('2025-06-10T20:05:00+08:00', ledger, params, 'performedAt')),
    ).toEqual([]);
    expect(
      messagesOf(() => checkEventTime('2025-06-10T20:06:00+08:00', ledger, params, 'performedAt')),
    ).toEqual(['CHRONOLOGY_VIOLATION:performedAt']);
  });
  it('names the refused time and the ledger time, under eventTime unless told otherwise', () => {
    expect(messagesOf(() => checkEventTime('2025-06-10T13:00:00Z', ledger, params))).toEqual([
      'CHRONOLOGY_VIOLATION:eventTime',
    ]);
    expect(
      refusalMessageOf(() => checkEventTime('2025-06-10T13:00:00Z', ledger, params, 'performedAt')),
    ).toBe('performedAt 2025-06-10T13:00:00Z is later than ledger time 2025-06-10T12:00:00Z');
  });
  it('marks entries older than the backdating window as late', () => {
    expect(checkEventTime('2025-06-07T12:00:00Z', ledger, params)).toEqual({ lateEntry: false });
    expect(checkEventTime('2025-06-07T11:59:59.999Z', ledger, params)).toEqual({ lateEntry: true });
  });
});

const dates: ReportDates = {
  sampledAt: '2025-06-01T00:00:00Z',
  receivedAt: '2025-06-02T00:00:00Z',
  runs: [
    { id: 'R1', startedAt: '2025-06-03T08:00:00Z', endedAt: '2025-06-03T10:00:00Z' },
    { id: 'R2', startedAt: '2025-06-04T08:00:00Z', endedAt: '2025-06-04T10:00:00Z' },
  ],
  issuedAt: '2025-06-05T00:00:00Z',
  submittedAt: ledger,
};

describe('report chronology (rule 18)', () => {
  it('accepts the order sampled ≤ received ≤ run start ≤ run end ≤ issue/signature ≤ submission, equal times included', () => {
    expect(reportChronologyViolations(dates)).toEqual([]);
    const tight = {
      ...dates,
      receivedAt: dates.sampledAt,
      runs: [{ id: 'R', startedAt: dates.sampledAt, endedAt: dates.sampledAt }],
      issuedAt: dates.sampledAt,
      signedAt: dates.sampledAt,
      submittedAt: dates.sampledAt,
    };
    expect(reportChronologyViolations(tight)).toEqual([]);
  });
  it.each([
    [{ receivedAt: '2025-05-31T23:59:59Z' }, ['CHRONOLOGY_VIOLATION:receivedAt']],
    [
      { runs: [{ id: 'R', startedAt: '2025-06-01T23:00:00Z', endedAt: '2025-06-03T00:00:00Z' }] },
      ['CHRONOLOGY_VIOLATION:results'],
    ],
    [
      { runs: [{ id: 'R', startedAt: '2025-06-03T00:00:00Z', endedAt: '2025-06-02T23:00:00Z' }] },
      ['CHRONOLOGY_VIOLATION:results'],
    ],
    [{ issuedAt: '2025-06-04T09:59:59Z' }, ['CHRONOLOGY_VIOLATION:issuedAt']],
    [{ signedAt: '2025-06-04T09:00:00Z' }, ['CHRONOLOGY_VIOLATION:signedAt']],
    [{ signedAt: '2025-06-10T12:00:01Z' }, ['CHRONOLOGY_VIOLATION:signedAt']],
  ] as [Partial<ReportDates>, string[]][])('refuses %j', (change, expected) => {
    expect(
      messagesOf(() => {
        checkReportChronology({ ...dates, ...change });
      }),
    ).toEqual(expected);
  });
  it.each([
    [{ receivedAt: '2025-05-31T23:59:59Z' }, 'sample received before it was taken'],
    [
      { runs: [{ id: 'R7', startedAt: '2025-06-03T00:00:00Z', endedAt: '2025-06-02T23:00:00Z' }] },
      'run R7 ended before it started',
    ],
    [{ issuedAt: '2025-06-04T09:59:59Z' }, 'report issued before run R2 ended'],
    [{ signedAt: '2025-06-04T09:00:00Z' }, 'report signed before run R2 ended'],
    [{ signedAt: '2025-06-10T12:00:01Z' }, 'report signed after it reached the ledger'],
  ] as [Partial<ReportDates>, string][])('explains %j', (change, message) => {
    expect(reportChronologyViolations({ ...dates, ...change }).map((v) => v.message)).toEqual([message]);
  });
  it('lists every violation at once', () => {
    expect(reportChronologyViolations({ ...dates, receivedAt: '2025-07-01T00:00:00Z' })).toHaveLength(2);
  });
});

describe('report states (rule 19)', () => {
  const path: [ReportAction, ReportState][] = [
    ['SUBMIT', 'SUBMITTED'],
    ['SIGN', 'SIGNED'],
    ['REVIEW', 'REVIEWED'],
    ['APPROVE', 'APPROVED'],
    ['VERIFY', 'VERIFIED'],
  ];
  it('walks DRAFT → SUBMITTED → SIGNED → REVIEWED → APPROVED → VERIFIED', () => {
    let state: ReportState = 'DRAFT';
    for (const [action, expected] of path) {
      state = nextReportState(state, action);
      expect(state).toBe(expected);
    }
  });
  it('refuses every other transition', () => {
    const allowed = new Set([
      'DRAFT:SUBMIT', 'SUBMITTED:SIGN', 'SIGNED:REVIEW', 'REVIEWED:APPROVE', 'APPROVED:VERIFY',
      ...['SUBMITTED', 'SIGNED', 'REVIEWED', 'APPROVED', 'VERIFIED'].map((s) => `${s}:AMEND`),
      ...['DRAFT', 'SUBMITTED', 'SIGNED', 'REVIEWED', 'APPROVED', 'VERIFIED'].map((s) => `${s}:REVOKE`),
    ]); // prettier-ignore
    const actions: ReportAction[] = ['SUBMIT', 'SIGN', 'REVIEW', 'APPROVE', 'VERIFY', 'AMEND', 'REVOKE'];
    for (const state of REPORT_STATES) {
      for (const action of actions) {
        const code = codeOf(() => nextReportState(state, action));
        expect([`${state}:${action}`, code]).toEqual([
          `${state}:${action}`,
          allowed.has(`${state}:${action}`) ? undefined : 'INVALID_STATE',
        ]);
      }
    }
    expect(nextReportState('VERIFIED', 'AMEND')).toBe('AMENDED');
    expect(nextReportState('DRAFT', 'REVOKE')).toBe('REVOKED');
  });
  it('ends with AMENDED and REVOKED only', () => {
    expect(REPORT_STATES.filter(isFinal)).toEqual(['AMENDED', 'REVOKED']);
  });
  it('maps signing actions to meanings', () => {
    expect(ACTION_MEANING).toEqual({ SIGN: 'AUTHORSHIP', REVIEW: 'REVIEW', APPROVE: 'APPROVAL' });
  });
  it('keeps the author from reviewing or approving, and others from signing as author', () => {
    expect(
      codeOf(() => {
        checkSignerForAction('SIGN', 'alice', 'alice');
      }),
    ).toBeUndefined();
    expect(
      codeOf(() => {
        checkSignerForAction('SIGN', 'alice', 'bob');
      }),
    ).toBe('SEGREGATION_OF_DUTIES');
    expect(
      codeOf(() => {
        checkSignerForAction('REVIEW', 'alice', 'alice');
      }),
    ).toBe('SEGREGATION_OF_DUTIES');
    expect(
      codeOf(() => {
        checkSignerForAction('APPROVE', 'alice', 'alice');
      }),
    ).toBe('SEGREGATION_OF_DUTIES');
    expect(
      codeOf(() => {
        checkSignerForAction('APPROVE', 'alice', 'carol');
      }),
    ).toBeUndefined();
    expect(
      codeOf(() => {
        checkSignerForAction('REVOKE', 'alice', 'alice');
      }),
    ).toBeUndefined();
  });
});

describe('automatic verification (rule 19)', () => {
  const accreditation = {
    body: 'UKAS',
    ilacMraSignatory: true,
    status: 'ACTIVE' as const,
    validFrom: '2024-01-01T00:00:00Z',
    validTo: '2027-01-01T00:00:00Z',
  };
  const run = {
    id: 'R1',
    startedAt: '2025-06-03T08:00:00Z',
    endedAt: '2025-06-03T10:00:00Z',
    instrumentUsable: true,
    traceable: true,
    traceabilityClass: 'T1' as const,
    rawDataFiles: 2,
  };
  const facts: VerificationFacts = {
    accreditation,
    labSuspended: false,
    outOfScope: [],
    runs: [run],
    chronology: [],
    method: [],
  };

  it('verifies when everything holds', () => {
    expect(verificationFailures(facts)).toEqual([]);
  });
  it('names every failed check', () => {
    expect(verificationFailures({ ...facts, accreditation: undefined })).toEqual(['the lab is not ACTIVE']);
    expect(
      verificationFailures({ ...facts, accreditation: { ...accreditation, status: 'SUSPENDED' } }),
    ).toEqual(['the lab is not ACTIVE']);
    expect(verificationFailures({ ...facts, labSuspended: true })).toEqual(['the lab is not ACTIVE']);
    expect(
      verificationFailures({
        ...facts,
        accreditation: { ...accreditation, validTo: '2025-06-03T09:00:00Z' },
      }),
    ).toEqual(["run R1 lies outside the accreditation's validity"]);
    expect(
      verificationFailures({
        ...facts,
        accreditation: { ...accreditation, validFrom: '2025-06-03T09:00:00Z' },
      }),
    ).toHaveLength(1);
    expect(verificationFailures({ ...facts, outOfScope: ['Pb/rice/M1@1'] })).toEqual([
      'Pb/rice/M1@1 is out of scope',
    ]);
    expect(verificationFailures({ ...facts, runs: [] })).toEqual(['no test run behind the results']);
    expect(
      verificationFailures({
        ...facts,
        runs: [
          { ...run, instrumentUsable: false, traceable: false, traceabilityClass: 'T3', rawDataFiles: 0 },
        ],
      }),
    ).toEqual([
      'run R1: instrument not qualified during the run',
      'run R1: calibration not traceable (T3)',
      'run R1: no raw-data hash',
    ]);
    expect(
      verificationFailures({
        ...facts,
        chronology: [{ code: 'CHRONOLOGY_VIOLATION', message: 'late' }],
        method: [{ code: 'METHOD_NOT_VALIDATED', message: 'drift' }],
      }),
    ).toEqual(['late', 'drift']);
  });
});

describe('rule errors', () => {
  it('carry every violation as an issue and keep each code', () => {
    let caught: unknown;
    try {
      checkReportChronology({ ...dates, receivedAt: '2025-07-01T00:00:00Z' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({
      code: 'CHRONOLOGY_VIOLATION',
      message: 'run R1 started before the sample was received; run R2 started before the sample was received',
      issues: [
        { path: 'results', message: 'run R1 started before the sample was received' },
        { path: 'results', message: 'run R2 started before the sample was received' },
      ],
    });
    expect(() => ruleError([])).toThrow(new TypeError('a rule error needs at least one violation'));
    expect(
      codeOf(() => {
        refuseAll([]);
      }),
    ).toBeUndefined();
    expect(ruleError([{ code: 'INVALID_STATE', message: 'x' }]).issues).toEqual([{ path: '', message: 'x' }]);
  });
  it('records a violation without a field as having none, not an empty one', () => {
    let caught: unknown;
    try {
      refuse('INVALID_STATE', 'instrument is already retired');
    } catch (e) {
      caught = e;
    }
    expect((caught as { details?: unknown }).details).toStrictEqual({
      violations: [{ code: 'INVALID_STATE', message: 'instrument is already retired' }],
    });
  });
});
