// The lots and verdicts facades against the embedded network and the real chaincode: custody,
// decisions, transformation and lineage, holds, verdicts and badges, each with its refusals.
import type { HoldRecord, LotEventRecord, LotRecord } from '@alliance/chaincode/model';
import { refusedWith, startBootstrappedAlliance, type BootstrappedAlliance } from './support/alliance';
import {
  GTIN_A,
  GTIN_B,
  GTIN_BATCH,
  lotInState,
  lotInput,
  productSpec,
  purchaseOrder,
  transformInput,
  when,
} from './support/supply';

jest.setTimeout(120_000);

const SSCC = '009506000130000019';
/** A second SSCC (serial 2, check digit 6). */
const SSCC_2 = '009506000130000026';
let a: BootstrappedAlliance;
beforeAll(async () => {
  a = await startBootstrappedAlliance();
  await a.as('brand/Admin').products.register(productSpec());
});
afterAll(async () => {
  await a.stop();
});

describe('lots facade: custody and decisions', () => {
  it('registers, packs, ships, receives, samples, tests and releases a lot; get, events and holds read it back', async () => {
    const supplier = a.as('supplier/User1').lots;
    const registered = await supplier.register(lotInput(GTIN_A, 'C-1'));
    const lotId = registered.result.id;
    expect(registered.result).toMatchObject({
      id: `${GTIN_A}.C-1`,
      owner: 'SupplierMSP',
      state: 'CREATED',
      quantityKg: 100,
    });
    expect(registered.events.map((e) => e.type)).toContain('lot.registered');
    const packed = await supplier.pack({
      parentID: SSCC,
      childQuantityList: [{ epcClass: lotId, quantity: 40, uom: 'KGM' }],
      ...when(),
    });
    expect(packed.result).toMatchObject({ type: 'AggregationEvent', action: 'ADD', bizStep: 'packing' });
    const po = purchaseOrder('C-1');
    expect(
      (await supplier.ship({ lotId, to: 'BrandMSP', bizTransactionList: po, ...when() })).result.inTransitTo
        ?.mspId,
    ).toBe('BrandMSP');
    const brand = a.as('brand/User1').lots;
    expect((await brand.receive({ lotId, bizTransactionList: po, ...when() })).result).toMatchObject({
      owner: 'BrandMSP',
      state: 'RECEIVED',
    });
    expect((await brand.sample({ lotId, ...when() })).result.state).toBe('SAMPLED');
    expect((await brand.startTesting({ lotId, ...when() })).result.state).toBe('UNDER_TEST');
    expect((await a.as('brand/Admin').lots.release({ lotId, ...when() })).result.state).toBe('RELEASED');
    const auditor = a.as('platform/auditor').lots;
    expect(await auditor.get({ lotId })).toMatchObject({ state: 'RELEASED', owner: 'BrandMSP' });
    const events: LotEventRecord[] = await auditor.events({ lotId });
    expect(events.map((e) => e.bizStep)).toEqual([
      'commissioning',
      'packing',
      'shipping',
      'receiving',
      'sampling',
      'inspecting',
      'inspecting',
    ]);
    expect(await auditor.holds({ lotId })).toEqual([]);

    // Every change after registration is in the lot's audit trail, each version chained to the one before.
    const trail = await a.as('platform/auditor').audit.trail({ objectType: 'lot', attributes: [lotId] });
    expect(trail.map((e) => [e.transaction, e.by.mspId])).toEqual([
      ['lots:ShipLot', 'SupplierMSP'],
      ['lots:ReceiveLot', 'BrandMSP'],
      ['lots:SampleLot', 'BrandMSP'],
      ['lots:StartTesting', 'BrandMSP'],
      ['lots:ReleaseLot', 'BrandMSP'],
    ]);
    expect(trail.slice(1).map((e) => e.previousVersionHash)).toEqual(
      trail.slice(0, -1).map((e) => e.versionHash),
    );
    expect(trail[1]!.changes).toContainEqual({
      field: 'owner',
      kind: 'MODIFIED',
      old: 'SupplierMSP',
      new: 'BrandMSP',
    });
    expect(await a.as('brand/User1').audit.trail({ objectType: 'lot', attributes: [lotId] })).toEqual(trail);
    await refusedWith(
      a.as('supplier/User1').audit.trail({ objectType: 'lot', attributes: [lotId] }),
      'ROLE_DENIED',
    );
    const shown = await a.cli('brand/User1', 'audit', 'trail', 'lot', lotId);
    expect(shown.out).toContain('~ owner: "SupplierMSP" → "BrandMSP"');
  });

  it('refuses custody steps to the wrong org or user, bad input before sending, and unknown lots', async () => {
    const lotId = await lotInState(a, 'CREATED', GTIN_A, 'C-2');
    await refusedWith(a.as('lab/analyst').lots.register(lotInput(GTIN_A, 'C-X')), 'ROLE_DENIED');
    await refusedWith(
      a.as('lab/Admin').lots.pack({
        parentID: SSCC,
        childQuantityList: [{ epcClass: lotId, quantity: 1, uom: 'KGM' }],
        ...when(),
      }),
      'ROLE_DENIED',
    );
    await refusedWith(
      a
        .as('brand/User1')
        .lots.ship({ lotId, to: 'BrandMSP', bizTransactionList: purchaseOrder('C-2'), ...when() }),
      'NOT_OWNER',
    );
    await refusedWith(
      a.as('verifier/Admin').lots.receive({ lotId, bizTransactionList: purchaseOrder('C-2'), ...when() }),
      'ROLE_DENIED',
    );
    await refusedWith(a.as('lab/User1').lots.sample({ lotId, ...when() }), 'ROLE_DENIED');
    await refusedWith(a.as('lab/User1').lots.startTesting({ lotId, ...when() }), 'ROLE_DENIED');
    await refusedWith(a.as('supplier/User1').lots.release({ lotId, ...when() }), 'ROLE_DENIED');

    const bad = await refusedWith(
      a.as('supplier/User1').lots.register({ ...lotInput('09506000134353', 'C 3'), uom: 'LTR' }),
      'VALIDATION_FAILED',
    );
    expect(bad).toMatchObject({ stage: 'input' });
    expect(bad.issues.map((i) => i.path).sort()).toEqual(['gtin', 'lot', 'uom']);
    await refusedWith(
      a.as('supplier/User1').lots.pack({
        parentID: `${SSCC.slice(0, 17)}0`,
        childQuantityList: [{ epcClass: lotId, quantity: 1, uom: 'KGM' }],
        ...when(),
      }),
      'VALIDATION_FAILED',
    );
    await refusedWith(
      a.as('supplier/User1').lots.ship({ lotId, to: 'BrandMSP', bizTransactionList: [], ...when() }),
      'VALIDATION_FAILED',
    );
    await refusedWith(
      a.as('brand/User1').lots.receive({
        lotId,
        bizTransactionList: purchaseOrder('C-2'),
        eventTime: 'yesterday',
        eventTimeZoneOffset: '+08:00',
      }),
      'VALIDATION_FAILED',
    );
    await refusedWith(a.as('brand/User1').lots.get({ lotId: 'no-gtin' }), 'VALIDATION_FAILED');

    const unknown = `${GTIN_A}.NOPE`;
    await refusedWith(
      a
        .as('supplier/User1')
        .lots.ship({ lotId: unknown, to: 'BrandMSP', bizTransactionList: purchaseOrder('N'), ...when() }),
      'LOT_NOT_FOUND',
    );
    await refusedWith(
      a.as('supplier/User1').lots.pack({
        parentID: SSCC_2,
        childQuantityList: [{ epcClass: unknown, quantity: 1, uom: 'KGM' }],
        ...when(),
      }),
      'LOT_NOT_FOUND',
    );
    await refusedWith(
      a.as('supplier/User1').lots.pack({
        parentID: SSCC,
        childQuantityList: [{ epcClass: lotId, quantity: 1, uom: 'KGM' }],
        ...when(),
      }),
      'ALREADY_EXISTS',
    );
    await refusedWith(
      a.as('brand/User1').lots.receive({ lotId: unknown, bizTransactionList: purchaseOrder('N'), ...when() }),
      'LOT_NOT_FOUND',
    );
    await refusedWith(a.as('brand/User1').lots.sample({ lotId: unknown, ...when() }), 'LOT_NOT_FOUND');
    await refusedWith(a.as('brand/User1').lots.startTesting({ lotId: unknown, ...when() }), 'LOT_NOT_FOUND');
    await refusedWith(a.as('brand/Admin').lots.release({ lotId: unknown, ...when() }), 'LOT_NOT_FOUND');
    await refusedWith(a.as('brand/User1').lots.get({ lotId: unknown }), 'LOT_NOT_FOUND');
    await refusedWith(a.as('brand/User1').lots.events({ lotId: unknown }), 'LOT_NOT_FOUND');
    // GetHolds lists hold keys by prefix and answers [] for a lot that does not exist (GetLot and GetLotEvents refuse it).
    expect(await a.as('brand/User1').lots.holds({ lotId: unknown })).toEqual([]);
    await refusedWith(a.as('supplier/User1').lots.register(lotInput(GTIN_A, 'C-2')), 'ALREADY_EXISTS');
  });

  it('rejects, recalls and declares an event erroneous, refusing non-deciders, bad input and unknown lots or events', async () => {
    const testing = await lotInState(a, 'UNDER_TEST', GTIN_A, 'D-1');
    const released = await lotInState(a, 'RELEASED', GTIN_B, 'D-2');
    const decider = a.as('brand/Admin').lots;
    await refusedWith(
      a.as('brand/User1').lots.reject({ lotId: testing, reason: 'Pb over limit', ...when() }),
      'ROLE_DENIED',
    );
    await refusedWith(
      a.as('lab/Admin').lots.recall({ lotId: released, reason: 'r', ...when() }),
      'ROLE_DENIED',
    );
    expect((await decider.reject({ lotId: testing, reason: 'Pb over limit', ...when() })).result.state).toBe(
      'REJECTED',
    );
    expect((await decider.recall({ lotId: released, reason: 'label error', ...when() })).result.state).toBe(
      'RECALLED',
    );
    const [commissioning] = await decider.events({ lotId: testing });
    await refusedWith(
      a.as('brand/User1').lots.declareError({
        lotId: testing,
        eventId: commissioning!.eventId,
        reason: 'r',
        correctiveEventIDs: [],
      }),
      'ROLE_DENIED',
    );
    const declared = await decider.declareError({
      lotId: testing,
      eventId: commissioning!.eventId,
      reason: 'wrong quantity keyed',
      correctiveEventIDs: [],
    });
    expect(declared.result).toMatchObject({
      eventId: commissioning!.eventId,
      reason: 'wrong quantity keyed',
    });
    await refusedWith(
      decider.declareError({
        lotId: testing,
        eventId: commissioning!.eventId,
        reason: 'again',
        correctiveEventIDs: [],
      }),
      'ALREADY_EXISTS',
    );
    await refusedWith(decider.reject({ lotId: testing, reason: '', ...when() }), 'VALIDATION_FAILED');
    await refusedWith(decider.recall({ lotId: released, ...when() } as never), 'VALIDATION_FAILED');
    await refusedWith(
      decider.declareError({ lotId: testing, eventId: '', reason: 'r', correctiveEventIDs: [] }),
      'VALIDATION_FAILED',
    );
    await refusedWith(
      decider.declareError({ lotId: testing, eventId: 'urn:uuid:none', reason: 'r', correctiveEventIDs: [] }),
      'NOT_FOUND',
    );
    await refusedWith(decider.reject({ lotId: `${GTIN_A}.NOPE`, reason: 'r', ...when() }), 'LOT_NOT_FOUND');
    await refusedWith(decider.recall({ lotId: `${GTIN_A}.NOPE`, reason: 'r', ...when() }), 'LOT_NOT_FOUND');
    await refusedWith(decider.release({ lotId: testing, ...when() }), 'LOT_NOT_RELEASABLE');
  });
});

