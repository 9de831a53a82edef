import type { DomainEvent, HoldRecord, LotEventRecord, LotRecord } from '@alliance/chaincode/model';
import { bootstrappedAlliance } from '../../support';
import { GTIN_A, lotAtBrand, lotInput, productSpec, released, when } from './fixtures';

// Each file issues real certificates and runs dozens of transactions: generous under load.
jest.setTimeout(30_000);

const lotKey = (id: string): string => `\x00lot\x00${id}\x00`;
const SSCC = '009506000130000019';

describe('lots: registration (rule 31)', () => {
  it('registers an LGTIN lot owned by the supplier, with an ObjectEvent ADD carrying ILMD', async () => {
    const { h, users } = await bootstrappedAlliance();
    const lot = await h.ok<LotRecord>(users.supplierUser, 'lots:RegisterLot', {
      ...lotInput(GTIN_A, 'L-001', { quantity: 1500, uom: 'GRM' }),
      ...when(h),
    });
    expect(lot).toMatchObject({
      id: `${GTIN_A}.L-001`,
      kind: 'RAW_MATERIAL',
      owner: 'SupplierMSP',
      state: 'CREATED',
      quantityKg: 1.5,
      remainingKg: 1.5,
    });
    expect(h.keyPolicy(lotKey(lot.id))).toEqual({ mspIds: ['SupplierMSP'], required: 1 });
    const events = await h.ok<LotEventRecord[]>(users.auditor, 'lots:GetLotEvents', { lotId: lot.id });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'ObjectEvent',
      action: 'ADD',
      bizStep: 'commissioning',
      lateEntry: false,
      ilmd: { lotNumber: 'L-001', itemExpirationDate: '2026-12-31', countryOfOrigin: 'IN' },
    });
    expect(events[0]?.eventId).toMatch(/^urn:uuid:[0-9a-f]{8}-/);
    expect(
      (await h.refused(users.supplierUser, 'lots:RegisterLot', { ...lotInput(GTIN_A, 'L-001'), ...when(h) }))
        .code,
    ).toBe('ALREADY_EXISTS');
  });

  it('refuses a wrong GTIN check digit, an unknown unit and a GLN without its check digit, writing nothing', async () => {
    const { h, users } = await bootstrappedAlliance();
    const before = h.ledger.snapshot();
    const error = await h.refused(users.supplierUser, 'lots:RegisterLot', {
      ...lotInput('09506000134353', 'L 1', { uom: 'LTR', supplierGln: '9506000130010' }),
      ...when(h),
    });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues.map((i) => i.path).sort()).toEqual(['gtin', 'lot', 'supplierGln', 'uom']);
    expect(error.issues.find((i) => i.path === 'gtin')?.message).toBe('check digit must be 2');
    expect(h.ledger.snapshot()).toEqual(before);
  });

  it('refuses event times beyond the clock skew and flags late entries (rule 5)', async () => {
    const { h, users } = await bootstrappedAlliance();
    const future = new Date(h.time.getTime() + 301_000).toISOString();
    const error = await h.refused(users.supplierUser, 'lots:RegisterLot', {
      ...lotInput(GTIN_A, 'L-F'),
      eventTime: future,
      eventTimeZoneOffset: '+00:00',
    });
    expect(error.code).toBe('CHRONOLOGY_VIOLATION');
    const old = new Date(h.time.getTime() - 73 * 3_600_000).toISOString();
    const result = await h.invoke(users.supplierUser, 'lots:RegisterLot', {
      ...lotInput(GTIN_A, 'L-OLD'),
      eventTime: old,
      eventTimeZoneOffset: '+00:00',
    });
    expect(result.ok && result.events[0]?.data).toMatchObject({ lateEntry: true });
  });

  it('lets only goods organisations register', async () => {
    const { h, users } = await bootstrappedAlliance();
    expect(
      (await h.refused(users.labAnalyst, 'lots:RegisterLot', { ...lotInput(GTIN_A, 'L-X'), ...when(h) }))
        .code,
    ).toBe('ROLE_DENIED');
  });
});

