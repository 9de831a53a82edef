import {
  AllianceError,
  identifier,
  isoDateTime,
  parseChaincodeEventPayload,
  parseInput,
  sha256Hex,
  z,
} from '@alliance/chaincode/model';

const schema = z.strictObject({
  id: identifier,
  at: isoDateTime,
  items: z.array(z.strictObject({ hash: sha256Hex })),
});

function issuesOf(raw: unknown): { path: string; message: string }[] {
  try {
    parseInput(schema, raw);
  } catch (error) {
    if (error instanceof AllianceError) return [...error.issues];
    throw error;
  }
  return [];
}

describe('parseInput', () => {
  it('returns the typed value for a JSON text or an object', () => {
    const value = { id: 'L-1', at: '2025-01-01T08:00:00+08:00', items: [{ hash: 'a'.repeat(64) }] };
    expect(parseInput(schema, JSON.stringify(value))).toEqual(value);
    expect(parseInput(schema, value)).toEqual(value);
  });

  it('lists every issue with a dotted path', () => {
    const issues = issuesOf({
      id: 'a\u0000b',
      at: '2025-01-01T08:00:00',
      items: [{ hash: 'A'.repeat(64) }],
      extra: 1,
    });
    expect(issues.map((i) => i.path).sort()).toEqual(['', 'at', 'id', 'items.0.hash']);
  });

  it('refuses missing and non-JSON arguments as VALIDATION_FAILED', () => {
    expect(issuesOf(undefined)).toEqual([{ path: '', message: 'a JSON object argument is required' }]);
    expect(issuesOf('{')).toEqual([{ path: '', message: 'the argument is not valid JSON' }]);
    expect(() => parseInput(schema, '[]')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }) as Error,
    );
  });

  it('refuses identifiers Fabric composite keys cannot hold', () => {
    expect(identifier.safeParse('x\u{10FFFF}').success).toBe(false);
    expect(identifier.safeParse('').success).toBe(false);
    expect(identifier.safeParse('0950600012345.LOT-7/ü').success).toBe(true);
  });
});

describe('chaincode event payloads', () => {
  it('parses the alliance event list and rejects anything else', () => {
    const payload = {
      txId: 't',
      events: [{ id: 't:0', type: 'x', subject: { kind: 'k', id: 'i' }, data: {} }],
    };
    expect(parseChaincodeEventPayload(Buffer.from(JSON.stringify(payload)))).toEqual(payload);
    expect(parseChaincodeEventPayload('{"txId":1}')).toBeUndefined();
    expect(parseChaincodeEventPayload('not json')).toBeUndefined();
  });
});