describe('lots facade: transformation, lineage and holds', () => {
  let lotA: string;
  let lotB: string;
  let batch: LotRecord;
  beforeAll(async () => {
    lotA = await lotInState(a, 'RELEASED', GTIN_A, 'T-A');
    lotB = await lotInState(a, 'RELEASED', GTIN_B, 'T-B');
  });

  it('makes a batch from released lots and traces it both ways', async () => {
    const made = await a.as('brand/User1').lots.transform(
      transformInput('TR-1', 'FB-1', [
        { lotId: lotA, quantity: 40_000, uom: 'GRM' },
        { lotId: lotB, quantity: 20, uom: 'KGM' },
      ]),
    );
    batch = made.result;
    expect(batch).toMatchObject({
      id: `${GTIN_BATCH}.FB-1`,
      kind: 'BATCH',
      owner: 'BrandMSP',
      state: 'RECEIVED',
    });
    const lots = a.as('supplier/User1').lots;
    expect(await lots.traceBackward({ lotId: batch.id })).toMatchObject({
      id: batch.id,
      children: expect.arrayContaining([
        expect.objectContaining({ id: lotA, via: 'TR-1' }),
        expect.objectContaining({ id: lotB, via: 'TR-1' }),
      ]) as unknown,
    });
    expect(await lots.traceForward({ lotId: lotA })).toEqual({
      id: lotA,
      children: [{ id: batch.id, via: 'TR-1', children: [] }],
    });
    expect((await lots.get({ lotId: lotA })).remainingKg).toBe(60);
  });

  it('refuses transformations by non-manufacturers, of bad shape, of unknown, unreleased or overdrawn inputs', async () => {
    const brand = a.as('brand/User1').lots;
    const draw = (lotId: string, quantity = 1) => [{ lotId, quantity, uom: 'KGM' as const }];
    await refusedWith(
      a.as('supplier/User1').lots.transform(transformInput('TR-X', 'FB-X', draw(lotA))),
      'ROLE_DENIED',
    );
    const bad = await refusedWith(
      brand.transform({
        ...transformInput('TR-X', 'FB-X', draw(lotA)),
        ilmd: { lotNumber: 'OTHER', itemExpirationDate: '2027-06-30' },
      }),
      'VALIDATION_FAILED',
    );
    expect(bad.issues).toContainEqual({
      path: 'ilmd.lotNumber',
      message: 'must be the lot of the output LGTIN',
    });
    await refusedWith(
      brand.transform(transformInput('TR-X', 'FB-X', draw(`${GTIN_A}.NOPE`))),
      'LOT_NOT_FOUND',
    );
    await refusedWith(brand.transform(transformInput('TR-X', 'FB-X', draw(lotA), 'P-NONE')), 'NOT_FOUND');
    await refusedWith(
      brand.transform(transformInput('TR-X', 'FB-X', draw(lotA, 500))),
      'MASS_BALANCE_EXCEEDED',
    );
    const received = await lotInState(a, 'RECEIVED', GTIN_B, 'T-R');
    await refusedWith(brand.transform(transformInput('TR-X', 'FB-X', draw(received))), 'LOT_NOT_RELEASABLE');
    await refusedWith(brand.transform(transformInput('TR-1', 'FB-2', draw(lotA))), 'ALREADY_EXISTS');
    await refusedWith(brand.traceForward({ lotId: 'bad' }), 'VALIDATION_FAILED');
    await refusedWith(brand.traceBackward({ lotId: `${GTIN_A}.NOPE` }), 'LOT_NOT_FOUND');
  });

  it('flags a lot, holds what was made from it, and lifts the hold once its cause is closed', async () => {
    const cause = { kind: 'MANUAL' as const, refId: 'AUDIT-7', reason: 'supplier audit finding' };
    const flagged = await a.as('platform/Admin').lots.flag({ lotIds: [lotA], cause });
    expect(flagged.result.held.sort()).toEqual([lotA, batch.id].sort());
    const holds: HoldRecord[] = await a.as('brand/User1').lots.holds({ lotId: batch.id });
    expect(holds).toEqual([
      expect.objectContaining({ holdId: 'MANUAL~AUDIT-7', originLotId: lotA, status: 'OPEN' }),
    ]);
    expect(await a.as('brand/User1').lots.get({ lotId: lotA })).toMatchObject({
      effectiveState: 'HOLD_ADDITIONAL_VERIFICATION',
    });

    await refusedWith(a.as('supplier/User1').lots.flag({ lotIds: [lotA], cause }), 'ROLE_DENIED');
    await refusedWith(
      a
        .as('supplier/User1')
        .lots.liftHold({ lotId: lotA, holdId: 'MANUAL~AUDIT-7', basis: 'CAUSE_CLOSED', reason: 'r' }),
      'ROLE_DENIED',
    );
    await refusedWith(a.as('platform/Admin').lots.flag({ lotIds: [], cause }), 'VALIDATION_FAILED');
    await refusedWith(
      a
        .as('platform/Admin')
        .lots.liftHold({ lotId: lotA, holdId: 'MANUAL~AUDIT-7', basis: 'CAUSE_CLOSED' } as never),
      'VALIDATION_FAILED',
    );
    await refusedWith(
      a.as('platform/Admin').lots.flag({ lotIds: [`${GTIN_A}.NOPE`], cause }),
      'LOT_NOT_FOUND',
    );
    await refusedWith(
      a
        .as('platform/Admin')
        .lots.liftHold({ lotId: lotA, holdId: 'MANUAL~NONE', basis: 'CAUSE_CLOSED', reason: 'r' }),
      'NOT_FOUND',
    );
    // Only the flagging org or the platform closes a manual hold; a new VERIFIED report needs the lab flow.
    await refusedWith(
      a
        .as('brand/Admin')
        .lots.liftHold({ lotId: lotA, holdId: 'MANUAL~AUDIT-7', basis: 'CAUSE_CLOSED', reason: 'r' }),
      'INVALID_STATE',
    );
    await refusedWith(
      a.as('brand/Admin').lots.liftHold({
        lotId: lotA,
        holdId: 'MANUAL~AUDIT-7',
        basis: 'NEW_VERIFIED_REPORT',
        reportId: 'RPT-NONE',
      }),
      'INVALID_STATE',
    );

    const lifted = await a.as('platform/Admin').lots.liftHold({
      lotId: lotA,
      holdId: 'MANUAL~AUDIT-7',
      basis: 'CAUSE_CLOSED',
      reason: 'finding closed',
    });
    expect(lifted.result).toMatchObject({ status: 'CLOSED', closed: { basis: 'CAUSE_CLOSED' } });
    await refusedWith(
      a
        .as('platform/Admin')
        .lots.liftHold({ lotId: lotA, holdId: 'MANUAL~AUDIT-7', basis: 'CAUSE_CLOSED', reason: 'again' }),
      'INVALID_STATE',
    );
  });
});