describe('lots: custody (rules 31, 35)', () => {
  it('ships with a bizTransactionList and moves ownership and the key-level policy on receipt', async () => {
    const { h, users } = await bootstrappedAlliance();
    const lot = await h.ok<LotRecord>(users.supplierUser, 'lots:RegisterLot', {
      ...lotInput(GTIN_A, 'L-002'),
      ...when(h),
    });
    const po = [
      { type: 'po', bizTransaction: 'PO-1' },
      { type: 'desadv', bizTransaction: 'DESADV-1' },
    ];
    expect(
      (
        await h.refused(users.brandUser, 'lots:ShipLot', {
          lotId: lot.id,
          to: 'BrandMSP',
          bizTransactionList: po,
          ...when(h),
        })
      ).code,
    ).toBe('NOT_OWNER');
    expect(
      (
        await h.refused(users.supplierUser, 'lots:ShipLot', {
          lotId: lot.id,
          to: 'BrandMSP',
          bizTransactionList: [],
          ...when(h),
        })
      ).code,
    ).toBe('VALIDATION_FAILED');
    const shipped = await h.ok<LotRecord>(users.supplierUser, 'lots:ShipLot', {
      lotId: lot.id,
      to: 'BrandMSP',
      bizTransactionList: po,
      ...when(h),
    });
    expect(shipped.inTransitTo?.mspId).toBe('BrandMSP');
    expect(h.keyPolicy(lotKey(lot.id))).toEqual({ mspIds: ['SupplierMSP'], required: 1 });
    expect(
      (
        await h.refused(users.labAdmin, 'lots:ReceiveLot', {
          lotId: lot.id,
          bizTransactionList: po,
          ...when(h),
        })
      ).code,
    ).toBe('ROLE_DENIED');
    const result = await h.invoke(users.brandUser, 'lots:ReceiveLot', {
      lotId: lot.id,
      bizTransactionList: po,
      ...when(h),
    });
    expect(result.ok).toBe(true);
    const received = h.state(lotKey(lot.id)) as LotRecord;
    expect(received).toMatchObject({ owner: 'BrandMSP', originator: 'SupplierMSP', state: 'RECEIVED' });
    expect(received.inTransitTo).toBeUndefined();
    expect(h.keyPolicy(lotKey(lot.id))).toEqual({ mspIds: ['BrandMSP'], required: 1 });
    const events = await h.ok<LotEventRecord[]>(users.auditor, 'lots:GetLotEvents', { lotId: lot.id });
    expect(events.map((e) => [e.bizStep, e.disposition])).toEqual([
      ['commissioning', 'active'],
      ['shipping', 'in_transit'],
      ['receiving', 'active'],
    ]);
    expect(events[2]?.bizTransactionList).toEqual(po);
    expect(events[2]?.destinationList).toEqual([{ type: 'owning_party', destination: 'BrandMSP' }]);
  });

  it('refuses shipping a lot on hold, rejected, recalled or expired', async () => {
    const { h, users } = await bootstrappedAlliance();
    await h.ok(users.brandAdmin, 'products:RegisterProduct', productSpec());
    const lotId = await lotAtBrand(h, users, GTIN_A, 'L-003');
    await released(h, users, lotId);
    const ship = {
      lotId,
      to: 'SupplierMSP',
      bizTransactionList: [{ type: 'desadv', bizTransaction: 'D-9' }],
    };
    await h.ok(users.platformAdmin, 'lots:FlagLots', {
      lotIds: [lotId],
      cause: { kind: 'MANUAL', refId: 'AUDIT-7', reason: 'supplier audit finding' },
    });
    expect(await h.ok(users.auditor, 'lots:GetLot', { lotId })).toMatchObject({
      state: 'RELEASED',
      effectiveState: 'HOLD_ADDITIONAL_VERIFICATION',
    });
    const refused = await h.refused(users.brandUser, 'lots:ShipLot', { ...ship, ...when(h) });
    expect(refused.code).toBe('INVALID_STATE');
    expect(refused.details).toMatchObject({ state: 'HOLD_ADDITIONAL_VERIFICATION' });
    await h.ok(users.platformAdmin, 'lots:LiftHold', {
      lotId,
      holdId: 'MANUAL~AUDIT-7',
      basis: 'CAUSE_CLOSED',
      reason: 'finding closed',
    });
    h.setTime('2027-01-01T00:00:00Z');
    expect((await h.refused(users.brandUser, 'lots:ShipLot', { ...ship, ...when(h) })).details).toMatchObject(
      { state: 'EXPIRED' },
    );
  });

  it('packs shippable lots into an SSCC with an AggregationEvent', async () => {
    const { h, users } = await bootstrappedAlliance();
    const lot = await h.ok<LotRecord>(users.supplierUser, 'lots:RegisterLot', {
      ...lotInput(GTIN_A, 'L-P'),
      ...when(h),
    });
    const pack = { parentID: SSCC, childQuantityList: [{ epcClass: lot.id, quantity: 100, uom: 'KGM' }] };
    const wrongCheck = await h.refused(users.supplierUser, 'lots:PackLots', {
      ...pack,
      parentID: `${SSCC.slice(0, 17)}0`,
      ...when(h),
    });
    expect(wrongCheck.issues).toEqual([{ path: 'parentID', message: `check digit must be ${SSCC[17]}` }]);
    const tooMuch = { ...pack, childQuantityList: [{ epcClass: lot.id, quantity: 100.5, uom: 'KGM' }] };
    expect((await h.refused(users.supplierUser, 'lots:PackLots', { ...tooMuch, ...when(h) })).code).toBe(
      'MASS_BALANCE_EXCEEDED',
    );
    await h.ok(users.supplierUser, 'lots:PackLots', { ...pack, ...when(h) });
    const events = await h.ok<LotEventRecord[]>(users.auditor, 'lots:GetLotEvents', { lotId: lot.id });
    expect(events[1]).toMatchObject({
      type: 'AggregationEvent',
      action: 'ADD',
      bizStep: 'packing',
      parentID: SSCC,
    });
    expect((await h.refused(users.supplierUser, 'lots:PackLots', { ...pack, ...when(h) })).code).toBe(
      'ALREADY_EXISTS',
    );
  });

  it('recalls from any state with a reason and keeps the event history', async () => {
    const { h, users } = await bootstrappedAlliance();
    const lot = await h.ok<LotRecord>(users.supplierUser, 'lots:RegisterLot', {
      ...lotInput(GTIN_A, 'L-004'),
      ...when(h),
    });
    const recalled = await h.ok<LotRecord>(users.supplierAdmin, 'lots:RecallLot', {
      lotId: lot.id,
      reason: 'contaminated source',
      ...when(h),
    });
    expect(recalled).toMatchObject({ state: 'RECALLED' });
    expect(
      (await h.refused(users.supplierAdmin, 'lots:RecallLot', { lotId: lot.id, reason: 'again', ...when(h) }))
        .code,
    ).toBe('INVALID_STATE');
    expect(
      (
        await h.refused(users.supplierUser, 'lots:ShipLot', {
          lotId: lot.id,
          to: 'BrandMSP',
          bizTransactionList: [{ type: 'po', bizTransaction: 'x' }],
          ...when(h),
        })
      ).code,
    ).toBe('INVALID_STATE');
  });
});

