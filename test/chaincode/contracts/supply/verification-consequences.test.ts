/**
 * What an UNSATISFACTORY comparative verification does (rules 20, 30, 33): the failing lab's
 * recognitions for the analyte are suspended, every lot it tested and every batch made from them
 * goes on hold, and the hold stays until the case is closed.
 */
import type { Verdict } from '@alliance/chaincode/model';
import type { RecognitionRecord } from '@alliance/chaincode/model/lab/report';
import { releasedLotAndBatch } from '../released-batch';
import { when } from './fixtures';
import { commitAndReveal, dispatchedCase } from './verification-case';

// Each file issues real certificates and runs dozens of transactions: generous under load.
jest.setTimeout(60_000);

describe('an UNSATISFACTORY comparative verification', () => {
  it('suspends the recognition, holds the tested lot and its batch, and lifts only once closed', async () => {
    const { h, users, lotId, batchId } = await releasedLotAndBatch('U1');

    await dispatchedCase(h, users, 'CV-U', lotId);
    const failed = await commitAndReveal(h, users, 'CV-U', [1.6, 1.6, 1.6]);
    expect(failed).toMatchObject({ state: 'UNSATISFACTORY', outcome: 'UNSATISFACTORY' });

    const recognition = await h.ok<RecognitionRecord>(users.auditor, 'reports:GetRecognition', {
      reportId: 'REP-U1',
    });
    expect(recognition).toMatchObject({
      status: 'RECOGNIZED',
      suspendedAt: expect.any(String) as string,
      suspensionCause: 'comparative verification CV-U UNSATISFACTORY for Pb',
    });
    const events = h.events().filter((e) => ['recognition.suspended', 'lot.held'].includes(e.type));
    expect(events.map((e) => [e.type, e.subject.id])).toEqual([
      ['recognition.suspended', 'REP-U1'],
      ['lot.held', lotId],
      ['lot.held', batchId],
    ]);
    for (const id of [lotId, batchId]) {
      const verdict = await h.ok<Verdict>(users.brandUser, 'verdicts:GetVerdict', { lotId: id });
      expect(verdict).toMatchObject({
        state: 'HOLD_ADDITIONAL_VERIFICATION',
        releasable: false,
        trusted: false,
      });
      expect(verdict.reasons).toContainEqual({
        code: 'ADDITIONAL_VERIFICATION_REQUIRED',
        refId: 'VERIFICATION_FAILED~CV-U',
        message: 'on hold: VERIFICATION_FAILED CV-U: comparative verification CV-U UNSATISFACTORY for Pb',
      });
    }
    const lotVerdict = await h.ok<Verdict>(users.brandUser, 'verdicts:GetVerdict', { lotId });
    expect(lotVerdict.reasons).toContainEqual({
      code: 'NOT_RECOGNIZED',
      analyte: 'Pb',
      reportId: 'REP-U1',
      message: 'recognition is SUSPENDED',
    });

    const lift = {
      lotId: batchId,
      holdId: 'VERIFICATION_FAILED~CV-U',
      basis: 'CAUSE_CLOSED',
      reason: 'CAPA done',
    };
    expect((await h.refused(users.brandAdmin, 'lots:LiftHold', lift)).message).toContain(
      'verification case CV-U is not CLOSED',
    );
    await h.ok(users.verifierAdmin, 'verifications:Investigate', { caseId: 'CV-U' });
    await h.ok(users.brandAdmin, 'verifications:CloseCase', {
      caseId: 'CV-U',
      reason: 'CAPA: digestion corrected',
    });
    await h.ok(users.brandAdmin, 'lots:LiftHold', lift);
    expect(await h.ok<Verdict>(users.auditor, 'verdicts:GetVerdict', { lotId: batchId })).toMatchObject({
      state: 'RECEIVED',
    });
    expect((await h.refused(users.brandUser, 'lots:ShipLot', { lotId, to: 'SupplierMSP', bizTransactionList: [{ type: 'desadv', bizTransaction: 'D-1' }], ...when(h) })).details).toMatchObject({ state: 'HOLD_ADDITIONAL_VERIFICATION' }); // prettier-ignore
  });
});
