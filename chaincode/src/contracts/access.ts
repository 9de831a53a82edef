/**
 * The access check every transaction passes before doing anything: the caller's organisation
 * must be an ACTIVE member holding one of the required roles (a suspended member holds none),
 * and the caller's certificate role must be one of those required.
 */
import { AllianceError } from '../model/errors';
import type { MemberRecord } from '../model/member';
import type { OrgRole, UserRole } from '../model/roles';
import { isAllowed } from '../rules/roles';
import type { AllianceContext } from './context';

/**
 * Checks the caller against `need` and returns its member record.
 * @throws AllianceError ROLE_DENIED (details say which part failed).
 */
export async function requireRole(
  ctx: AllianceContext,
  need: { org: readonly OrgRole[]; user?: readonly UserRole[] },
): Promise<MemberRecord> {
  const { mspId, userRole } = ctx.caller;
  const member = await ctx.member(mspId);
  const orgRoles = member?.status === 'ACTIVE' ? member.roles : [];
  if (member === undefined || !isAllowed(need, { orgRoles, userRole })) {
    const reason =
      member === undefined
        ? 'NOT_A_MEMBER'
        : member.status === 'SUSPENDED'
          ? 'MEMBER_SUSPENDED'
          : 'ROLE_MISSING';
    throw new AllianceError(
      'ROLE_DENIED',
      `${mspId}/${userRole ?? 'no role'} may not perform this transaction`,
      {
        details: { mspId, userRole: userRole ?? null, orgRoles, reason, need },
      },
    );
  }
  return member;
}
