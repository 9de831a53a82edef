/**
 * The lab path through the contracts on the in-memory peer: lot -> instrument qualified ->
 * calibration -> run -> report -> VERIFIED -> recognition, and its failure paths.
 */
import type { RecognitionRecord, ReportRecord } from '@alliance/chaincode/model/lab/report';
import type { InstrumentRecord } from '@alliance/chaincode/model/lab/instrument';
import type { RunRecord } from '@alliance/chaincode/model/lab/run';
import type { AllianceUsers, LedgerHarness } from '../../support';
import {
  calibratedRun,
  crm,
  HASH,
  icpTests,
  labAlliance,
  labWithRun,
  LOT,
  METHOD,
  qualifiedInstrument,
  report,
} from './fixtures';

const DAY = '2025-03-03';

describe('the lab path', () => {
  let h: LedgerHarness;
  let users: AllianceUsers;

  beforeAll(async () => {
    ({ h, users } = await labWithRun(DAY));
  });

  it('qualifies the instrument with computed results and an owner key policy', async () => {
    const instrument = await h.ok<InstrumentRecord>(users.auditor, 'instruments:GetInstrument', {
      instrumentId: 'ICP-1',
    });
    expect(instrument.qualification).toMatchObject({
      state: 'QUALIFIED',
      qualifiedUntil: '2026-03-03T11:00:00.000Z',
    });
    expect(instrument.timeline.map((c) => c.state)).toEqual([
      'REGISTERED',
      'IQ_PASSED',
      'OQ_PASSED',
      'QUALIFIED',
    ]);
    expect(h.keyPolicy(h.compositeKey('instrument', ['ICP-1']))?.mspIds).toEqual(['LabMSP']);
    const state = await h.ok<{ state: string }>(users.auditor, 'instruments:InstrumentStateAt', {
      instrumentId: 'ICP-1',
      at: '2026-02-20T00:00:00Z',
    });
    expect(state.state).toBe('DUE_SOON');
    const before = await h.ok<{ state: string }>(users.auditor, 'instruments:InstrumentStateAt', {
      instrumentId: 'ICP-1',
      at: `${DAY}T10:30:00Z`,
    });
    expect(before.state).toBe('OQ_PASSED');
  });

  it('records a calibration-traceable run (T1 from a GBW CRM)', async () => {
    const run = await h.ok<RunRecord>(users.auditor, 'runs:GetRun', { runId: 'RUN-1' });
    expect(run).toMatchObject({
      traceabilityClass: 'T1',
      calibrationTraceable: true,
      additionalVerificationRequired: false,
    });
  });

  it('takes a report through signing to VERIFIED and RECOGNIZED', async () => {
    h.setTime(`${DAY}T16:00:00Z`);
    const draft = await h.ok<ReportRecord>(
      users.labAnalyst,
      'reports:CreateReport',
      report('REP-1', 'RUN-1', DAY),
    );
    expect(draft.state).toBe('DRAFT');
    // 200 µg/kg = 0.2 µg/g; the USP limit for 0.5 g of ingredient per day is 5 / 0.5 = 10 µg/g.
    expect(draft.results[0]?.normalised).toEqual({ value: 0.2, unit: 'µg/g', U: 0.04, loq: 0.01 });
    expect(draft.evaluation.verdicts[0]).toMatchObject({ outcome: 'CONFORMS', limit: 10 });
    expect(draft.evaluation.verdicts[1]).toMatchObject({ outcome: 'CONFORMS', limit: 10 });
    await h.ok(users.labAnalyst, 'reports:SubmitReport', { reportId: 'REP-1' });
    await h.ok(users.labAnalyst, 'reports:SignReport', { reportId: 'REP-1' });
    await h.ok(users.labReviewer, 'reports:ReviewReport', { reportId: 'REP-1' });
    const verified = await h.ok<ReportRecord>(users.labApprover, 'reports:ApproveReport', {
      reportId: 'REP-1',
    });
    expect(verified.verification?.failures).toEqual([]);
    expect(verified.state).toBe('VERIFIED');
    expect(
      verified.signatures.map((s) => [s.meaning, s.printedName, s.recordHash === draft.contentHash]),
    ).toEqual([
      ['AUTHORSHIP', 'analyst@lab', true],
      ['REVIEW', 'reviewer@lab', true],
      ['APPROVAL', 'approver@lab', true],
    ]);
    const recognition = await h.ok<RecognitionRecord>(users.brandAdmin, 'reports:GetRecognition', {
      reportId: 'REP-1',
    });
    expect(recognition).toMatchObject({
      status: 'RECOGNIZED',
      reasons: [],
      validUntil: '2026-03-03T16:00:04.000Z',
    });
    expect(h.keyPolicy(h.compositeKey('recognition', ['REP-1']))).toBeUndefined();
    const reports = await h.ok<ReportRecord[]>(users.brandUser, 'reports:ReportsForLot', { lotId: LOT });
    expect(reports.map((r) => r.reportId)).toEqual(['REP-1']);
  });

  it('refuses a PDF-only report, a chronology violation and an author approving their own report', async () => {
    h.setTime(`${DAY}T17:00:00Z`);
    const pdfOnly = await h.refused(
      users.labAnalyst,
      'reports:CreateReport',
      report('REP-PDF', 'RUN-1', DAY, { results: [], attachments: [{ name: 'coa.pdf', sha256: HASH }] }),
    );
    expect(pdfOnly.code).toBe('VALIDATION_FAILED');
    expect(pdfOnly.issues).toEqual([
      { path: 'results', message: 'structured results are required: PDF-only reports are refused' },
    ]);
    const late = await h.refused(
      users.labAnalyst,
      'reports:CreateReport',
      report('REP-X', 'RUN-1', DAY, { receivedAt: `${DAY}T14:00:00Z` }),
    );
    expect(late.code).toBe('CHRONOLOGY_VIOLATION');
    const early = await h.refused(
      users.labAnalyst,
      'reports:CreateReport',
      report('REP-X', 'RUN-1', DAY, { issuedAt: `${DAY}T14:30:00Z` }),
    );
    expect(early.issues).toEqual([{ path: 'issuedAt', message: 'report issued before run RUN-1 ended' }]);
    await h.ok(users.labAnalyst, 'reports:CreateReport', report('REP-2', 'RUN-1', DAY));
    await h.ok(users.labAnalyst, 'reports:SubmitReport', { reportId: 'REP-2' });
    await h.ok(users.labAnalyst, 'reports:SignReport', { reportId: 'REP-2' });
    const authorAsReviewer = await h.user('LabMSP', 'reviewer', 'analyst@lab');
    expect((await h.refused(authorAsReviewer, 'reports:ReviewReport', { reportId: 'REP-2' })).code).toBe(
      'SEGREGATION_OF_DUTIES',
    );
    await h.ok(users.labReviewer, 'reports:ReviewReport', { reportId: 'REP-2' });
    const authorAsApprover = await h.user('LabMSP', 'approver', 'analyst@lab');
    expect((await h.refused(authorAsApprover, 'reports:ApproveReport', { reportId: 'REP-2' })).code).toBe(
      'SEGREGATION_OF_DUTIES',
    );
    expect((await h.refused(users.labAnalyst, 'reports:ApproveReport', { reportId: 'REP-2' })).code).toBe(
      'ROLE_DENIED',
    );
  });

  it('supersedes an issued report with an amendment and never overwrites it', async () => {
    h.setTime(`${DAY}T18:00:00Z`);
    const amended = await h.ok<ReportRecord>(
      users.labAnalyst,
      'reports:CreateReport',
      report('REP-1b', 'RUN-1', DAY, {
        supersedes: 'REP-1',
        amendmentReason: 'customer name corrected',
        customer: 'Brand Ltd',
      }),
    );
    expect(amended).toMatchObject({ state: 'DRAFT', supersedes: 'REP-1' });
    const old = await h.ok<ReportRecord>(users.auditor, 'reports:GetReport', { reportId: 'REP-1' });
    expect(old).toMatchObject({ state: 'AMENDED', supersededBy: 'REP-1b', customer: 'Brand' });
    const recognition = await h.ok<RecognitionRecord>(users.auditor, 'reports:GetRecognition', {
      reportId: 'REP-1',
    });
    expect(recognition.suspensionCause).toBe('superseded by REP-1b');
  });

  it('refuses a run on an instrument that is not qualified, and suspends on a failed daily check, holding the lot', async () => {
    h.setTime(`${DAY}T19:00:00Z`);
    await h.ok(users.labAdmin, 'instruments:RegisterInstrument', {
      instrumentId: 'ICP-NEW', technique: 'ICP-MS', uspGroup: 'C', manufacturer: 'Maker', model: 'MS-1', serialNumber: 'SN-9',
      softwareVersion: '4.1', firmwareVersion: '2.0', location: 'Lab 2',
    }); // prettier-ignore
    await h.ok(users.labAnalyst, 'instruments:RecordDailyCheck', {
      checkId: 'CHK-NEW', instrumentId: 'ICP-NEW', kind: 'TUNE', performedAt: `${DAY}T19:00:00Z`, tests: icpTests().slice(1, 3),
    }); // prettier-ignore
    h.setTime(`${DAY}T19:25:00Z`);
    const unqualified = await h.refused(users.labAnalyst, 'runs:RecordRun', {
      runId: 'RUN-NQ', instrumentId: 'ICP-NEW', calibrationId: 'CAL-RUN-1', dailyCheckId: 'CHK-NEW', lotId: LOT, methodId: 'M-ICPMS',
      methodVersion: '1', startedAt: `${DAY}T19:10:00Z`, endedAt: `${DAY}T19:20:00Z`,
      rawData: [{ fileName: 'x.csv', sha256: HASH, acquiredAt: `${DAY}T19:15:00Z` }],
    }); // prettier-ignore
    expect(unqualified.code).toBe('INSTRUMENT_NOT_QUALIFIED');

    const failed = await h.invoke(users.labAnalyst, 'instruments:RecordDailyCheck', {
      checkId: 'CHK-FAIL', instrumentId: 'ICP-1', kind: 'TUNE', performedAt: `${DAY}T19:30:00Z`, tests: icpTests('OXIDE_RATIO').slice(3, 4),
    }); // prettier-ignore
    expect(failed.ok).toBe(true);
    if (!failed.ok) return;
    const suspended = failed.events.find((e) => e.type === 'instrument.suspended');
    expect(suspended?.data).toMatchObject({
      cause: 'FAILED_DAILY_CHECK',
      since: `${DAY}T12:30:00.000Z`,
      heldLots: [LOT],
    });
    expect(failed.events.filter((e) => e.type === 'lot.held').map((e) => e.subject.id)).toEqual([LOT]);
    const instrument = await h.ok<InstrumentRecord>(users.auditor, 'instruments:GetInstrument', {
      instrumentId: 'ICP-1',
    });
    expect(instrument.qualification.suspension).toMatchObject({
      causes: ['FAILED_DAILY_CHECK'],
      requalifyFrom: 'PQ',
    });
  });
});

