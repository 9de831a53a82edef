import {
  resultsCommitment,
  type VerificationCaseRecord,
  type VerificationOutcomeRecord,
} from '@alliance/chaincode/model';
import {
  bootstrappedAlliance,
  type AllianceUsers,
  type LedgerHarness,
  type TestIdentity,
} from '../../support';
import { GTIN_A, lotAtBrand, productSpec } from './fixtures';
import {
  brandApprover,
  commitAndReveal,
  dispatchedCase,
  protocol,
  referenceResults,
  SALT,
} from './verification-case';

// Each file issues real certificates and runs dozens of transactions: generous under load.
jest.setTimeout(30_000);

interface Case {
  h: LedgerHarness;
  users: AllianceUsers;
  brandApprover: TestIdentity;
  lotId: string;
}

async function setUp(): Promise<Case> {
  const { h, users } = await bootstrappedAlliance();
  await h.ok(users.brandAdmin, 'products:RegisterProduct', productSpec());
  const lotId = await lotAtBrand(h, users, GTIN_A, 'CV-1');
  return { h, users, brandApprover: await brandApprover(h), lotId };
}

const reference = referenceResults();

describe('comparative verification (8.7)', () => {
  let c: Case;
  beforeAll(async () => {
    c = await setUp();
  });

  it('runs a frozen, e-signed protocol through commit-reveal and scores it on the ledger', async () => {
    const { h, users, brandApprover, lotId } = c;
    await h.ok(users.brandAdmin, 'verifications:OpenCase', {
      caseId: 'CV-2025-001',
      protocol: protocol(lotId),
    });
    expect(h.keyPolicy('\x00vcase\x00CV-2025-001\x00')).toEqual({
      mspIds: ['BrandMSP', 'VerifierMSP'],
      required: 2,
    });
    // a lab outside the case cannot approve; the same org cannot approve twice
    await h.ok(users.labApprover, 'verifications:ApproveProtocol', { caseId: 'CV-2025-001' });
    expect(
      (await h.refused(users.labApprover, 'verifications:ApproveProtocol', { caseId: 'CV-2025-001' })).code,
    ).toBe('ALREADY_EXISTS');
    await h.ok(users.verifierApprover, 'verifications:ApproveProtocol', { caseId: 'CV-2025-001' });
    expect(
      (await h.refused(users.brandAdmin, 'verifications:DispatchSamples', { caseId: 'CV-2025-001' })).code,
    ).toBe('INVALID_STATE');
    const approved = await h.ok<VerificationCaseRecord>(brandApprover, 'verifications:ApproveProtocol', {
      caseId: 'CV-2025-001',
    });
    expect(approved.state).toBe('APPROVED');
    const approval = h.state(`\x00vcase~approval\x00CV-2025-001\x00000001\x00BrandMSP\x00`) as {
      signature: Record<string, unknown>;
    };
    expect(approval.signature).toMatchObject({
      meaning: 'APPROVAL',
      mspId: 'BrandMSP',
      printedName: 'QA approver@brand',
      recordHash: approved.protocolHash,
    });
    // frozen: a change is a new version that needs approving again
    const revised = await h.ok<VerificationCaseRecord>(users.brandAdmin, 'verifications:ReviseProtocol', {
      caseId: 'CV-2025-001',
      protocol: { ...protocol(lotId), replicates: 3, acceptanceCriteria: '|z| <= 2 and HorRat 0.5-2.0' },
    });
    expect(revised).toMatchObject({ state: 'DRAFT', protocolVersion: 2 });
    expect(revised.protocolHash).not.toBe(approved.protocolHash);
    for (const approver of [users.labApprover, users.verifierApprover, brandApprover]) {
      await h.ok(approver, 'verifications:ApproveProtocol', { caseId: 'CV-2025-001' });
    }
    await h.ok(users.brandAdmin, 'verifications:DispatchSamples', { caseId: 'CV-2025-001' });

    const caseId = 'CV-2025-001';
    const labResults = [
      { analyte: 'Pb', values: [1.1, 1.2, 1.3], expandedUncertainty: 0.1, coverageFactor: 2 },
    ];
    const pending = await h.ok<VerificationCaseRecord>(users.labAnalyst, 'verifications:CommitResults', {
      caseId,
      commitment: resultsCommitment(caseId, 'LabMSP', labResults, SALT.LabMSP),
    });
    expect(pending.state).toBe('RESULTS_PENDING');
    // no reveal before every commitment is in
    expect(
      (
        await h.refused(users.labAnalyst, 'verifications:RevealResults', {
          caseId,
          salt: SALT.LabMSP,
          results: labResults,
        })
      ).code,
    ).toBe('INVALID_STATE');
    const sealed = await h.ok<VerificationCaseRecord>(users.verifierAnalyst, 'verifications:CommitResults', {
      caseId,
      commitment: resultsCommitment(caseId, 'VerifierMSP', reference, SALT.VerifierMSP),
    });
    expect(sealed.state).toBe('RESULTS_COMPLETE');
    // a reveal that differs from the commitment (results adjusted after the fact) is refused
    const adjusted = [{ ...labResults[0]!, values: [1.0, 1.05, 1.1] }];
    expect(
      (
        await h.refused(users.labAnalyst, 'verifications:RevealResults', {
          caseId,
          salt: SALT.LabMSP,
          results: adjusted,
        })
      ).code,
    ).toBe('COMMITMENT_MISMATCH');
    await h.ok(users.labAnalyst, 'verifications:RevealResults', {
      caseId,
      salt: SALT.LabMSP,
      results: labResults,
    });
    const done = await h.ok<VerificationCaseRecord>(users.verifierAnalyst, 'verifications:RevealResults', {
      caseId,
      salt: SALT.VerifierMSP,
      results: reference,
    });
    expect(done).toMatchObject({ state: 'SATISFACTORY', outcome: 'SATISFACTORY' });

    const outcome = await h.ok<VerificationOutcomeRecord>(users.auditor, 'verifications:GetOutcome', {
      caseId,
    });
    const [pb] = outcome.evaluations;
    expect(pb).toMatchObject({
      analyte: 'Pb',
      assignedValue: 1,
      withinCriticalDifference: true,
      horRatAcceptable: true,
      outcome: 'SATISFACTORY',
    });
    expect(pb!.sigmaPt).toBeCloseTo(0.15997, 5);
    expect(pb!.scores[0]!.score).toBeCloseTo(0.2 / 0.15996685, 5);
    expect(pb!.criticalDifference).toBeCloseTo(0.37497, 4);
    expect(outcome.labOutcomes).toEqual([
      { lab: 'LabMSP', analyte: 'Pb', scored: 'SATISFACTORY', counted: 'SATISFACTORY' },
    ]);
    expect(h.state(`\x00vlot~passed\x00${lotId}\x00Pb\x00${caseId}\x00`)).toMatchObject({ caseId });
    await h.ok(users.verifierAdmin, 'verifications:CloseCase', { caseId, reason: 'satisfactory, filed' });
  });

  it('counts a second QUESTIONABLE in a row on one analyte as UNSATISFACTORY, then investigates and closes', async () => {
    await dispatchedCase(c.h, c.users, 'CV-Q1', c.lotId);
    const first = await commitAndReveal(c.h, c.users, 'CV-Q1', [1.35, 1.35, 1.35]);
    expect(first).toMatchObject({ state: 'QUESTIONABLE' });
    await dispatchedCase(c.h, c.users, 'CV-Q2', c.lotId);
    const second = await commitAndReveal(c.h, c.users, 'CV-Q2', [1.35, 1.35, 1.35]);
    expect(second).toMatchObject({ state: 'UNSATISFACTORY' });
    const outcome = await c.h.ok<VerificationOutcomeRecord>(c.users.auditor, 'verifications:GetOutcome', {
      caseId: 'CV-Q2',
    });
    expect(outcome.labOutcomes).toEqual([
      { lab: 'LabMSP', analyte: 'Pb', scored: 'QUESTIONABLE', counted: 'UNSATISFACTORY' },
    ]);
    expect(
      c.h
        .events()
        .filter((e) => e.type === 'verification.lab_failed')
        .map((e) => e.data),
    ).toEqual([{ caseId: 'CV-Q2', analytes: ['Pb'] }]);
    expect((await c.h.refused(c.users.labAdmin, 'verifications:Investigate', { caseId: 'CV-Q2' })).code).toBe(
      'ROLE_DENIED',
    );
    await c.h.ok(c.users.verifierAdmin, 'verifications:Investigate', { caseId: 'CV-Q2' });
    const closed = await c.h.ok<VerificationCaseRecord>(c.users.brandAdmin, 'verifications:CloseCase', {
      caseId: 'CV-Q2',
      reason: 'CAPA: digestion step corrected',
    });
    expect(closed.state).toBe('CLOSED');
  });

  it('refuses a protocol missing rule-28 fields or without a verifier lab, and results outside the protocol', async () => {
    const { h, users, lotId } = c;
    const { instruments: _none, ...noInstruments } = protocol(lotId);
    const missing = await h.refused(users.brandAdmin, 'verifications:OpenCase', {
      caseId: 'CV-X',
      protocol: noInstruments,
    });
    expect(missing.issues).toContainEqual({
      path: 'protocol.instruments',
      message: expect.any(String) as string,
    });
    const noVerifier = {
      ...protocol(lotId),
      labs: [
        { mspId: 'LabMSP', role: 'SENDING' },
        { mspId: 'BrandMSP', role: 'RECEIVING' },
      ],
    };
    expect(
      (await h.refused(users.brandAdmin, 'verifications:OpenCase', { caseId: 'CV-Y', protocol: noVerifier }))
        .code,
    ).toBe('VALIDATION_FAILED');
    await dispatchedCase(h, users, 'CV-Z', lotId);
    const wrong = [{ analyte: 'Pb', values: [1, 1], expandedUncertainty: 0.1, coverageFactor: 2 }];
    await h.ok(users.labAnalyst, 'verifications:CommitResults', {
      caseId: 'CV-Z',
      commitment: resultsCommitment('CV-Z', 'LabMSP', wrong, SALT.LabMSP),
    });
    await h.ok(users.verifierAnalyst, 'verifications:CommitResults', {
      caseId: 'CV-Z',
      commitment: resultsCommitment('CV-Z', 'VerifierMSP', reference, SALT.VerifierMSP),
    });
    const short = await h.refused(users.labAnalyst, 'verifications:RevealResults', {
      caseId: 'CV-Z',
      salt: SALT.LabMSP,
      results: wrong,
    });
    expect(short).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'results', message: 'Pb needs 3 replicates' }],
    });
  });
});
