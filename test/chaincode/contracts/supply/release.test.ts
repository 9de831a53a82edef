/**
 * Release (rule 31) and the verdict (8.9) on real lab evidence: a VERIFIED, RECOGNIZED report
 * covering every analyte the specification asks for, and what keeps a lot from release.
 */
import type { LotRecord, Verdict } from '@alliance/chaincode/model';
import { bootstrappedAlliance, type AllianceUsers, type LedgerHarness } from '../../support';
import { accreditedLab, LAB_INSTRUMENT, verifiedReport } from '../verified-lot';
import { GTIN_A, lotAtBrand, productSpec, underTest, when } from './fixtures';

// Each file issues real certificates and runs dozens of transactions: generous under load.
jest.setTimeout(60_000);

describe('release on a VERIFIED report (rule 31)', () => {
  let h: LedgerHarness;
  let users: AllianceUsers;
  beforeAll(async () => {
    ({ h, users } = await bootstrappedAlliance());
    // USP market: the Pb limit for 4 g of GTIN_A a day is 5 / 4 = 1.25 µg/g.
    await h.ok(
      users.brandAdmin,
      'products:RegisterProduct',
      productSpec([{ material: GTIN_A, analytes: ['Pb', 'Cd'] }], 'USP'),
    );
    await accreditedLab(h, users);
  });

  it('releases a lot whose required analytes a recognised report covers, and names the evidence', async () => {
    const lotId = await lotAtBrand(h, users, GTIN_A, 'R-1');
    await underTest(h, users, lotId);
    const report = await verifiedReport(h, users, {
      reportId: 'REP-R1',
      lotId,
      productId: 'P-MULTI-1',
      material: GTIN_A,
    });
    expect(report.evaluation.verdicts.map((v) => [v.analyte, v.outcome, v.limit])).toEqual([
      ['Pb', 'CONFORMS', 1.25],
      ['Cd', 'CONFORMS', 1.25],
    ]);
    const before = await h.ok<Verdict>(users.auditor, 'verdicts:GetVerdict', { lotId });
    expect(before).toMatchObject({ state: 'UNDER_TEST', releasable: true, trusted: true, reasons: [] });
    const result = await h.invoke(users.brandAdmin, 'lots:ReleaseLot', { lotId, ...when(h) });
    expect(result.ok && result.events.map((e) => [e.type, e.subject.id])).toEqual([['lot.released', lotId]]);
    expect(await h.ok<LotRecord>(users.auditor, 'lots:GetLot', { lotId })).toMatchObject({
      state: 'RELEASED',
    });
    const verdict = await h.ok<Verdict>(users.brandUser, 'verdicts:GetVerdict', { lotId });
    expect(verdict).toMatchObject({ state: 'RELEASED', releasable: true, trusted: true });
    expect(verdict.evidence).toEqual({
      reports: ['REP-R1'],
      runs: ['RUN-REP-R1'],
      instruments: [LAB_INSTRUMENT],
      calibrations: ['CAL-RUN-REP-R1'],
      verifications: [],
      holds: [],
    });
  });

  it('refuses a lot whose result exceeds its limit, naming the analyte and the report', async () => {
    const lotId = await lotAtBrand(h, users, GTIN_A, 'R-2');
    await underTest(h, users, lotId);
    const results = [
      { analyte: 'Pb', value: 1.5, unit: 'mg/kg', U: 0.2 },
      { analyte: 'Cd', value: 0.1, unit: 'mg/kg', U: 0.02 },
    ];
    await verifiedReport(h, users, {
      reportId: 'REP-R2',
      lotId,
      productId: 'P-MULTI-1',
      material: GTIN_A,
      results,
    });
    const before = h.ledger.snapshot();
    const refused = await h.refused(users.brandAdmin, 'lots:ReleaseLot', { lotId, ...when(h) });
    expect(refused.code).toBe('LOT_NOT_RELEASABLE');
    expect(refused.details).toMatchObject({
      reasons: [{ code: 'RESULT_NOT_CONFORMING', analyte: 'Pb', reportId: 'REP-R2' }],
    });
    expect(h.ledger.snapshot()).toEqual(before);
    await h.ok(users.brandAdmin, 'lots:RejectLot', { lotId, reason: 'Pb above the USP limit', ...when(h) });
    expect(await h.ok<Verdict>(users.auditor, 'verdicts:GetVerdict', { lotId })).toMatchObject({
      state: 'REJECTED',
      releasable: false,
      trusted: false,
    });
  });

  it('does not count a report on another lot', async () => {
    const lotId = await lotAtBrand(h, users, GTIN_A, 'R-3');
    await underTest(h, users, lotId);
    const refused = await h.refused(users.brandAdmin, 'lots:ReleaseLot', { lotId, ...when(h) });
    expect(refused.details).toMatchObject({
      reasons: [
        { code: 'ANALYTE_NOT_COVERED', analyte: 'Cd' },
        { code: 'ANALYTE_NOT_COVERED', analyte: 'Pb' },
      ],
    });
  });
});
