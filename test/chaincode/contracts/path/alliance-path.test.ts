/**
 * The whole alliance path on the in-memory peer, one step after the other: a supplier's lot
 * reaches the brand; the overseas lab qualifies its ICP-MS, calibrates it on a GBW CRM, runs the
 * lot and issues a report signed by three different people; the report is VERIFIED and
 * conditionally recognised (speciation results); the domestic verifier's comparative
 * verification ends SATISFACTORY; the lot is released, made into a batch, and the batch is TRUSTED.
 */
import type { LotRecord, VerificationCaseRecord, Verdict } from '@alliance/chaincode/model';
import type { InstrumentRecord } from '@alliance/chaincode/model/lab/instrument';
import type { RecognitionRecord, ReportRecord } from '@alliance/chaincode/model/lab/report';
import type { RunRecord } from '@alliance/chaincode/model/lab/run';
import type { TraceNode } from '@alliance/chaincode/rules/supply/lineage';
import { bootstrappedAlliance, type AllianceUsers, type LedgerHarness } from '../../support';
import { calibratedRun } from '../lab/fixtures';
import {
  GTIN_A,
  GTIN_BATCH,
  lotAtBrand,
  productSpec,
  transformInput,
  underTest,
  when,
} from '../supply/fixtures';
import { commitAndReveal, dispatchedCase } from '../supply/verification-case';
import { accreditedLab, LAB_CRM, LAB_INSTRUMENT, reportInput, USP_ELEMENT_RESULTS } from '../verified-lot';
import { step } from './step';

// One file runs the whole path: a hundred transactions with real certificates.
jest.setTimeout(60_000);

const lotKey = (id: string): string => `\x00lot\x00${id}\x00`;

