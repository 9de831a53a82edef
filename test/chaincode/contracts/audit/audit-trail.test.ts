/**
 * Rule 3 through the contracts: every change of a record that already existed writes one
 * audit-trail entry (actor, ledger and client time, reason, field changes, hashes that chain
 * the versions the key history holds); a creation writes none; `audit:GetAuditTrail` reads them.
 */
import { createHash } from 'node:crypto';
import type { AuditTrailEntry, LotRecord, RecordRef } from '@alliance/chaincode/model';
import { bootstrappedAlliance, type LedgerHarness, type TestIdentity } from '../../support';
import { qualifiedInstrument } from '../lab/fixtures';
import { lotInput, PLANT_GLN, GTIN_A, when } from '../supply/fixtures';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function trail(h: LedgerHarness, as: TestIdentity, record: RecordRef): Promise<AuditTrailEntry[]> {
  return h.ok<AuditTrailEntry[]>(as, 'audit:GetAuditTrail', record);
}

/**
 * The versions of `key` in its history, oldest first, must be exactly those the entries chain:
 * entry n goes from version n to version n+1, and entry n+1 starts where entry n ended.
 */
function expectChainedWithHistory(h: LedgerHarness, key: string, entries: AuditTrailEntry[]): void {
  const versions = h.ledger.history(key).reverse();
  expect(entries).toHaveLength(versions.length - 1);
  entries.forEach((entry, n) => {
    expect(entry.txId).toBe(versions[n + 1]!.txId);
    expect(entry.previousVersionHash).toBe(sha256(versions[n]!.value));
    expect(entry.versionHash).toBe(sha256(versions[n + 1]!.value));
    if (n > 0) expect(entry.previousVersionHash).toBe(entries[n - 1]!.versionHash);
  });
}

