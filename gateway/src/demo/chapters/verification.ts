/**
 * Chapter 7: comparative verification. The brand opens a case under a frozen protocol, every lab
 * and the brand approve it with e-signatures, samples go out, and each lab commits to the SHA-256
 * of its results before anyone reveals (commit-reveal). The chaincode scores the agreement itself.
 */
import { randomBytes } from 'node:crypto';
import { resultsCommitment, type VerificationOutcomeRecord } from '@alliance/chaincode/model';
import { VERIFICATION_RESULTS, verificationProtocol } from '../data/results';
import { lotOf, type Story } from '../story';

/** Runs the case to its outcome and returns it. */
export async function verification(story: Story): Promise<VerificationOutcomeRecord> {
  const { narrator, ids } = story;
  const lotId = lotOf(story);
  narrator.chapter('The verifier lab runs a comparative verification (commit-reveal, scored on the ledger)');
  const { caseId, protocol } = verificationProtocol(ids, lotId);
  await story.act(
    'brandAdmin',
    'verification.open',
    `opens case ${caseId}: ${protocol.analytes.map((a) => a.analyte).join(', ')}; reference lab VerifierMSP`,
    (c) => c.verifications.open({ caseId, protocol }),
  );
  for (const approver of ['labApprover', 'verifierApprover', 'brandApprover'] as const) {
    await story.act(approver, 'verification.approve', `approves (e-signs) the protocol of ${caseId}`, (c) =>
      c.verifications.approveProtocol({ caseId }),
    );
  }
  await story.act(
    'brandUser',
    'verification.dispatch',
    'dispatches retained samples of the lot to both labs',
    (c) => c.verifications.dispatchSamples({ caseId }),
  );
  const labs = [
    { actor: 'labAnalyst' as const, mspId: 'LabMSP' as const, salt: randomBytes(16).toString('hex') },
    {
      actor: 'verifierAnalyst' as const,
      mspId: 'VerifierMSP' as const,
      salt: randomBytes(16).toString('hex'),
    },
  ];
  for (const lab of labs) {
    const commitment = resultsCommitment(caseId, lab.mspId, VERIFICATION_RESULTS[lab.mspId], lab.salt);
    await story.act(
      lab.actor,
      'verification.commit',
      `commits to its results: sha256 ${commitment.slice(0, 12)}…`,
      (c) => c.verifications.commitResults({ caseId, commitment }),
    );
  }
  for (const lab of labs) {
    await story.act(
      lab.actor,
      'verification.reveal',
      `reveals ${VERIFICATION_RESULTS[lab.mspId].length.toString()} analytes × 3 replicates with its salt`,
      (c) =>
        c.verifications.revealResults({ caseId, salt: lab.salt, results: VERIFICATION_RESULTS[lab.mspId] }),
    );
  }
  const outcome = await story.read('brandUser', (c) => c.verifications.outcome({ caseId }));
  for (const e of outcome.evaluations) {
    const score = e.scores.map((s) => `${s.scoreType} = ${s.score.toFixed(2)}`).join(', ');
    narrator.fact(
      `${e.analyte}: ${score}, HorRat ${e.horRat?.toFixed(2) ?? '-'}, |Δ| ${fmt(e.meanDifference)} ≤ CD ${fmt(e.criticalDifference)} → ${e.outcome}`,
    );
  }
  narrator.fact(`case ${caseId}: ${outcome.aggregate}`);
  return outcome;
}

function fmt(x: number | undefined): string {
  return x === undefined ? '-' : x.toPrecision(2);
}
