import type { AccreditationRecord } from '@alliance/chaincode/model';
import { isActiveAt, scopeCovers, statusAt, withinValidity } from '@alliance/chaincode/rules/accreditation';

const record: Pick<AccreditationRecord, 'statusHistory' | 'validFrom' | 'validTo' | 'scope'> = {
  validFrom: '2022-01-01',
  validTo: '2027-12-31',
  statusHistory: [
    { status: 'ACTIVE', at: '2022-01-05T00:00:00.000Z', reason: 'granted' },
    { status: 'SUSPENDED', at: '2025-03-01T12:00:00.000Z', reason: 'finding' },
    { status: 'ACTIVE', at: '2025-04-01T00:00:00.000Z', reason: 'closed' },
  ],
  scope: [{ analyte: 'Pb', matrix: 'botanical', methodId: 'USP233', methodVersion: '2' }],
};

const d = (iso: string) => new Date(iso);

describe('accreditation on a date', () => {
  it('answers the status in force at any instant', () => {
    expect(statusAt(record, d('2022-01-04T23:59:59Z'))).toBeUndefined();
    expect(statusAt(record, d('2022-01-05T00:00:00Z'))).toBe('ACTIVE');
    expect(statusAt(record, d('2025-03-01T11:59:59Z'))).toBe('ACTIVE');
    expect(statusAt(record, d('2025-03-01T12:00:00Z'))).toBe('SUSPENDED');
    expect(statusAt(record, d('2025-04-01T00:00:00Z'))).toBe('ACTIVE');
  });

  it('treats validity dates as whole UTC days, both inclusive', () => {
    expect(withinValidity(record, d('2021-12-31T23:59:59Z'))).toBe(false);
    expect(withinValidity(record, d('2022-01-01T00:00:00Z'))).toBe(true);
    expect(withinValidity(record, d('2027-12-31T23:59:59Z'))).toBe(true);
    expect(withinValidity(record, d('2028-01-01T00:00:00Z'))).toBe(false);
  });

  it('is active only when valid and ACTIVE', () => {
    expect(isActiveAt(record, d('2024-06-01T00:00:00Z'))).toBe(true);
    expect(isActiveAt(record, d('2025-03-15T00:00:00Z'))).toBe(false);
    expect(isActiveAt(record, d('2028-06-01T00:00:00Z'))).toBe(false);
    expect(isActiveAt(record, d('2022-01-02T00:00:00Z'))).toBe(false);
  });

  it('covers a test only when analyte, matrix, method and version all match', () => {
    const item = { analyte: 'Pb', matrix: 'botanical', methodId: 'USP233', methodVersion: '2' };
    expect(scopeCovers(record, item)).toBe(true);
    expect(scopeCovers(record, { ...item, analyte: 'Cd' })).toBe(false);
    expect(scopeCovers(record, { ...item, matrix: 'oil' })).toBe(false);
    expect(scopeCovers(record, { ...item, methodId: 'EPA6020' })).toBe(false);
    expect(scopeCovers(record, { ...item, methodVersion: '3' })).toBe(false);
  });
});