describe('audit trail', () => {
  it('records a member suspension and reinstatement: who, when, why, old and new, chained hashes', async () => {
    const { h, users } = await bootstrappedAlliance();
    const record = { objectType: 'member', attributes: ['SupplierMSP'] };
    const key = h.compositeKey('member', ['SupplierMSP']);
    expect(await trail(h, users.auditor, record)).toEqual([]);

    h.setTime('2025-05-01T10:00:00Z');
    const suspended = await h.invoke(users.platformAdmin, 'members:SuspendMember', {
      mspId: 'SupplierMSP',
      reason: 'missed the annual audit',
    });
    const reinstated = await h.invoke(users.platformAdmin, 'members:ReinstateMember', {
      mspId: 'SupplierMSP',
      reason: 'audit passed on re-visit',
    });
    const entries = await trail(h, users.auditor, record);
    expect(entries).toHaveLength(2);
    const [first, second] = entries as [AuditTrailEntry, AuditTrailEntry];
    expect(first).toMatchObject({
      record,
      txId: suspended.txId,
      transaction: 'members:SuspendMember',
      at: '2025-05-01T10:00:00.000Z',
      by: {
        mspId: 'PlatformMSP',
        userId: 'x509::/CN=Admin@platform/OU=client/O=PlatformMSP::/CN=ca.platformmsp/O=PlatformMSP',
        printedName: 'Admin@platform',
      },
      reason: 'missed the annual audit',
    });
    expect(first).not.toHaveProperty('eventTime');
    expect(first.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', kind: 'MODIFIED', old: 'ACTIVE', new: 'SUSPENDED' },
        { field: 'version', kind: 'MODIFIED', old: 1, new: 2 },
        {
          field: 'updated.at',
          kind: 'MODIFIED',
          old: expect.any(String) as string,
          new: '2025-05-01T10:00:00.000Z',
        },
      ]),
    );
    expect(second).toMatchObject({ txId: reinstated.txId, reason: 'audit passed on re-visit' });
    expect(second.changes).toContainEqual({
      field: 'status',
      kind: 'MODIFIED',
      old: 'SUSPENDED',
      new: 'ACTIVE',
    });
    expectChainedWithHistory(h, key, entries);
  });

  it('writes no entry for a creation', async () => {
    const { h, users } = await bootstrappedAlliance();
    const before = h.ledger.snapshot().size;
    await h.ok(users.platformAdmin, 'members:AddMember', {
      mspId: 'ImporterMSP',
      name: 'Importer',
      roles: ['IMPORTER'],
      reason: 'joined',
    });
    expect(await trail(h, users.auditor, { objectType: 'member', attributes: ['ImporterMSP'] })).toEqual([]);
    const trailKeys = [...h.ledger.snapshot().keys()].filter((k) => k.startsWith('\u0000audit~'));
    expect(trailKeys).toEqual([]);
    expect(h.ledger.snapshot().size).toBe(before + 1);
  });

  it("follows a lot's custody, with the client's event time and the transaction as the reason", async () => {
    const { h, users } = await bootstrappedAlliance();
    const lot = await h.ok<LotRecord>(users.supplierUser, 'lots:RegisterLot', {
      ...lotInput(GTIN_A, 'AT1'),
      ...when(h),
    });
    const po = [{ type: 'po', bizTransaction: `urn:epcglobal:cbv:bt:${PLANT_GLN}:PO-AT1` }];
    const shipWhen = when(h);
    await h.ok(users.supplierUser, 'lots:ShipLot', {
      lotId: lot.id,
      to: 'BrandMSP',
      bizTransactionList: po,
      ...shipWhen,
    });
    await h.ok(users.brandUser, 'lots:ReceiveLot', { lotId: lot.id, bizTransactionList: po, ...when(h) });

    const record = { objectType: 'lot', attributes: [lot.id] };
    const entries = await trail(h, users.brandUser, record);
    expect(entries.map((e) => [e.transaction, e.reason, e.by.printedName])).toEqual([
      ['lots:ShipLot', 'lots:ShipLot', 'User1@supplier'],
      ['lots:ReceiveLot', 'lots:ReceiveLot', 'User1@brand'],
    ]);
    expect(entries[0]).toMatchObject({
      eventTime: shipWhen.eventTime,
      eventTimeZoneOffset: '+08:00',
    });
    expect(entries[0]!.changes).toContainEqual(
      expect.objectContaining({
        field: 'inTransitTo',
        kind: 'ADDED',
        new: expect.objectContaining({ mspId: 'BrandMSP' }) as unknown,
      }),
    );
    expect(entries[1]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'owner', kind: 'MODIFIED', old: 'SupplierMSP', new: 'BrandMSP' },
        expect.objectContaining({ field: 'inTransitTo', kind: 'REMOVED' }),
      ]),
    );
    expectChainedWithHistory(h, h.compositeKey('lot', [lot.id]), entries);

    // The owner (now the brand) and the overseers read it; the former owner and a lab do not.
    expect(await trail(h, users.auditor, record)).toEqual(entries);
    for (const stranger of [users.supplierUser, users.labAnalyst]) {
      const denied = await h.refused(stranger, 'audit:GetAuditTrail', record);
      expect(denied.code).toBe('ROLE_DENIED');
      expect(denied.details).toMatchObject({ reason: 'NOT_RECORD_OWNER', owners: ['BrandMSP'] });
    }
  });

  it("records each qualification stage of an instrument with the lab's performedAt", async () => {
    const { h, users } = await bootstrappedAlliance();
    await qualifiedInstrument(h, users, 'ICP-AT', '2025-03-02');
    const entries = await trail(h, users.labAdmin, { objectType: 'instrument', attributes: ['ICP-AT'] });
    expect(entries.map((e) => [e.transaction, e.eventTime, e.eventTimeZoneOffset, e.at])).toEqual([
      ['instruments:RecordQualification', '2025-03-02T09:00:00Z', '+00:00', '2025-03-02T09:00:00.000Z'],
      ['instruments:RecordQualification', '2025-03-02T10:00:00Z', '+00:00', '2025-03-02T10:00:00.000Z'],
      ['instruments:RecordQualification', '2025-03-02T11:00:00Z', '+00:00', '2025-03-02T11:00:00.000Z'],
    ]);
    expectChainedWithHistory(h, h.compositeKey('instrument', ['ICP-AT']), entries);

    await h.ok(users.labAdmin, 'instruments:SuspendInstrument', {
      instrumentId: 'ICP-AT',
      reason: 'detector noise',
    });
    const suspended = (
      await trail(h, users.labAdmin, { objectType: 'instrument', attributes: ['ICP-AT'] })
    )[3]!;
    expect(suspended.reason).toBe('detector noise');
    expect(suspended.previousVersionHash).toBe(entries[2]!.versionHash);
  });

  it('records an amendment of the policy in force under its plain key', async () => {
    const { h, users } = await bootstrappedAlliance();
    const amended = await h.invoke(users.platformAdmin, 'policy:AmendPolicy', {
      changes: { acceptT2: false },
      reason: 'assembly decision 2025-05',
    });
    const entries = await trail(h, users.brandUser, { key: 'policy.current' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      record: { key: 'policy.current' },
      txId: amended.txId,
      reason: 'assembly decision 2025-05',
    });
    expect(entries[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'parameters.acceptT2', kind: 'MODIFIED', old: true, new: false },
        { field: 'version', kind: 'MODIFIED', old: 1, new: 2 },
      ]),
    );
    expectChainedWithHistory(h, 'policy.current', entries);
  });

  it('answers NOT_FOUND for a record that does not exist, and VALIDATION_FAILED for a bad reference', async () => {
    const { h, users } = await bootstrappedAlliance();
    const missing = await h.refused(users.auditor, 'audit:GetAuditTrail', {
      objectType: 'lot',
      attributes: ['none'],
    });
    expect(missing.code).toBe('NOT_FOUND');
    const bad = await h.refused(users.auditor, 'audit:GetAuditTrail', { objectType: 'lot', key: 'x' });
    expect(bad.code).toBe('VALIDATION_FAILED');
  });
});