describe('the alliance path', () => {
  let h: LedgerHarness;
  let users: AllianceUsers;
  let lotId: string;
  let batchId: string;
  const day = '2025-01-08';

  beforeAll(async () => {
    ({ h, users } = await bootstrappedAlliance());
    // USP market: 4 g of GTIN_A per day, tested for Pb and Cd.
    await step(
      h,
      users.brandAdmin,
      'products:RegisterProduct',
      productSpec([{ material: GTIN_A, analytes: ['Pb', 'Cd'] }], 'USP'),
    );
  });

  it('1. the supplier registers a lot, ships it, and the brand receives and owns it', async () => {
    lotId = await lotAtBrand(h, users, GTIN_A, 'PATH-1');
    const lot = await step<LotRecord>(h, users.auditor, 'lots:GetLot', { lotId });
    expect(lot.value).toMatchObject({ owner: 'BrandMSP', originator: 'SupplierMSP', state: 'RECEIVED' });
    expect(h.keyPolicy(lotKey(lotId))).toEqual({ mspIds: ['BrandMSP'], required: 1 });
    expect(h.events().map((e) => e.type)).toEqual(
      expect.arrayContaining(['lot.registered', 'lot.shipped', 'lot.received']),
    );
    await underTest(h, users, lotId);
  });

  it('2. the lab is accredited and its ICP-MS qualified through IQ, OQ and PQ', async () => {
    const since = h.events().length;
    await accreditedLab(h, users, ['Pb', 'Cd', 'As', 'Hg']);
    const instrumentEvents = h
      .events()
      .slice(since)
      .filter((e) => e.subject.id === LAB_INSTRUMENT)
      .map((e) => e.type);
    expect(instrumentEvents.filter((t) => t !== 'instrument.state-changed')).toEqual([
      'instrument.registered',
      'instrument.qualification-recorded',
      'instrument.qualification-recorded',
      'instrument.qualification-recorded',
    ]);
    expect(instrumentEvents.filter((t) => t === 'instrument.state-changed')).toHaveLength(3);
    const instrument = await step<InstrumentRecord>(h, users.auditor, 'instruments:GetInstrument', {
      instrumentId: LAB_INSTRUMENT,
    });
    expect(instrument.value.timeline.map((c) => c.state)).toEqual([
      'REGISTERED',
      'IQ_PASSED',
      'OQ_PASSED',
      'QUALIFIED',
    ]);
    expect(instrument.value.qualification).toMatchObject({
      state: 'QUALIFIED',
      qualifiedUntil: '2026-01-07T11:00:00.000Z',
    });
    expect(h.keyPolicy(h.compositeKey('instrument', [LAB_INSTRUMENT]))?.mspIds).toEqual(['LabMSP']);
  });

  it('3. a GBW reference material gives a T1 calibration, and the run on the lot is traceable', async () => {
    await calibratedRun(
      h,
      users,
      { instrumentId: LAB_INSTRUMENT, crmId: LAB_CRM, runId: 'RUN-PATH' },
      day,
      lotId,
    );
    const run = await step<RunRecord>(h, users.auditor, 'runs:GetRun', { runId: 'RUN-PATH' });
    expect(run.value).toMatchObject({
      lotId,
      traceabilityClass: 'T1',
      calibrationTraceable: true,
      additionalVerificationRequired: false,
    });
    expect(h.keyPolicy(h.compositeKey('run', ['RUN-PATH']))?.mspIds).toEqual(['LabMSP']);
  });

  it('4. the report is authored, reviewed and approved by three people and becomes VERIFIED', async () => {
    h.setTime(`${day}T16:00:00Z`);
    const subject = {
      reportId: 'REP-PATH',
      lotId,
      productId: 'P-MULTI-1',
      material: GTIN_A,
      results: USP_ELEMENT_RESULTS,
    };
    const created = await step<ReportRecord>(
      h,
      users.labAnalyst,
      'reports:CreateReport',
      reportInput(subject, 'RUN-PATH', day),
    );
    expect(created.events).toEqual([['report.created', 'REP-PATH']]);
    // 5 µg/day Pb PDE over 4 g: 1.25 µg/g.
    expect(created.value.evaluation.verdicts.map((v) => [v.analyte, v.species, v.outcome, v.limit])).toEqual([
      ['Pb', 'total', 'CONFORMS', 1.25],
      ['Cd', 'total', 'CONFORMS', 1.25],
      ['As', 'inorganic', 'CONFORMS', 3.75],
      ['Hg', 'total', 'CONFORMS', 3.75],
      ['Hg', 'MeHg', 'CONFORMS', 0.5],
    ]);
    await step(h, users.labAnalyst, 'reports:SubmitReport', { reportId: 'REP-PATH' });
    await step(h, users.labAnalyst, 'reports:SignReport', { reportId: 'REP-PATH' });
    await step(h, users.labReviewer, 'reports:ReviewReport', { reportId: 'REP-PATH' });
    const approved = await step<ReportRecord>(h, users.labApprover, 'reports:ApproveReport', {
      reportId: 'REP-PATH',
    });
    expect(approved.value).toMatchObject({ state: 'VERIFIED', verification: { failures: [] } });
    expect(approved.value.signatures.map((s) => [s.meaning, s.printedName])).toEqual([
      ['AUTHORSHIP', 'analyst@lab'],
      ['REVIEW', 'reviewer@lab'],
      ['APPROVAL', 'approver@lab'],
    ]);
    expect(approved.events.map(([type]) => type)).toContain('report.recognition');
  });

  it('5. recognition is conditional on speciation results, so release waits for a comparative verification', async () => {
    const recognition = await step<RecognitionRecord>(h, users.brandUser, 'reports:GetRecognition', {
      reportId: 'REP-PATH',
    });
    expect(recognition.value.status).toBe('CONDITIONALLY_RECOGNIZED');
    expect(recognition.value.reasons.map((r) => [r.code, r.effect])).toEqual([
      ['SPECIATION_ANALYTE', 'CONDITIONS'],
      ['SPECIATION_ANALYTE', 'CONDITIONS'],
    ]);
    const refused = await h.refused(users.brandAdmin, 'lots:ReleaseLot', { lotId, ...when(h) });
    expect(refused.code).toBe('LOT_NOT_RELEASABLE');
    expect(refused.details).toMatchObject({
      reasons: [
        { code: 'COMPARATIVE_VERIFICATION_REQUIRED', analyte: 'Cd', reportId: 'REP-PATH' },
        { code: 'COMPARATIVE_VERIFICATION_REQUIRED', analyte: 'Pb', reportId: 'REP-PATH' },
      ],
    });
  });

  it('6. the independent verifier re-tests the lot and the case ends SATISFACTORY', async () => {
    const dispatched = await dispatchedCase(h, users, 'CV-PATH', lotId, ['Pb', 'Cd']);
    expect(dispatched.state).toBe('SAMPLES_DISPATCHED');
    expect(h.keyPolicy(h.compositeKey('vcase', ['CV-PATH']))).toEqual({
      mspIds: ['BrandMSP', 'VerifierMSP'],
      required: 2,
    });
    const evaluated = await commitAndReveal(h, users, 'CV-PATH', [1.1, 1.2, 1.3], ['Pb', 'Cd']);
    expect(evaluated).toMatchObject({ state: 'SATISFACTORY', outcome: 'SATISFACTORY' });
    for (const analyte of ['Cd', 'Pb']) {
      expect(h.state(h.compositeKey('vlot~passed', [lotId, analyte, 'CV-PATH']))).toMatchObject({
        caseId: 'CV-PATH',
      });
    }
    const closed = await step<VerificationCaseRecord>(h, users.verifierAdmin, 'verifications:CloseCase', {
      caseId: 'CV-PATH',
      reason: 'satisfactory, filed',
    });
    expect(closed.value.state).toBe('CLOSED');
  });

  it('7. the brand releases the lot; its verdict names the evidence', async () => {
    const released = await step<LotRecord>(h, users.brandAdmin, 'lots:ReleaseLot', { lotId, ...when(h) });
    expect(released.value.state).toBe('RELEASED');
    expect(released.events).toEqual([['lot.released', lotId]]);
    const verdict = await step<Verdict>(h, users.auditor, 'verdicts:GetVerdict', { lotId });
    expect(verdict.value).toMatchObject({ state: 'RELEASED', releasable: true, trusted: true, reasons: [] });
    expect(verdict.value.evidence).toEqual({
      reports: ['REP-PATH'],
      runs: ['RUN-PATH'],
      instruments: [LAB_INSTRUMENT],
      calibrations: ['CAL-RUN-PATH'],
      verifications: ['CV-PATH'],
      holds: [],
    });
  });

  it('8. the brand makes a formulation batch from it, with lineage and mass balance', async () => {
    const made = await step<LotRecord>(
      h,
      users.brandUser,
      'lots:Transform',
      transformInput(h, 'T-PATH', 'FB-PATH', [{ lotId, quantity: 25, uom: 'KGM' }]),
    );
    batchId = made.value.id;
    expect(made.value).toMatchObject({
      id: `${GTIN_BATCH}.FB-PATH`,
      kind: 'BATCH',
      owner: 'BrandMSP',
      transformationId: 'T-PATH',
    });
    expect(made.events).toContainEqual(['batch.made', batchId]);
    expect((await step<LotRecord>(h, users.auditor, 'lots:GetLot', { lotId })).value.remainingKg).toBe(75);
    const back = await step<TraceNode>(h, users.auditor, 'lots:TraceBackward', { lotId: batchId });
    expect(back.value).toEqual({ id: batchId, children: [{ id: lotId, via: 'T-PATH', children: [] }] });
  });

  it('9. the batch verdict is TRUSTED, its daily exposure computed from the input results', async () => {
    const verdict = await step<Verdict>(h, users.brandUser, 'verdicts:GetVerdict', { lotId: batchId });
    expect(verdict.value).toMatchObject({ kind: 'BATCH', releasable: true, trusted: true, reasons: [] });
    expect(verdict.value.exposure?.map((e) => [e.element, e.basis, e.withinPde])).toEqual([
      ['As/inorganic', 'INPUTS', true],
      ['Cd', 'INPUTS', true],
      ['Hg', 'INPUTS', true],
      ['Hg/MeHg', 'INPUTS', true],
      ['Pb', 'INPUTS', true],
    ]);
    // 0.2 µg/g Pb x 4 g.
    expect(verdict.value.exposure?.find((e) => e.element === 'Pb')?.exposureUgPerDay).toBeCloseTo(0.8, 9);
  });
});
