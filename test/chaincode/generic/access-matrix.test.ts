/**
 * Every transaction of every exported contract, as every org role x user role (and no user
 * role), against the access tables: allowed (any outcome but ROLE_DENIED) or ROLE_DENIED.
 * Calls are evaluated, so each sees the same bootstrapped ledger.
 */
import { AllianceContract } from '@alliance/chaincode/contracts/base';
import { ORG_ROLES, USER_ROLES } from '@alliance/chaincode/model';
import { isAllowed } from '@alliance/chaincode/rules/roles';
import type { LedgerHarness } from '../support';
import { contractInstances, registeredTransactions } from './registered';
import { mspFor, roleHarness } from './role-members';

const transactions = registeredTransactions();
const userRoles = [...USER_ROLES, undefined];

describe('access matrix', () => {
  let h: LedgerHarness;

  beforeAll(async () => {
    h = await roleHarness();
  }, 120_000);

  it('covers every exported contract, each with its access table matching its methods', () => {
    for (const contract of contractInstances()) {
      expect([...AllianceContract.transactionNames(contract)].sort()).toEqual(
        Object.keys(contract.access).sort(),
      );
    }
  });

  it.each(transactions.map((t) => [t.fn, t] as const))(
    '%s: allowed exactly for the roles its rule names',
    async (_fn, t) => {
      const rule = t.rule!;
      const wrong: string[] = [];
      for (const orgRole of ORG_ROLES) {
        for (const userRole of userRoles) {
          const caller = await h.user(mspFor(orgRole), userRole);
          const result = await h.evaluate(caller, t.fn, {});
          const code = result.ok ? 'OK' : (result.error?.code ?? `UNCODED ${result.message}`);
          const allowed = isAllowed(rule, { orgRoles: [orgRole], userRole });
          if (allowed ? code === 'ROLE_DENIED' || code.startsWith('UNCODED') : code !== 'ROLE_DENIED') {
            wrong.push(
              `${orgRole}/${userRole ?? '-'}: ${code} (expected ${allowed ? 'allowed' : 'ROLE_DENIED'})`,
            );
          }
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it("audit:GetAuditTrail: an owned record's trail is read by its owner, auditors and the platform only; a shared record's by every member", async () => {
    const supplier = await h.user(mspFor('SUPPLIER'), 'member');
    const lot = await h.ok<{ id: string }>(supplier, 'lots:RegisterLot', {
      gtin: '09506000134352', lot: 'AM1', supplierGln: '9506000130019', countryOfOrigin: 'IN', expiryDate: '2030-12-31',
      quantity: 10, uom: 'KGM', eventTime: h.time.toISOString(), eventTimeZoneOffset: '+00:00',
    }); // prettier-ignore
    const owned = { objectType: 'lot', attributes: [lot.id] };
    const shared = { objectType: 'member', attributes: [mspFor('LAB')] };
    const readers: Record<string, string[]> = { owned: [], shared: [] };
    for (const orgRole of ORG_ROLES) {
      const caller = await h.user(mspFor(orgRole), 'member');
      for (const [name, record] of Object.entries({ owned, shared })) {
        const result = await h.evaluate(caller, 'audit:GetAuditTrail', record);
        if (result.ok) readers[name]!.push(orgRole);
        else expect(result.error?.details).toMatchObject({ reason: 'NOT_RECORD_OWNER' });
      }
    }
    expect(readers.owned!.sort()).toEqual(['AUDITOR', 'PLATFORM', 'SUPPLIER']);
    expect(readers.shared).toEqual([...ORG_ROLES]);
  });

  it.each(transactions.map((t) => [t.fn] as const))(
    '%s: refused for a suspended member and a stranger',
    async (fn) => {
      for (const mspId of ['Suspended-LAB', 'Stranger-MSP']) {
        for (const role of ['admin', 'analyst']) {
          const result = await h.evaluate(await h.user(mspId, role), fn, {});
          expect(result.ok ? 'OK' : result.error?.code).toBe('ROLE_DENIED');
        }
      }
    },
  );
});