describe('lots: corrections (EPCIS errorDeclaration)', () => {
  it('declares an event erroneous with a reason; the event stays readable', async () => {
    const { h, users } = await bootstrappedAlliance();
    const lot = await h.ok<LotRecord>(users.supplierUser, 'lots:RegisterLot', {
      ...lotInput(GTIN_A, 'L-005'),
      ...when(h),
    });
    const [event] = await h.ok<LotEventRecord[]>(users.auditor, 'lots:GetLotEvents', { lotId: lot.id });
    const eventId = event!.eventId;
    expect(
      (await h.refused(users.supplierAdmin, 'lots:DeclareError', { lotId: lot.id, eventId, reason: '   ' }))
        .code,
    ).toBe('VALIDATION_FAILED');
    await h.ok(users.supplierAdmin, 'lots:DeclareError', {
      lotId: lot.id,
      eventId,
      reason: 'wrong quantity keyed',
    });
    const [after] = await h.ok<(LotEventRecord & { errorDeclaration?: { reason: string } })[]>(
      users.auditor,
      'lots:GetLotEvents',
      { lotId: lot.id },
    );
    expect(after).toMatchObject({
      eventId,
      quantityList: event!.quantityList,
      errorDeclaration: { reason: 'wrong quantity keyed', correctiveEventIDs: [] },
    });
    expect(
      (await h.refused(users.supplierAdmin, 'lots:DeclareError', { lotId: lot.id, eventId, reason: 'twice' }))
        .code,
    ).toBe('ALREADY_EXISTS');
    expect(
      (
        await h.refused(users.supplierAdmin, 'lots:DeclareError', {
          lotId: lot.id,
          eventId: 'nope',
          reason: 'x',
        })
      ).code,
    ).toBe('NOT_FOUND');
  });
});

