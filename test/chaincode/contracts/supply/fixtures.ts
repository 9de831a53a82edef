/**
 * Shared steps of the supply contract tests: a product, lots registered by the supplier and
 * brought to RELEASED by the brand, and the EPCIS "when" of an event at ledger time.
 */
import type { LotRecord } from '@alliance/chaincode/model';
import type { AllianceUsers, LedgerHarness } from '../../support';

/** Raw-material GTINs (valid GS1 check digits). */
export const GTIN_A = '09506000134352';
export const GTIN_B = '09506000134369';
/** The finished product's GTIN. */
export const GTIN_BATCH = '09506000990019';
/** The supplier's site. */
export const SUPPLIER_GLN = '9506000130019';
/** The brand's plant. */
export const PLANT_GLN = '9506000130026';

/** A product made of GTIN_A and GTIN_B, with the analytes each must be tested for. */
export function productSpec(
  requiredAnalytes: { material: string; analytes: string[] }[] = [],
  limitRegime = 'CHINA',
) {
  return {
    productId: 'P-MULTI-1',
    name: 'Multimineral tablet',
    maxDailyServingG: 6,
    formula: [
      { material: GTIN_A, gramsPerServing: 4 },
      { material: GTIN_B, gramsPerServing: 2 },
    ],
    requiredAnalytes,
    limitRegime,
    foodCategory: 'health food tablet',
  };
}

/** The event time of a transaction submitted next, with a zone offset. */
export function when(h: LedgerHarness): { eventTime: string; eventTimeZoneOffset: string } {
  return { eventTime: h.time.toISOString(), eventTimeZoneOffset: '+08:00' };
}

/** Registration input of a lot. */
export function lotInput(gtin: string, lot: string, extra: Record<string, unknown> = {}) {
  return {
    gtin,
    lot,
    supplierGln: SUPPLIER_GLN,
    countryOfOrigin: 'IN',
    expiryDate: '2026-12-31',
    quantity: 100,
    uom: 'KGM',
    ...extra,
  };
}

/** Registers a lot as the supplier, ships it to the brand and receives it there. */
export async function lotAtBrand(
  h: LedgerHarness,
  users: AllianceUsers,
  gtin: string,
  lot: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const registered = await h.ok<LotRecord>(users.supplierUser, 'lots:RegisterLot', {
    ...lotInput(gtin, lot, extra),
    ...when(h),
  });
  const po = [{ type: 'po', bizTransaction: `urn:epcglobal:cbv:bt:${PLANT_GLN}:PO-${lot}` }];
  await h.ok(users.supplierUser, 'lots:ShipLot', {
    lotId: registered.id,
    to: 'BrandMSP',
    bizTransactionList: po,
    ...when(h),
  });
  await h.ok(users.brandUser, 'lots:ReceiveLot', {
    lotId: registered.id,
    bizTransactionList: po,
    ...when(h),
  });
  return registered.id;
}

/** Samples and starts testing a lot owned by the brand. */
export async function underTest(h: LedgerHarness, users: AllianceUsers, lotId: string): Promise<void> {
  await h.ok(users.brandUser, 'lots:SampleLot', { lotId, ...when(h) });
  await h.ok(users.brandUser, 'lots:StartTesting', { lotId, ...when(h) });
}

/** Brings a lot owned by the brand from RECEIVED to RELEASED. */
export async function released(h: LedgerHarness, users: AllianceUsers, lotId: string): Promise<void> {
  await underTest(h, users, lotId);
  await h.ok(users.brandAdmin, 'lots:ReleaseLot', { lotId, ...when(h) });
}

/** Transformation input making batch `lot` of GTIN_BATCH from the given draws. */
export function transformInput(
  h: LedgerHarness,
  id: string,
  lot: string,
  inputs: { lotId: string; quantity: number; uom: string }[],
  extra: Record<string, unknown> = {},
) {
  return {
    transformationId: id,
    productId: 'P-MULTI-1',
    inputQuantityList: inputs.map((i) => ({ epcClass: i.lotId, quantity: i.quantity, uom: i.uom })),
    outputQuantityList: [{ epcClass: `${GTIN_BATCH}.${lot}`, quantity: 50, uom: 'KGM' }],
    ilmd: { lotNumber: lot, itemExpirationDate: '2026-06-30' },
    bizLocation: PLANT_GLN,
    countryOfOrigin: 'CN',
    ...when(h),
    ...extra,
  };
}
