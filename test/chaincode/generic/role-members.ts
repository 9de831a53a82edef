/**
 * A registry with one member organisation per org role (plus the founding platform), so each
 * org role can be tried on its own.
 */
import { contracts } from '@alliance/chaincode';
import { ORG_ROLES, type FoundingMember, type OrgRole } from '@alliance/chaincode/model';
import { LedgerHarness } from '../support';

/** The MSP ID of the member holding exactly `role`. */
export function mspFor(role: OrgRole): string {
  return `Only-${role}`;
}

/** Founding platform (PLATFORM only, it bootstraps), one org per role, and a suspended LAB. */
export const ROLE_MEMBERS: FoundingMember[] = [
  ...ORG_ROLES.map((role) => ({ mspId: mspFor(role), name: role, roles: [role] })),
  { mspId: 'Suspended-LAB', name: 'suspended lab', roles: ['LAB'] },
];

/** A harness bootstrapped with {@link ROLE_MEMBERS}; `Suspended-LAB` is suspended. */
export async function roleHarness(): Promise<LedgerHarness> {
  const h = new LedgerHarness(contracts);
  const admin = await h.user(mspFor('PLATFORM'), 'admin');
  await h.ok(admin, 'members:Bootstrap', { members: ROLE_MEMBERS });
  await h.ok(admin, 'members:SuspendMember', { mspId: 'Suspended-LAB', reason: 'access-matrix fixture' });
  return h;
}
