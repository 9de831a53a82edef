import type { LotRecord, TransformationRecord } from '@alliance/chaincode/model';
import type { TraceNode } from '@alliance/chaincode/rules/supply/lineage';
import { bootstrappedAlliance, type AllianceUsers, type LedgerHarness } from '../../support';
import {
  GTIN_A,
  GTIN_B,
  GTIN_BATCH,
  lotAtBrand,
  productSpec,
  released,
  transformInput,
  when,
} from './fixtures';

// Each file issues real certificates and runs dozens of transactions: generous under load.
jest.setTimeout(30_000);

/** Two released raw lots at the brand: A (100 kg, expires 2026-12-31) and B (100 kg, expires 2026-09-30). */
async function twoReleasedLots(): Promise<{ h: LedgerHarness; users: AllianceUsers; a: string; b: string }> {
  const { h, users } = await bootstrappedAlliance();
  await h.ok(users.brandAdmin, 'products:RegisterProduct', productSpec());
  const a = await lotAtBrand(h, users, GTIN_A, 'A-1');
  const b = await lotAtBrand(h, users, GTIN_B, 'B-1', { expiryDate: '2026-09-30' });
  await released(h, users, a);
  await released(h, users, b);
  return { h, users, a, b };
}

describe('transformation into batches (rule 32)', () => {
  it('makes a batch from released lots, drawing in mixed units, with lineage both ways', async () => {
    const { h, users, a, b } = await twoReleasedLots();
    const batch = await h.ok<LotRecord>(
      users.brandUser,
      'lots:Transform',
      transformInput(h, 'T-1', 'FB-1', [
        { lotId: a, quantity: 40_000, uom: 'GRM' },
        { lotId: b, quantity: 100, uom: 'KGM' },
      ]),
    );
    expect(batch).toMatchObject({
      id: `${GTIN_BATCH}.FB-1`,
      kind: 'BATCH',
      owner: 'BrandMSP',
      state: 'RECEIVED',
      transformationId: 'T-1',
      expiryDate: '2026-06-30',
    });
    expect(h.keyPolicy(`\x00lot\x00${batch.id}\x00`)).toEqual({ mspIds: ['BrandMSP'], required: 1 });
    expect(await h.ok(users.auditor, 'lots:GetLot', { lotId: a })).toMatchObject({
      remainingKg: 60,
      state: 'RELEASED',
    });
    expect(await h.ok(users.auditor, 'lots:GetLot', { lotId: b })).toMatchObject({
      remainingKg: 0,
      state: 'CONSUMED',
    });
    expect(h.state(`\x00transformation\x00T-1\x00`) as TransformationRecord).toMatchObject({
      outputLotId: batch.id,
      inputs: [
        { lotId: a, quantityKg: 40 },
        { lotId: b, quantityKg: 100 },
      ],
    });
    expect(h.state(`\x00lineage~fwd\x00${a}\x00${batch.id}\x00`)).toEqual({
      inputLotId: a,
      outputLotId: batch.id,
      transformationId: 'T-1',
      quantityKg: 40,
    });
    expect(h.state(`\x00lineage~back\x00${batch.id}\x00${b}\x00`)).toMatchObject({
      inputLotId: b,
      quantityKg: 100,
    });

    // a second batch from what A has left, then trace both ways
    await h.ok(
      users.brandUser,
      'lots:Transform',
      transformInput(h, 'T-2', 'FB-2', [{ lotId: a, quantity: 60, uom: 'KGM' }]),
    );
    expect(await h.ok<TraceNode>(users.auditor, 'lots:TraceForward', { lotId: a })).toEqual({
      id: a,
      children: [
        { id: `${GTIN_BATCH}.FB-1`, via: 'T-1', children: [] },
        { id: `${GTIN_BATCH}.FB-2`, via: 'T-2', children: [] },
      ],
    });
    expect(await h.ok<TraceNode>(users.auditor, 'lots:TraceBackward', { lotId: batch.id })).toEqual({
      id: batch.id,
      children: [
        { id: a, via: 'T-1', children: [] },
        { id: b, via: 'T-1', children: [] },
      ],
    });
  });

  it('refuses drawing more than a lot has left, counting repeated draws, and writes nothing', async () => {
    const { h, users, a } = await twoReleasedLots();
    const before = h.ledger.snapshot();
    const error = await h.refused(
      users.brandUser,
      'lots:Transform',
      transformInput(h, 'T-X', 'FB-X', [
        { lotId: a, quantity: 60, uom: 'KGM' },
        { lotId: a, quantity: 40_001, uom: 'GRM' },
      ]),
    );
    expect(error.code).toBe('MASS_BALANCE_EXCEEDED');
    expect(error.details).toEqual({
      problems: [{ kind: 'EXCEEDED', lotId: a, drawnKg: 100.001, remainingKg: 100 }],
    });
    expect(h.ledger.snapshot()).toEqual(before);
  });

  it('refuses inputs that are not RELEASED or are expired on the event date', async () => {
    const { h, users, a } = await twoReleasedLots();
    const fresh = await lotAtBrand(h, users, GTIN_B, 'B-2');
    const notReleased = await h.refused(
      users.brandUser,
      'lots:Transform',
      transformInput(h, 'T-3', 'FB-3', [{ lotId: fresh, quantity: 1, uom: 'KGM' }]),
    );
    expect(notReleased).toMatchObject({
      code: 'LOT_NOT_RELEASABLE',
      details: { lotId: fresh, state: 'RECEIVED' },
    });
    h.setTime('2027-01-01T00:00:00Z');
    const expired = await h.refused(
      users.brandUser,
      'lots:Transform',
      transformInput(h, 'T-4', 'FB-4', [{ lotId: a, quantity: 1, uom: 'KGM' }], {
        ilmd: { lotNumber: 'FB-4', itemExpirationDate: '2026-12-01' },
      }),
    );
    expect(expired).toMatchObject({ code: 'EXPIRED', details: { lotId: a, expiryDate: '2026-12-31' } });
  });

  it('keeps the batch expiry within the earliest input unless stability is justified', async () => {
    const { h, users, a, b } = await twoReleasedLots();
    const draws = [
      { lotId: a, quantity: 1, uom: 'KGM' },
      { lotId: b, quantity: 1, uom: 'KGM' },
    ];
    const late = { ilmd: { lotNumber: 'FB-5', itemExpirationDate: '2026-10-01' } };
    const error = await h.refused(
      users.brandUser,
      'lots:Transform',
      transformInput(h, 'T-5', 'FB-5', draws, late),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues).toEqual([
      {
        path: 'ilmd.itemExpirationDate',
        message:
          'output expiry 2026-10-01 is after the earliest input expiry 2026-09-30 and no stability justification is linked',
      },
    ]);
    const batch = await h.ok<LotRecord>(
      users.brandUser,
      'lots:Transform',
      transformInput(h, 'T-5', 'FB-5', draws, { ...late, stabilityJustificationId: 'STAB-2026-3' }),
    );
    expect(batch.expiryDate).toBe('2026-10-01');
  });

  it('refuses an ILMD lot number that is not the output lot, and inputs owned by someone else', async () => {
    const { h, users, a } = await twoReleasedLots();
    const mismatch = await h.refused(
      users.brandUser,
      'lots:Transform',
      transformInput(h, 'T-6', 'FB-6', [{ lotId: a, quantity: 1, uom: 'KGM' }], {
        ilmd: { lotNumber: 'OTHER', itemExpirationDate: '2026-06-30' },
      }),
    );
    expect(mismatch.issues).toContainEqual({
      path: 'ilmd.lotNumber',
      message: 'must be the lot of the output LGTIN',
    });
    const supplierLot = await h.ok<LotRecord>(users.supplierUser, 'lots:RegisterLot', {
      gtin: GTIN_B,
      lot: 'S-1',
      supplierGln: '9506000130019',
      countryOfOrigin: 'IN',
      expiryDate: '2026-12-31',
      quantity: 5,
      uom: 'KGM',
      ...when(h),
    });
    expect(
      (
        await h.refused(
          users.brandUser,
          'lots:Transform',
          transformInput(h, 'T-7', 'FB-7', [{ lotId: supplierLot.id, quantity: 1, uom: 'KGM' }]),
        )
      ).code,
    ).toBe('NOT_OWNER');
  });
});

