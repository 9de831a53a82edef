/**
 * Supply-chain fixtures on a bootstrapped alliance: a product, and lots brought to a given state
 * through the typed facades with each step's own identity (supplier registers and ships, the
 * brand receives, samples, tests and releases).
 */
import type { LotRecord, RequiredAnalytes } from '@alliance/chaincode/model';
import type { BootstrappedAlliance } from './alliance';

/** Raw-material GTINs (valid GS1 check digits). */
export const GTIN_A = '09506000134352';
export const GTIN_B = '09506000134369';
/** The finished product's GTIN. */
export const GTIN_BATCH = '09506000990019';
/** The supplier's site and the brand's plant. */
export const SUPPLIER_GLN = '9506000130019';
export const PLANT_GLN = '9506000130026';

/** The EPCIS "when" of an event happening now (ledger time is the proposal's timestamp). */
export function when(): { eventTime: string; eventTimeZoneOffset: string } {
  return { eventTime: new Date().toISOString(), eventTimeZoneOffset: '+08:00' };
}

/** A product made of GTIN_A and GTIN_B; no analytes required unless given, so lots release without lab reports. */
export function productSpec(productId = 'P-MULTI-1', requiredAnalytes: RequiredAnalytes[] = []) {
  return {
    productId,
    name: 'Multimineral tablet',
    maxDailyServingG: 6,
    formula: [
      { material: GTIN_A, gramsPerServing: 4 },
      { material: GTIN_B, gramsPerServing: 2 },
    ],
    requiredAnalytes,
    limitRegime: 'CHINA' as const,
    foodCategory: 'health food tablet',
  };
}

/** Registration input of a 100 kg lot. */
export function lotInput(gtin: string, lot: string) {
  return {
    gtin,
    lot,
    supplierGln: SUPPLIER_GLN,
    countryOfOrigin: 'IN',
    expiryDate: '2027-12-31',
    quantity: 100,
    uom: 'KGM',
    ...when(),
  };
}

/** The purchase order a shipment and its receipt both name. */
export function purchaseOrder(lot: string) {
  return [{ type: 'po' as const, bizTransaction: `urn:epcglobal:cbv:bt:${PLANT_GLN}:PO-${lot}` }];
}

/** States a fixture lot can be brought to, in lifecycle order. */
export type FixtureLotState = 'CREATED' | 'IN_TRANSIT' | 'RECEIVED' | 'SAMPLED' | 'UNDER_TEST' | 'RELEASED';

const ORDER: readonly FixtureLotState[] = [
  'CREATED',
  'IN_TRANSIT',
  'RECEIVED',
  'SAMPLED',
  'UNDER_TEST',
  'RELEASED',
];

/**
 * Registers lot `lot` of `gtin` as supplier/User1 and brings it to `state` (shipped to and
 * received by the brand from IN_TRANSIT on).
 * @returns the lot's id (`<gtin>.<lot>`)
 */
export async function lotInState(
  a: BootstrappedAlliance,
  state: FixtureLotState,
  gtin: string,
  lot: string,
): Promise<string> {
  const reached = (s: FixtureLotState): boolean => ORDER.indexOf(state) >= ORDER.indexOf(s);
  const registered: LotRecord = (await a.as('supplier/User1').lots.register(lotInput(gtin, lot))).result;
  const lotId = registered.id;
  const po = purchaseOrder(lot);
  if (reached('IN_TRANSIT'))
    await a.as('supplier/User1').lots.ship({ lotId, to: 'BrandMSP', bizTransactionList: po, ...when() });
  if (reached('RECEIVED'))
    await a.as('brand/User1').lots.receive({ lotId, bizTransactionList: po, ...when() });
  if (reached('SAMPLED')) await a.as('brand/User1').lots.sample({ lotId, ...when() });
  if (reached('UNDER_TEST')) await a.as('brand/User1').lots.startTesting({ lotId, ...when() });
  if (reached('RELEASED')) await a.as('brand/Admin').lots.release({ lotId, ...when() });
  return lotId;
}

/** Transformation input making batch `lot` of GTIN_BATCH (50 kg) from the given draws. */
export function transformInput(
  transformationId: string,
  lot: string,
  inputs: { lotId: string; quantity: number; uom: 'KGM' | 'GRM' }[],
  productId = 'P-MULTI-1',
) {
  return {
    transformationId,
    productId,
    inputQuantityList: inputs.map((i) => ({ epcClass: i.lotId, quantity: i.quantity, uom: i.uom })),
    outputQuantityList: [{ epcClass: `${GTIN_BATCH}.${lot}`, quantity: 50, uom: 'KGM' }] as [
      { epcClass: string; quantity: number; uom: string },
    ],
    ilmd: { lotNumber: lot, itemExpirationDate: '2027-06-30' },
    bizLocation: PLANT_GLN,
    countryOfOrigin: 'CN',
    ...when(),
  };
}
