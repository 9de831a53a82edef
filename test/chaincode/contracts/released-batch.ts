/**
 * A supplier's lot of GTIN_A released at the brand on a VERIFIED report (REP-<lot>) and a batch
 * made from 10 kg of it: the starting point of every test of what a later finding does downstream.
 */
import type { LotRecord } from '@alliance/chaincode/model';
import { bootstrappedAlliance, type AllianceUsers, type LedgerHarness } from '../support';
import { GTIN_A, lotAtBrand, productSpec, released, transformInput } from './supply/fixtures';
import { accreditedLab, verifiedReport } from './verified-lot';

/** The alliance, the released lot and the batch. */
export interface ReleasedBatch {
  h: LedgerHarness;
  users: AllianceUsers;
  lotId: string;
  batchId: string;
}

/** Builds {@link ReleasedBatch} with lot number `lot` (batch `FB-<lot>` by transformation `T-<lot>`). */
export async function releasedLotAndBatch(lot: string): Promise<ReleasedBatch> {
  const { h, users } = await bootstrappedAlliance();
  await h.ok(
    users.brandAdmin,
    'products:RegisterProduct',
    productSpec([{ material: GTIN_A, analytes: ['Pb', 'Cd'] }]),
  );
  await accreditedLab(h, users);
  const lotId = await lotAtBrand(h, users, GTIN_A, lot);
  await verifiedReport(h, users, { reportId: `REP-${lot}`, lotId, productId: 'P-MULTI-1', material: GTIN_A });
  await released(h, users, lotId);
  const batch = await h.ok<LotRecord>(
    users.brandUser,
    'lots:Transform',
    transformInput(h, `T-${lot}`, `FB-${lot}`, [{ lotId, quantity: 10, uom: 'KGM' }]),
  );
  return { h, users, lotId, batchId: batch.id };
}
