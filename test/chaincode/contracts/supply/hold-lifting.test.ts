/**
 * Lifting a hold by a new VERIFIED report (rule 33): the report must be on the held lot itself
 * and verified after the hold was opened; then the batch can be released again.
 */
import type { LotRecord, Verdict } from '@alliance/chaincode/model';
import { bootstrappedAlliance } from '../../support';
import { accreditedLab, verifiedReport } from '../verified-lot';
import { GTIN_A, lotAtBrand, productSpec, released, transformInput, when } from './fixtures';

// Each file issues real certificates and runs dozens of transactions: generous under load.
jest.setTimeout(60_000);

describe('lifting a hold with a new VERIFIED report (rule 33)', () => {
  it('takes only a report on the batch itself verified after the hold, then releases the batch', async () => {
    const { h, users } = await bootstrappedAlliance();
    await h.ok(users.brandAdmin, 'products:RegisterProduct', productSpec());
    await accreditedLab(h, users);
    const input = await lotAtBrand(h, users, GTIN_A, 'H-1');
    await verifiedReport(h, users, {
      reportId: 'REP-H1',
      lotId: input,
      productId: 'P-MULTI-1',
      material: GTIN_A,
    });
    await released(h, users, input);
    const batch = (
      await h.ok<LotRecord>(
        users.brandUser,
        'lots:Transform',
        transformInput(h, 'T-H', 'FB-H', [{ lotId: input, quantity: 10, uom: 'KGM' }]),
      )
    ).id;
    await verifiedReport(h, users, { reportId: 'REP-EARLY', lotId: batch, productId: 'P-MULTI-1' });

    await h.ok(users.brandAdmin, 'lots:RecallLot', { lotId: input, reason: 'supplier recall', ...when(h) });
    const holdId = `RECALLED~${input}`;
    expect(await h.ok<Verdict>(users.auditor, 'verdicts:GetVerdict', { lotId: batch })).toMatchObject({
      state: 'HOLD_ADDITIONAL_VERIFICATION',
      releasable: false,
    });
    const lift = (reportId: string) => ({ lotId: batch, holdId, basis: 'NEW_VERIFIED_REPORT', reportId });
    const before = h.ledger.snapshot();
    expect((await h.refused(users.brandAdmin, 'lots:LiftHold', lift('REP-EARLY'))).message).toBe(
      'report REP-EARLY was verified before the hold was opened',
    );
    expect((await h.refused(users.brandAdmin, 'lots:LiftHold', lift('REP-H1'))).message).toBe(
      `report REP-H1 is about ${input}, not ${batch}`,
    );
    expect((await h.refused(users.brandAdmin, 'lots:LiftHold', lift('REP-NONE'))).message).toBe(
      'no report REP-NONE',
    );
    expect(h.ledger.snapshot()).toEqual(before);

    await verifiedReport(h, users, { reportId: 'REP-RETEST', lotId: batch, productId: 'P-MULTI-1' });
    const lifted = await h.invoke(users.brandAdmin, 'lots:LiftHold', lift('REP-RETEST'));
    expect(lifted.ok && lifted.events.map((e) => [e.type, e.data])).toEqual([
      ['hold.lifted', { holdId, basis: 'NEW_VERIFIED_REPORT', openHolds: 0 }],
    ]);
    const verdict = await h.ok<Verdict>(users.auditor, 'verdicts:GetVerdict', { lotId: batch });
    expect(verdict).toMatchObject({ state: 'RECEIVED', releasable: true });
    expect(verdict.evidence.reports).toEqual(['REP-EARLY', 'REP-RETEST']);
    await released(h, users, batch);
    expect(await h.ok<LotRecord>(users.auditor, 'lots:GetLot', { lotId: input })).toMatchObject({
      state: 'RECALLED',
    });
  });
});