describe('verdicts facade', () => {
  it('gives the verdict on a lot and a batch, and assesses and reads a supplier badge', async () => {
    const lotId = await lotInState(a, 'RELEASED', GTIN_A, 'V-1');
    const verdicts = a.as('platform/auditor').verdicts;
    expect(await verdicts.get({ lotId })).toMatchObject({
      lotId,
      kind: 'RAW_MATERIAL',
      state: 'RELEASED',
      trusted: false,
    });
    const assessed = await verdicts.assessBadge({ supplier: 'SupplierMSP', gtin: GTIN_A });
    expect(assessed.result).toMatchObject({
      supplier: 'SupplierMSP',
      gtin: GTIN_A,
      trustedSource: false,
      policyVersion: 1,
    });
    expect(await a.as('brand/User1').verdicts.badge({ supplier: 'SupplierMSP', gtin: GTIN_A })).toMatchObject(
      { trustedSource: false },
    );
  });

  it('refuses bad input and unknown lots, and answers null for a badge never assessed', async () => {
    const verdicts = a.as('brand/User1').verdicts;
    await refusedWith(verdicts.get({ lotId: 'x' }), 'VALIDATION_FAILED');
    await refusedWith(verdicts.assessBadge({ supplier: 'SupplierMSP', gtin: '123' }), 'VALIDATION_FAILED');
    await refusedWith(verdicts.badge({ supplier: 'not an msp', gtin: GTIN_A }), 'VALIDATION_FAILED');
    await refusedWith(verdicts.get({ lotId: `${GTIN_A}.NOPE` }), 'LOT_NOT_FOUND');
    expect(await verdicts.badge({ supplier: 'SupplierMSP', gtin: GTIN_B })).toBeNull();
  });

  it('refuses lot, trace and verdict calls, queries included, to a suspended member’s users', async () => {
    await a.as('platform/Admin').members.suspend({ mspId: 'SupplierMSP', reason: 'investigation' });
    const supplier = a.as('supplier/User1');
    await refusedWith(supplier.lots.get({ lotId: `${GTIN_A}.V-1` }), 'ROLE_DENIED');
    await refusedWith(supplier.lots.traceForward({ lotId: `${GTIN_A}.V-1` }), 'ROLE_DENIED');
    await refusedWith(supplier.verdicts.get({ lotId: `${GTIN_A}.V-1` }), 'ROLE_DENIED');
    await refusedWith(supplier.verdicts.badge({ supplier: 'SupplierMSP', gtin: GTIN_A }), 'ROLE_DENIED');
    await refusedWith(
      supplier.verdicts.assessBadge({ supplier: 'SupplierMSP', gtin: GTIN_A }),
      'ROLE_DENIED',
    );
    await a.as('platform/Admin').members.reinstate({ mspId: 'SupplierMSP', reason: 'cleared' });
  });
});