describe('propagation (rule 33)', () => {
  it('flags a released raw lot after release and holds every downstream batch with the cause', async () => {
    const { h, users, a, b } = await twoReleasedLots();
    const fb1 = (
      await h.ok<LotRecord>(
        users.brandUser,
        'lots:Transform',
        transformInput(h, 'T-1', 'FB-1', [
          { lotId: a, quantity: 10, uom: 'KGM' },
          { lotId: b, quantity: 10, uom: 'KGM' },
        ]),
      )
    ).id;
    await released(h, users, fb1);
    // FB-1 goes into a second-level batch
    const fb2 = (
      await h.ok<LotRecord>(
        users.brandUser,
        'lots:Transform',
        transformInput(h, 'T-2', 'FB-2', [{ lotId: fb1, quantity: 5, uom: 'KGM' }]),
      )
    ).id;
    const result = await h.invoke(users.platformAdmin, 'lots:FlagLots', {
      lotIds: [b],
      cause: { kind: 'LAB_SUSPENDED', refId: 'LabMSP', reason: 'accreditation suspended' },
    });
    expect(result.ok && JSON.parse(result.payload)).toEqual({ held: [b, fb1, fb2] });
    const held = result.ok ? result.events.filter((e) => e.type === 'lot.held') : [];
    expect(held.map((e) => [e.subject.id, e.data.originLotId])).toEqual([
      [b, b],
      [fb1, b],
      [fb2, b],
    ]);
    expect(await h.ok(users.auditor, 'lots:GetLot', { lotId: fb2 })).toMatchObject({
      effectiveState: 'HOLD_ADDITIONAL_VERIFICATION',
    });
    expect(await h.ok(users.auditor, 'lots:GetLot', { lotId: a })).toMatchObject({
      effectiveState: 'RELEASED',
    });
    // flagging again with the same cause changes nothing
    const again = await h.invoke(users.platformAdmin, 'lots:FlagLots', {
      lotIds: [b],
      cause: { kind: 'LAB_SUSPENDED', refId: 'LabMSP', reason: 'again' },
    });
    expect(again.ok && again.events.map((e) => e.type)).toEqual(['hold.propagated']);
    // LabMSP is ACTIVE in the registry, so the suspension counts as closed
    await h.ok(users.brandAdmin, 'lots:LiftHold', {
      lotId: fb1,
      holdId: 'LAB_SUSPENDED~LabMSP',
      basis: 'CAUSE_CLOSED',
      reason: 'lab reinstated',
    });
    expect(await h.ok(users.auditor, 'lots:GetLot', { lotId: fb1 })).toMatchObject({
      effectiveState: 'RELEASED',
    });
  });

  it('holds batches downstream of a rejected or recalled input', async () => {
    const { h, users, a } = await twoReleasedLots();
    const fb = (
      await h.ok<LotRecord>(
        users.brandUser,
        'lots:Transform',
        transformInput(h, 'T-1', 'FB-1', [{ lotId: a, quantity: 10, uom: 'KGM' }]),
      )
    ).id;
    await h.ok(users.brandAdmin, 'lots:RecallLot', { lotId: a, reason: 'supplier recall', ...when(h) });
    expect(await h.ok(users.auditor, 'lots:GetLot', { lotId: fb })).toMatchObject({
      effectiveState: 'HOLD_ADDITIONAL_VERIFICATION',
    });
    const refused = await h.refused(users.brandAdmin, 'lots:LiftHold', {
      lotId: fb,
      holdId: `RECALLED~${a}`,
      basis: 'CAUSE_CLOSED',
      reason: 'no',
    });
    expect(refused.message).toContain('a new VERIFIED report on this lot is needed');
  });
});
