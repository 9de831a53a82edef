/**
 * The daily-exposure check on a finished batch (rule 34), computed on the ledger from the input
 * lots' VERIFIED results and the formula (P-MULTI-1: 4 g of GTIN_A and 2 g of GTIN_B a day),
 * falling back to the batch's own result when an input has none for an element.
 */
import type { LotRecord, Verdict } from '@alliance/chaincode/model';
import type { ElementExposure } from '@alliance/chaincode/rules/supply/exposure';
import { bootstrappedAlliance, type AllianceUsers, type LedgerHarness } from '../../support';
import {
  accreditedLab,
  CLEAN_RESULTS,
  USP_ELEMENT_RESULTS,
  verifiedReport,
  type ResultInput,
} from '../verified-lot';
import { GTIN_A, GTIN_B, lotAtBrand, productSpec, released, transformInput, when } from './fixtures';

// Each file issues real certificates and runs dozens of transactions: generous under load.
jest.setTimeout(60_000);

const exposureOf = (verdict: Verdict): [string, string, number | undefined, boolean][] =>
  (verdict.exposure ?? []).map((e: ElementExposure) => [e.element, e.basis, e.exposureUgPerDay, e.withinPde]);

describe('daily exposure of a USP batch (rule 34)', () => {
  let h: LedgerHarness;
  let users: AllianceUsers;
  let batchNo = 0;

  /** A released lot of `gtin` whose VERIFIED report states `results`. */
  async function testedLot(gtin: string, lot: string, results: readonly ResultInput[]): Promise<string> {
    const lotId = await lotAtBrand(h, users, gtin, lot);
    await verifiedReport(h, users, {
      reportId: `REP-${lot}`,
      lotId,
      productId: 'P-MULTI-1',
      material: gtin,
      results,
    });
    await released(h, users, lotId);
    return lotId;
  }

  async function batchOf(a: string, b: string): Promise<string> {
    batchNo += 1;
    const draws = [a, b].map((lotId) => ({ lotId, quantity: 1, uom: 'KGM' }));
    return (
      await h.ok<LotRecord>(
        users.brandUser,
        'lots:Transform',
        transformInput(h, `T-${batchNo}`, `FB-${batchNo}`, draws),
      )
    ).id;
  }

  beforeAll(async () => {
    ({ h, users } = await bootstrappedAlliance());
    await h.ok(users.brandAdmin, 'products:RegisterProduct', productSpec([], 'USP'));
    // Speciation results would otherwise make the recognition conditional on a comparative verification.
    await h.ok(users.platformAdmin, 'policy:AmendPolicy', {
      changes: { requireComparativeForSpeciation: false },
      reason: 'speciation by accredited HPLC-ICP-MS accepted',
    });
    await accreditedLab(h, users);
  });

  it('sums concentration x grams per serving over the inputs for every element', async () => {
    const a = await testedLot(GTIN_A, 'E-A1', USP_ELEMENT_RESULTS);
    const b = await testedLot(GTIN_B, 'E-B1', USP_ELEMENT_RESULTS);
    const verdict = await h.ok<Verdict>(users.auditor, 'verdicts:GetVerdict', { lotId: await batchOf(a, b) });
    // 4 g x C_A + 2 g x C_B, with C_A = C_B: Pb 0.2, Cd 0.1, iAs 0.3, Hg 0.05, MeHg 0.01 µg/g.
    expect(exposureOf(verdict)).toEqual([
      ['As/inorganic', 'INPUTS', expect.closeTo(1.8, 9), true],
      ['Cd', 'INPUTS', expect.closeTo(0.6, 9), true],
      ['Hg', 'INPUTS', expect.closeTo(0.3, 9), true],
      ['Hg/MeHg', 'INPUTS', expect.closeTo(0.06, 9), true],
      ['Pb', 'INPUTS', expect.closeTo(1.2, 9), true],
    ]);
    expect(verdict).toMatchObject({ kind: 'BATCH', releasable: true, trusted: true, reasons: [] });
  });

  it('refuses a batch whose inputs each conform but whose daily sum exceeds the PDE', async () => {
    // Pb limits: 5 / 4 = 1.25 µg/g for GTIN_A, 5 / 2 = 2.5 µg/g for GTIN_B; 4 x 1.0 + 2 x 2.0 = 8 µg > 5 µg.
    const withPb = (value: number): ResultInput[] =>
      USP_ELEMENT_RESULTS.map((r) => (r.analyte === 'Pb' ? { ...r, value, unit: 'mg/kg', U: 0.1 } : r));
    const a = await testedLot(GTIN_A, 'E-A2', withPb(1.0));
    const b = await testedLot(GTIN_B, 'E-B2', withPb(2.0));
    const batch = await batchOf(a, b);
    const verdict = await h.ok<Verdict>(users.auditor, 'verdicts:GetVerdict', { lotId: batch });
    expect(exposureOf(verdict).find(([element]) => element === 'Pb')).toEqual(['Pb', 'INPUTS', 8, false]);
    expect(verdict.reasons).toEqual([
      { code: 'EXPOSURE_EXCEEDED', analyte: 'Pb', message: 'Pb: 8 µg/day exceeds the PDE of 5 µg/day' },
    ]);
    expect((await h.refused(users.brandAdmin, 'lots:ReleaseLot', { lotId: batch, ...when(h) })).code).toBe(
      'LOT_NOT_RELEASABLE',
    );
  });

  it("takes an element from the batch's own result when an input has none", async () => {
    const a = await testedLot(GTIN_A, 'E-A3', USP_ELEMENT_RESULTS);
    const b = await testedLot(GTIN_B, 'E-B3', CLEAN_RESULTS);
    const batch = await batchOf(a, b);
    const missing = await h.ok<Verdict>(users.auditor, 'verdicts:GetVerdict', { lotId: batch });
    expect(missing.reasons.map((r) => [r.code, r.analyte])).toEqual([
      ['EXPOSURE_UNKNOWN', 'As/inorganic'],
      ['EXPOSURE_UNKNOWN', 'Hg'],
      ['EXPOSURE_UNKNOWN', 'Hg/MeHg'],
    ]);
    await verifiedReport(h, users, {
      reportId: 'REP-FB-3',
      lotId: batch,
      productId: 'P-MULTI-1',
      results: USP_ELEMENT_RESULTS.filter((r) => r.analyte === 'As' || r.analyte === 'Hg'),
    });
    const verdict = await h.ok<Verdict>(users.auditor, 'verdicts:GetVerdict', { lotId: batch });
    // The batch's own result x the 6 g maximum daily serving.
    expect(exposureOf(verdict)).toEqual([
      ['As/inorganic', 'FINISHED_PRODUCT', expect.closeTo(1.8, 9), true],
      ['Cd', 'INPUTS', expect.closeTo(0.6, 9), true],
      ['Hg', 'FINISHED_PRODUCT', expect.closeTo(0.3, 9), true],
      ['Hg/MeHg', 'FINISHED_PRODUCT', expect.closeTo(0.06, 9), true],
      ['Pb', 'INPUTS', expect.closeTo(1.2, 9), true],
    ]);
    expect(verdict.releasable).toBe(true);
  });
});
