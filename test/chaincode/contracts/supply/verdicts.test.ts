import type { BadgeRecord, LotRecord, Verdict } from '@alliance/chaincode/model';
import { bootstrappedAlliance, type AllianceUsers, type LedgerHarness } from '../../support';
import {
  GTIN_A,
  GTIN_B,
  lotAtBrand,
  productSpec,
  released,
  transformInput,
  underTest,
  when,
} from './fixtures';

// Each file issues real certificates and runs dozens of transactions: generous under load.
jest.setTimeout(30_000);

describe('verdicts (8.9) without lab evidence', () => {
  let h: LedgerHarness;
  let users: AllianceUsers;
  beforeAll(async () => {
    ({ h, users } = await bootstrappedAlliance());
    // GTIN_A must be tested for Pb and Cd; GTIN_B for nothing; the product is sold on the USP market.
    await h.ok(
      users.brandAdmin,
      'products:RegisterProduct',
      productSpec([{ material: GTIN_A, analytes: ['Pb', 'Cd'] }], 'USP'),
    );
  });

  it('names every uncovered analyte and refuses release with the same reasons', async () => {
    const lotId = await lotAtBrand(h, users, GTIN_A, 'V-1');
    await underTest(h, users, lotId);
    const verdict = await h.ok<Verdict>(users.auditor, 'verdicts:GetVerdict', { lotId });
    expect(verdict).toMatchObject({
      lotId,
      kind: 'RAW_MATERIAL',
      state: 'UNDER_TEST',
      releasable: false,
      trusted: false,
      badges: [],
    });
    expect(verdict.reasons.map((r) => [r.code, r.analyte])).toEqual([
      ['ANALYTE_NOT_COVERED', 'Cd'],
      ['ANALYTE_NOT_COVERED', 'Pb'],
      ['NO_EVIDENCE', undefined],
    ]);
    expect(verdict.evidence).toEqual({
      reports: [],
      runs: [],
      instruments: [],
      calibrations: [],
      verifications: [],
      holds: [],
    });
    const refused = await h.refused(users.brandAdmin, 'lots:ReleaseLot', { lotId, ...when(h) });
    expect(refused.code).toBe('LOT_NOT_RELEASABLE');
    expect(refused.details).toMatchObject({
      lotId,
      reasons: [
        { code: 'ANALYTE_NOT_COVERED', analyte: 'Cd' },
        { code: 'ANALYTE_NOT_COVERED', analyte: 'Pb' },
      ],
    });
  });

  it('shows holds and the state, and for a USP batch every element whose exposure is unknown (rule 34)', async () => {
    const b = await lotAtBrand(h, users, GTIN_B, 'V-2');
    await released(h, users, b);
    const batch = await h.ok<LotRecord>(
      users.brandUser,
      'lots:Transform',
      transformInput(h, 'T-V', 'FB-V', [{ lotId: b, quantity: 10, uom: 'KGM' }]),
    );
    const verdict = await h.ok<Verdict>(users.auditor, 'verdicts:GetVerdict', { lotId: batch.id });
    expect(verdict.kind).toBe('BATCH');
    expect(verdict.releasable).toBe(false);
    expect(verdict.reasons.filter((r) => r.code === 'EXPOSURE_UNKNOWN').map((r) => r.analyte)).toEqual([
      'As/inorganic',
      'Cd',
      'Hg',
      'Hg/MeHg',
      'Pb',
    ]);
    expect(verdict.exposure?.map((e) => [e.element, e.basis, e.pdeUgPerDay])).toEqual([
      ['As/inorganic', 'MISSING', 15],
      ['Cd', 'MISSING', 5],
      ['Hg', 'MISSING', 15],
      ['Hg/MeHg', 'MISSING', 2],
      ['Pb', 'MISSING', 5],
    ]);
    await h.ok(users.platformAdmin, 'lots:FlagLots', {
      lotIds: [b],
      cause: { kind: 'MANUAL', refId: 'INS-4', reason: 'supplier inspection' },
    });
    const held = await h.ok<Verdict>(users.auditor, 'verdicts:GetVerdict', { lotId: batch.id });
    expect(held.state).toBe('HOLD_ADDITIONAL_VERIFICATION');
    expect(held.reasons[0]).toEqual({ code: 'STATE', message: 'the lot is HOLD_ADDITIONAL_VERIFICATION' });
    expect(held.reasons).toContainEqual({
      code: 'ADDITIONAL_VERIFICATION_REQUIRED',
      refId: 'MANUAL~INS-4',
      message: 'on hold: MANUAL INS-4: supplier inspection',
    });
    expect(held.evidence.holds).toEqual(['MANUAL~INS-4']);
  });

  it('withholds TRUSTED_SOURCE below the lot count and announces nothing until the finding changes', async () => {
    const first = await h.invoke(users.auditor, 'verdicts:AssessBadge', {
      supplier: 'SupplierMSP',
      gtin: GTIN_A,
    });
    expect(first.ok).toBe(true);
    const badge = first.ok ? (JSON.parse(first.payload) as BadgeRecord) : undefined;
    expect(badge).toMatchObject({
      supplier: 'SupplierMSP',
      gtin: GTIN_A,
      trustedSource: false,
      fastReview: false,
      policyVersion: 1,
    });
    expect(badge?.reasons[0]).toBe('0 of 5 lots released with T1, VERIFIED and RECOGNIZED results');
    expect(first.ok && first.events.map((e) => e.type)).toEqual(['badge.withheld']);
    const second = await h.invoke(users.auditor, 'verdicts:AssessBadge', {
      supplier: 'SupplierMSP',
      gtin: GTIN_A,
    });
    expect(second.ok && second.events).toEqual([]);
    expect(
      await h.ok(users.brandUser, 'verdicts:GetBadge', { supplier: 'SupplierMSP', gtin: GTIN_B }),
    ).toBeNull();
  });
});
