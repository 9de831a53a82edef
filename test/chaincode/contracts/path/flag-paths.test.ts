/**
 * The paths that end with a downstream batch on hold (rule 33): a supplier's released lot flagged
 * after the fact, and the certificate of the CRM behind a calibration revoked (rules 10, 14). Each
 * starts from a lot released on a VERIFIED report and a batch made from it.
 */
import type { HoldRecord, LotRecord, Verdict } from '@alliance/chaincode/model';
import type { InstrumentRecord } from '@alliance/chaincode/model/lab/instrument';
import { releasedLotAndBatch, type ReleasedBatch } from '../released-batch';
import { when } from '../supply/fixtures';
import { LAB_CRM, LAB_INSTRUMENT } from '../verified-lot';
import { step } from './step';

// Each test builds its own alliance with real certificates.
jest.setTimeout(60_000);

/** Expects the batch on hold for `holdId`, with the cause in its verdict, and not shippable. */
async function expectBatchHeld({ h, users, lotId, batchId }: ReleasedBatch, holdId: string): Promise<void> {
  const verdict = await step<Verdict>(h, users.brandUser, 'verdicts:GetVerdict', { lotId: batchId });
  expect(verdict.value).toMatchObject({
    state: 'HOLD_ADDITIONAL_VERIFICATION',
    releasable: false,
    trusted: false,
  });
  expect(verdict.value.reasons[0]).toEqual({
    code: 'STATE',
    message: 'the lot is HOLD_ADDITIONAL_VERIFICATION',
  });
  expect(verdict.value.evidence.holds).toEqual([holdId]);
  const holds = await step<HoldRecord[]>(h, users.auditor, 'lots:GetHolds', { lotId: batchId });
  expect(holds.value).toMatchObject([{ holdId, originLotId: lotId, status: 'OPEN' }]);
  const ship = {
    lotId: batchId,
    to: 'SupplierMSP',
    bizTransactionList: [{ type: 'desadv', bizTransaction: 'D-F' }],
  };
  expect((await h.refused(users.brandUser, 'lots:ShipLot', { ...ship, ...when(h) })).details).toMatchObject({
    state: 'HOLD_ADDITIONAL_VERIFICATION',
  });
}

describe('a flagged supplier lot', () => {
  it('puts the released lot and the batch made from it on hold, with the cause', async () => {
    const traded = await releasedLotAndBatch('F1');
    const { h, users, lotId, batchId } = traded;
    const cause = {
      kind: 'MANUAL',
      refId: 'AUDIT-14',
      reason: 'supplier audit: origin declarations falsified',
    };
    const flagged = await step<{ held: string[] }>(h, users.platformAdmin, 'lots:FlagLots', {
      lotIds: [lotId],
      cause,
    });
    expect(flagged.value).toEqual({ held: [lotId, batchId] });
    expect(flagged.events).toEqual([
      ['lot.held', lotId],
      ['lot.held', batchId],
      ['hold.propagated', 'MANUAL~AUDIT-14'],
    ]);
    expect(flagged.data[1]).toMatchObject({ originLotId: lotId, cause });
    await expectBatchHeld(traded, 'MANUAL~AUDIT-14');
    expect(await h.ok<LotRecord>(users.auditor, 'lots:GetLot', { lotId })).toMatchObject({
      state: 'RELEASED',
      effectiveState: 'HOLD_ADDITIONAL_VERIFICATION',
    });
  });
});

describe('a revoked reference-material certificate', () => {
  it('suspends the instrument calibrated with it and holds the lot it tested and the batch', async () => {
    const traded = await releasedLotAndBatch('F1');
    const { h, users, lotId, batchId } = traded;
    const reason = 'producer withdrew certificate CERT-CRM-GBW';
    const revoked = await step<{ suspendedInstruments: string[]; heldLots: string[] }>(
      h,
      users.labAdmin,
      'calibrations:RevokeCrm',
      { crmId: LAB_CRM, reason },
    );
    expect(revoked.value).toEqual({ suspendedInstruments: [LAB_INSTRUMENT], heldLots: [lotId, batchId] });
    expect(revoked.events.filter(([type]) => type !== 'instrument.state-changed')).toEqual([
      ['instrument.suspended', LAB_INSTRUMENT],
      ['lot.held', lotId],
      ['lot.held', batchId],
      ['hold.propagated', `CRM_REVOKED~${LAB_CRM}`],
      ['crm.revoked', LAB_CRM],
    ]);
    const instrument = await h.ok<InstrumentRecord>(users.auditor, 'instruments:GetInstrument', {
      instrumentId: LAB_INSTRUMENT,
    });
    expect(instrument.qualification).toMatchObject({
      state: 'SUSPENDED',
      suspension: { causes: ['CRM_REVOKED'] },
    });
    await expectBatchHeld(traded, `CRM_REVOKED~${LAB_CRM}`);
    // Only the platform closes a CRM finding, on the lab's evidence.
    const lift = { lotId: batchId, holdId: `CRM_REVOKED~${LAB_CRM}`, basis: 'CAUSE_CLOSED', reason: 'fine' };
    expect((await h.refused(users.brandAdmin, 'lots:LiftHold', lift)).code).toBe('INVALID_STATE');
  });
});
