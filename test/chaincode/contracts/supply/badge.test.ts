/**
 * The Trusted Source badge on real lab evidence (rules 36-37): granted over the policy's window
 * for lots released on VERIFIED, RECOGNIZED, T1 reports, shown in the verdict, and revoked at once
 * when a condition breaks (here a recall).
 */
import type { BadgeRecord, Verdict } from '@alliance/chaincode/model';
import { bootstrappedAlliance } from '../../support';
import { accreditedLab, verifiedReport } from '../verified-lot';
import { GTIN_A, lotAtBrand, productSpec, released, when } from './fixtures';

// Each file issues real certificates and runs dozens of transactions: generous under load.
jest.setTimeout(60_000);

describe('the Trusted Source badge (rules 36-37)', () => {
  it('is granted for clean released lots, shown in the verdict, and revoked automatically by a recall', async () => {
    const { h, users } = await bootstrappedAlliance();
    await h.ok(
      users.brandAdmin,
      'products:RegisterProduct',
      productSpec([{ material: GTIN_A, analytes: ['Pb', 'Cd'] }]),
    );
    await h.ok(users.platformAdmin, 'policy:AmendPolicy', {
      changes: { trustedSource: { windowMonths: 12, minReleasedLots: 2 } },
      reason: 'pilot: two clean lots earn the badge',
    });
    await accreditedLab(h, users);
    const lots: string[] = [];
    for (const lot of ['B-1', 'B-2']) {
      const lotId = await lotAtBrand(h, users, GTIN_A, lot);
      await verifiedReport(h, users, {
        reportId: `REP-${lot}`,
        lotId,
        productId: 'P-MULTI-1',
        material: GTIN_A,
      });
      await released(h, users, lotId);
      lots.push(lotId);
    }
    const granted = await h.invoke(users.auditor, 'verdicts:AssessBadge', {
      supplier: 'SupplierMSP',
      gtin: GTIN_A,
    });
    expect(granted.ok && granted.events.map((e) => [e.type, e.subject.id])).toEqual([
      ['badge.granted', 'SupplierMSP'],
    ]);
    const badge = await h.ok<BadgeRecord>(users.brandUser, 'verdicts:GetBadge', {
      supplier: 'SupplierMSP',
      gtin: GTIN_A,
    });
    expect(badge).toMatchObject({
      trustedSource: true,
      fastReview: true,
      qualifyingLots: lots,
      policyVersion: 2,
    });
    const verdict = await h.ok<Verdict>(users.brandUser, 'verdicts:GetVerdict', { lotId: lots[0] });
    expect(verdict).toMatchObject({ trusted: true, badges: ['TRUSTED_SOURCE', 'FAST_REVIEW'] });

    const recall = await h.invoke(users.brandAdmin, 'lots:RecallLot', {
      lotId: lots[1],
      reason: 'foreign matter',
      ...when(h),
    });
    expect(recall.ok && recall.events.filter((e) => e.type.startsWith('badge.')).map((e) => e.data)).toEqual([
      {
        gtin: GTIN_A,
        trustedSource: false,
        fastReview: false,
        reasons: [`lot ${String(lots[1])}: RECALLED ${String(lots[1])}: foreign matter`],
      },
    ]);
    expect(await h.ok<Verdict>(users.brandUser, 'verdicts:GetVerdict', { lotId: lots[0] })).toMatchObject({
      badges: [],
    });
    // A fresh assessment agrees: a recalled lot in the window withholds the badge.
    const reassessed = await h.ok<BadgeRecord>(users.auditor, 'verdicts:AssessBadge', {
      supplier: 'SupplierMSP',
      gtin: GTIN_A,
    });
    expect(reassessed.trustedSource).toBe(false);
  });
});
