/**
 * Property: random and malformed arguments to any transaction of any exported contract, by a
 * caller the access table allows, end in a coded error and leave the ledger untouched; only a
 * query may succeed, and it writes nothing either.
 */
import fc from 'fast-check';
import { USER_ROLES, type UserRole } from '@alliance/chaincode/model';
import { RawArgs, type LedgerHarness, type TestIdentity } from '../support';
import { registeredTransactions, type RegisteredTransaction } from './registered';
import { mspFor, roleHarness } from './role-members';

const transactions = registeredTransactions();

/** Arguments no transaction should accept as valid input. */
const malformedArgument: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.string(),
  fc.json(),
  fc.dictionary(fc.string(), fc.jsonValue()).map((o) => JSON.stringify(o)),
  fc.array(fc.jsonValue(), { maxLength: 4 }).map((a) => JSON.stringify(a)),
  fc.array(fc.string(), { minLength: 2, maxLength: 3 }).map((a) => new RawArgs(a)),
  fc.constantFrom('{', '[]', 'null', '""', '{"__proto__":{"x":1}}', '\u0000', '{"mspId":"\u0000"}'),
);

async function allowedCaller(h: LedgerHarness, t: RegisteredTransaction): Promise<TestIdentity> {
  const rule = t.rule!;
  const userRole: UserRole = rule.user?.[0] ?? USER_ROLES[0];
  return h.user(mspFor(rule.org[0]!), userRole);
}

describe('malformed arguments', () => {
  let h: LedgerHarness;

  beforeAll(async () => {
    h = await roleHarness();
  }, 120_000);

  it.each(transactions.map((t) => [t.fn, t] as const))('%s: coded error, no write', async (_fn, t) => {
    const caller = await allowedCaller(h, t);
    await fc.assert(
      fc.asyncProperty(malformedArgument, async (arg) => {
        const before = h.ledger.snapshot();
        const eventsBefore = h.ledger.events.length;
        const result = await h.invoke(caller, t.fn, arg);
        expect(h.ledger.snapshot()).toEqual(before);
        expect(h.ledger.events).toHaveLength(eventsBefore);
        if (result.ok) {
          expect(t.rule?.evaluate).toBe(true);
        } else {
          expect(result.error?.code).toEqual(expect.any(String));
          expect(result.error?.code).not.toBe('ROLE_DENIED');
          expect(result.error?.code).not.toBe('INTERNAL_ERROR');
        }
      }),
      { numRuns: 40 },
    );
  });

  it('audit:GetAuditTrail: record references that are nearly right end in a coded error, no write', async () => {
    const auditor = await h.user(mspFor('AUDITOR'), 'auditor');
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom('', '\u0000', 'lot\u0000x', '\u{10FFFF}', 'audit~change'),
    );
    const reference = fc.oneof(
      fc.record({ objectType: text, attributes: fc.array(text, { maxLength: 3 }) }),
      fc.record({ key: text }),
      fc.record({ objectType: text, attributes: fc.array(text), key: text }, { requiredKeys: [] }),
      fc.record({ objectType: fc.jsonValue(), attributes: fc.jsonValue() }),
    );
    await fc.assert(
      fc.asyncProperty(reference, async (arg) => {
        const before = h.ledger.snapshot();
        const result = await h.invoke(auditor, 'audit:GetAuditTrail', arg);
        expect(h.ledger.snapshot()).toEqual(before);
        expect(result.ok ? 'OK' : result.error?.code).toMatch(/^(VALIDATION_FAILED|NOT_FOUND)$/);
      }),
      { numRuns: 100 },
    );
  });
});
