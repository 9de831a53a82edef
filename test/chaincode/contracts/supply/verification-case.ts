/**
 * A comparative verification case between the overseas lab (LabMSP, under test) and the domestic
 * verifier (VerifierMSP, the reference lab), requested by the brand: the protocol (rule 28), its
 * approval by every party, and commit-reveal of both labs' results (rule 29).
 */
import { resultsCommitment, type VerificationCaseRecord } from '@alliance/chaincode/model';
import type { AllianceUsers, LedgerHarness, TestIdentity } from '../../support';

/** A protocol scoring LabMSP against VerifierMSP on `analytes` (z with Horwitz σ, 3 replicates). */
export function protocol(lotId: string, analytes: readonly string[] = ['Pb']) {
  return {
    title: 'Elements in raw material: overseas lab vs domestic verifier',
    labs: [
      { mspId: 'LabMSP', role: 'SENDING' },
      { mspId: 'VerifierMSP', role: 'REFERENCE' },
    ],
    analytes: analytes.map((analyte) => ({
      analyte,
      matrix: 'raw material',
      unit: 'mg/kg',
      levels: [1],
      method: { id: 'M-ICPMS-PB', version: '3', reference: 'USP <233>' },
      assignedValueSource: 'REFERENCE_LAB',
      referenceLab: 'VerifierMSP',
      sigmaRule: 'HORWITZ_THOMPSON',
      scoreType: 'z',
    })),
    instruments: [
      { lab: 'LabMSP', instrumentId: 'ICPMS-7' },
      { lab: 'VerifierMSP', instrumentId: 'ICPMS-V1' },
    ],
    testItems: [{ lotId, homogeneityEvidence: 'HOM-2025-11', stabilityEvidence: 'STAB-2025-11' }],
    replicates: 3,
    acceptanceCriteria: '|z| <= 2, HorRat 0.5-2.0, mean difference <= CD (ISO 5725-6)',
  };
}

/** Each lab's commitment salt. */
export const SALT = { LabMSP: 'lab-salt-0123456789', VerifierMSP: 'verifier-salt-987654' };

/** The verifier's (reference) results: 1 mg/kg of every analyte, U = 0.04. */
export function referenceResults(analytes: readonly string[] = ['Pb']) {
  return analytes.map((analyte) => ({
    analyte,
    values: [1, 1, 1],
    expandedUncertainty: 0.04,
    coverageFactor: 2,
  }));
}

/** The brand's QA approver. */
export function brandApprover(h: LedgerHarness): Promise<TestIdentity> {
  return h.user('BrandMSP', 'approver', 'QA approver@brand');
}

/** Opens a case on `lotId`, has every party approve it and dispatches the samples. */
export async function dispatchedCase(
  h: LedgerHarness,
  users: AllianceUsers,
  caseId: string,
  lotId: string,
  analytes: readonly string[] = ['Pb'],
): Promise<VerificationCaseRecord> {
  await h.ok(users.brandAdmin, 'verifications:OpenCase', { caseId, protocol: protocol(lotId, analytes) });
  for (const approver of [users.labApprover, users.verifierApprover, await brandApprover(h)]) {
    await h.ok(approver, 'verifications:ApproveProtocol', { caseId });
  }
  return h.ok<VerificationCaseRecord>(users.brandAdmin, 'verifications:DispatchSamples', { caseId });
}

/**
 * Both labs commit, then reveal: LabMSP reports `labValues` for every analyte, the verifier the
 * reference results. Returns the case as the last reveal leaves it (evaluated).
 */
export async function commitAndReveal(
  h: LedgerHarness,
  users: AllianceUsers,
  caseId: string,
  labValues: number[],
  analytes: readonly string[] = ['Pb'],
): Promise<VerificationCaseRecord> {
  const labResults = analytes.map((analyte) => ({
    analyte,
    values: labValues,
    expandedUncertainty: 0.1,
    coverageFactor: 2,
  }));
  const reference = referenceResults(analytes);
  await h.ok(users.labAnalyst, 'verifications:CommitResults', {
    caseId,
    commitment: resultsCommitment(caseId, 'LabMSP', labResults, SALT.LabMSP),
  });
  await h.ok(users.verifierAnalyst, 'verifications:CommitResults', {
    caseId,
    commitment: resultsCommitment(caseId, 'VerifierMSP', reference, SALT.VerifierMSP),
  });
  await h.ok(users.labAnalyst, 'verifications:RevealResults', {
    caseId,
    salt: SALT.LabMSP,
    results: labResults,
  });
  return h.ok<VerificationCaseRecord>(users.verifierAnalyst, 'verifications:RevealResults', {
    caseId,
    salt: SALT.VerifierMSP,
    results: reference,
  });
}