describe('lots: holds are keys of their own (rule 33)', () => {
  it("lets the platform flag the brand's lot with no owner policy on the hold key", async () => {
    const { h, users } = await bootstrappedAlliance();
    await h.ok(users.brandAdmin, 'products:RegisterProduct', productSpec());
    const lotId = await lotAtBrand(h, users, GTIN_A, 'L-006');
    const result = await h.invoke(users.platformAdmin, 'lots:FlagLots', {
      lotIds: [lotId],
      cause: { kind: 'CRM_REVOKED', refId: 'CRM-1', reason: 'certificate withdrawn' },
    });
    expect(result.ok).toBe(true);
    const holdKey = `\x00lot~hold\x00${lotId}\x00CRM_REVOKED~CRM-1\x00`;
    expect(h.state(holdKey)).toMatchObject({
      status: 'OPEN',
      originLotId: lotId,
      cause: { kind: 'CRM_REVOKED' },
    });
    expect(h.keyPolicy(holdKey)).toBeUndefined();
    expect(h.keyPolicy(lotKey(lotId))).toEqual({ mspIds: ['BrandMSP'], required: 1 });
    expect(result.ok && result.events.map((e: DomainEvent) => e.type)).toEqual([
      'lot.held',
      'hold.propagated',
    ]);
    // only the platform closes a CRM finding
    const denied = await h.refused(users.brandAdmin, 'lots:LiftHold', {
      lotId,
      holdId: 'CRM_REVOKED~CRM-1',
      basis: 'CAUSE_CLOSED',
      reason: 'fine',
    });
    expect(denied.code).toBe('INVALID_STATE');
    await h.ok(users.platformAdmin, 'lots:LiftHold', {
      lotId,
      holdId: 'CRM_REVOKED~CRM-1',
      basis: 'CAUSE_CLOSED',
      reason: 'replacement CRM traced',
    });
    const holds = await h.ok<HoldRecord[]>(users.auditor, 'lots:GetHolds', { lotId });
    expect(holds[0]).toMatchObject({
      status: 'CLOSED',
      closed: { basis: 'CAUSE_CLOSED', reason: 'replacement CRM traced' },
    });
    expect(
      (
        await h.refused(users.platformAdmin, 'lots:LiftHold', {
          lotId,
          holdId: 'CRM_REVOKED~CRM-1',
          basis: 'CAUSE_CLOSED',
          reason: 'x',
        })
      ).code,
    ).toBe('INVALID_STATE');
  });
});