describe('the lab path with a T3 calibration and an out-of-scope result', () => {
  it('holds the lot and keeps the report from VERIFIED with every reason', async () => {
    const { h, users } = await labAlliance();
    await h.ok(
      users.labAdmin,
      'calibrations:RegisterCrm',
      crm('CRM-COMMERCIAL', { catalogueCode: 'STD-PB-1000', producer: 'Acme Standards' }),
    );
    await h.ok(users.labAdmin, 'reports:RecordMethodValidation', METHOD);
    await qualifiedInstrument(h, users, 'ICP-2', DAY);
    h.setTime(`${DAY}T14:59:00Z`);
    await calibratedRun(h, users, { instrumentId: 'ICP-2', crmId: 'CRM-COMMERCIAL', runId: 'RUN-T3' }, DAY);
    const run = await h.ok<RunRecord>(users.auditor, 'runs:GetRun', { runId: 'RUN-T3' });
    expect(run).toMatchObject({
      traceabilityClass: 'T3',
      calibrationTraceable: false,
      additionalVerificationRequired: true,
    });
    const held = h.events().filter((e) => e.type === 'lot.held');
    expect(held.map((e) => [e.subject.id, (e.data.cause as { kind: string }).kind])).toEqual([
      [LOT, 'CALIBRATION_NOT_TRACEABLE'],
    ]);

    h.setTime(`${DAY}T16:00:00Z`);
    const withHg = report('REP-T3', 'RUN-T3', DAY);
    const results = [
      ...(withHg.results as object[]),
      { analyte: 'Hg', value: 0.01, unit: 'mg/kg', U: 0.002, k: 2, basis: 'AS_IS', testRunIds: ['RUN-T3'] },
    ];
    await h.ok(users.labAnalyst, 'reports:CreateReport', { ...withHg, results });
    for (const [user, tx] of [
      [users.labAnalyst, 'SubmitReport'],
      [users.labAnalyst, 'SignReport'],
      [users.labReviewer, 'ReviewReport'],
    ] as const) {
      await h.ok(user, `reports:${tx}`, { reportId: 'REP-T3' });
    }
    const approved = await h.ok<ReportRecord>(users.labApprover, 'reports:ApproveReport', {
      reportId: 'REP-T3',
    });
    expect(approved.state).toBe('APPROVED');
    expect(approved.verification?.failures).toEqual([
      'Hg/botanical/M-ICPMS@1 is out of scope',
      'run RUN-T3: calibration not traceable (T3)',
    ]);
    expect((await h.refused(users.brandAdmin, 'reports:GetRecognition', { reportId: 'REP-T3' })).code).toBe(
      'NOT_FOUND',
    );
  });
});
