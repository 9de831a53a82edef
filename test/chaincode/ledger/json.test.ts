import {
  canonicalJson,
  fromLedgerBytes,
  NonCanonicalValueError,
  toLedgerBytes,
} from '@alliance/chaincode/ledger/json';

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: undefined, x: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"x":2,"z":1}]},"b":1}',
    );
  });

  it('writes the same bytes for equal values built in different orders', () => {
    expect(Buffer.from(toLedgerBytes({ x: 1, y: [1, 2] }))).toEqual(
      Buffer.from(toLedgerBytes({ y: [1, 2], x: 1 })),
    );
  });

  it('honours toJSON, maps undefined array items to null and -0 to 0', () => {
    expect(canonicalJson({ at: new Date('2025-01-01T00:00:00Z'), list: [undefined, -0] })).toBe(
      '{"at":"2025-01-01T00:00:00.000Z","list":[null,0]}',
    );
  });

  it.each([[{ n: Number.NaN }], [{ n: Infinity }], [{ f: () => 1 }], [{ b: 1n }]])('refuses %p', (value) => {
    expect(() => canonicalJson(value)).toThrow(NonCanonicalValueError);
  });

  it('names where the bad value sits', () => {
    expect(() => canonicalJson({ a: [{ b: Number.NaN }] })).toThrow('a.0.b');
  });

  it('round-trips through ledger bytes', () => {
    expect(fromLedgerBytes(toLedgerBytes({ ü: 'ñ', n: 1.5 }))).toEqual({ n: 1.5, ü: 'ñ' });
  });
});
