import { createHash } from 'node:crypto';
import {
  buildTrailEntry,
  isTrailKeyType,
  trailEntryKey,
  trailScope,
  type ChangeOrigin,
} from '@alliance/chaincode/ledger/audit-entry';
import { toLedgerBytes } from '@alliance/chaincode/ledger/json';
import { claimedEventTime, offsetOf, statedReason } from '@alliance/chaincode/contracts/change-claims';

const origin: ChangeOrigin = {
  txId: 'ab'.repeat(32),
  transaction: 'lots:ShipLot',
  at: '2025-05-01T00:00:00.000Z',
  by: { mspId: 'SupplierMSP', userId: 'x509::/CN=u', printedName: 'u' },
};
const record = { objectType: 'lot', attributes: ['L1'] };

describe('audit-trail entries', () => {
  it('hash the bytes before and after, and carry the diff, reason and claimed time', () => {
    const previous = toLedgerBytes({ state: 'RECEIVED' });
    const next = toLedgerBytes({ state: 'RELEASED' });
    const entry = buildTrailEntry(
      { record, previous, next, reason: 'lots:ShipLot' },
      { ...origin, eventTime: '2025-05-01T08:00:00+08:00', eventTimeZoneOffset: '+08:00' },
    );
    expect(entry).toEqual({
      record,
      ...origin,
      reason: 'lots:ShipLot',
      eventTime: '2025-05-01T08:00:00+08:00',
      eventTimeZoneOffset: '+08:00',
      previousVersionHash: createHash('sha256').update('{"state":"RECEIVED"}').digest('hex'),
      versionHash: createHash('sha256').update('{"state":"RELEASED"}').digest('hex'),
      changes: [{ field: 'state', kind: 'MODIFIED', old: 'RECEIVED', new: 'RELEASED' }],
    });
  });

  it('are not written for a rewrite of the same bytes, and never without a reason', () => {
    const bytes = toLedgerBytes({ a: 1 });
    expect(buildTrailEntry({ record, previous: bytes, next: bytes, reason: 'r' }, origin)).toBeUndefined();
    expect(() =>
      buildTrailEntry({ record, previous: bytes, next: toLedgerBytes({ a: 2 }), reason: ' ' }, origin),
    ).toThrow('has no reason');
  });

  it('live under keys that name the record, then ledger time, then transaction', () => {
    expect(trailScope(record)).toEqual({ objectType: 'audit~change', attributes: ['lot', 'L1'] });
    expect(trailEntryKey({ key: 'policy.current' }, origin.at, origin.txId)).toEqual({
      objectType: 'audit~plain',
      attributes: ['policy.current', origin.at, origin.txId],
    });
    expect([
      isTrailKeyType('audit~change'),
      isTrailKeyType('audit~plain'),
      isTrailKeyType('lot'),
      isTrailKeyType(null),
    ]).toEqual([true, true, false, false]);
  });
});

describe('what an input says about its changes', () => {
  it('states a reason only in a non-empty top-level reason field', () => {
    expect(statedReason({ reason: 'revoked by the producer' })).toBe('revoked by the producer');
    expect(statedReason({ reason: '  ' })).toBeUndefined();
    expect(statedReason({ cause: { reason: 'nested' } })).toBeUndefined();
    expect(statedReason(['reason'])).toBeUndefined();
    expect(statedReason(undefined)).toBeUndefined();
  });

  it('claims an event time: EPCIS eventTime with its offset, else the lab fields with the offset of their text', () => {
    expect(claimedEventTime({ eventTime: '2025-01-01T00:00:00Z', eventTimeZoneOffset: '+08:00' })).toEqual({
      eventTime: '2025-01-01T00:00:00Z',
      eventTimeZoneOffset: '+08:00',
    });
    expect(claimedEventTime({ performedAt: '2025-01-01T09:00:00-05:00' })).toEqual({
      eventTime: '2025-01-01T09:00:00-05:00',
      eventTimeZoneOffset: '-05:00',
    });
    expect(
      claimedEventTime({ calibratedAt: '2025-01-01T09:00:00Z', issuedAt: '2025-01-02T00:00:00+08:00' }),
    ).toEqual({
      eventTime: '2025-01-01T09:00:00Z',
      eventTimeZoneOffset: '+00:00',
    });
    expect(claimedEventTime({ reason: 'x', at: '2025-01-01T00:00:00Z' })).toBeUndefined();
  });

  it('reads the offset of an ISO 8601 date-time in each form it may take', () => {
    expect(
      [
        '2025-01-01T00:00:00Z',
        '2025-01-01T00:00:00+0530',
        '2025-01-01T00:00:00-03',
        '2025-01-01T00:00:00.5+08:00',
        '2025-01-01T00:00:00',
        '2025-01-01',
      ].map(offsetOf),
    ).toEqual(['+00:00', '+05:30', '-03:00', '+08:00', undefined, undefined]);
  });
});
