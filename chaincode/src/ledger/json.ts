/**
 * Deterministic JSON: every endorsing peer must produce the same bytes for the same value, so
 * object keys are written in sorted order (by UTF-16 code unit, as `Array.prototype.sort`
 * does; identical on every peer) and values that JSON cannot carry faithfully are refused
 * instead of being silently changed.
 */

/** Raised when a value cannot be written as canonical JSON (a programming error, not bad input). */
export class NonCanonicalValueError extends Error {
  /** @param path where in the value the offending element sits, e.g. `items.0.value` */
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`cannot encode ${path || 'value'} as canonical JSON: ${reason}`);
    this.name = 'NonCanonicalValueError';
  }
}

function normalise(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NonCanonicalValueError(path, 'number is not finite');
    // -0 and 0 serialise alike; keep one form so hashes never differ.
    return Object.is(value, -0) ? 0 : value;
  }
  if (Array.isArray(value))
    return value.map((item, i) => normalise(item === undefined ? null : item, join(path, i)));
  if (typeof value === 'object') {
    const withJson = value as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === 'function') return normalise(withJson.toJSON(), path);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field !== undefined) out[key] = normalise(field, join(path, key));
    }
    return out;
  }
  throw new NonCanonicalValueError(path, `${typeof value} has no JSON form`);
}

function join(path: string, part: string | number): string {
  return path === '' ? String(part) : `${path}.${part}`;
}

/**
 * The canonical JSON text of `value`: keys sorted at every depth, `undefined` fields dropped
 * (as JSON does), `toJSON()` honoured (dates become ISO strings), no whitespace.
 * @throws NonCanonicalValueError for non-finite numbers, functions, symbols, bigints.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value, ''));
}

/** The UTF-8 bytes of {@link canonicalJson}, ready for `putState`. */
export function toLedgerBytes(value: unknown): Uint8Array {
  return Buffer.from(canonicalJson(value), 'utf8');
}

/** Parses bytes read from the ledger (written by {@link toLedgerBytes}). */
export function fromLedgerBytes(bytes: Uint8Array): unknown {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
}
