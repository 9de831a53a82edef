/**
 * The member registry: the one-time bootstrap, then governance by the platform's admins
 * (add, change roles, suspend, reinstate). Member keys carry no key-level policy, so the
 * channel's MAJORITY endorsement applies. Nothing is deleted: a change writes a new version.
 */
import {
  CURRENT_POLICY_KEY,
  MEMBER_KEY_TYPE,
  memberKey,
  policyVersionKey,
} from '../../ledger/governance-keys';
import type { AuditStamp } from '../../model/audit';
import { AllianceError } from '../../model/errors';
import {
  parseBootstrapInput,
  type AddMemberInput,
  type FoundingMember,
  type MemberRecord,
  type MemberStatus,
  type MemberStatusInput,
  type UpdateRolesInput,
} from '../../model/member';
import { DEFAULT_POLICY_PARAMETERS, type PolicyDocument } from '../../model/policy';
import type { OrgRole } from '../../model/roles';
import { isAllowed } from '../../rules/roles';
import { requireRole } from '../access';
import type { AllianceContext } from '../context';
import { applyLabSuspension } from './lab-suspension';

const PLATFORM_ADMIN = { org: ['PLATFORM'] as OrgRole[], user: ['admin' as const] };

/** A new ACTIVE member record (version 1). */
function newMember(entry: FoundingMember, stamp: AuditStamp): MemberRecord {
  const roles = [...entry.roles].sort();
  return {
    mspId: entry.mspId,
    name: entry.name,
    roles,
    status: 'ACTIVE',
    version: 1,
    created: stamp,
    updated: stamp,
  };
}

/** True once a registry or policy document exists. */
async function isBootstrapped(ctx: AllianceContext): Promise<boolean> {
  if (await ctx.store.exists(CURRENT_POLICY_KEY)) return true;
  for await (const _ of ctx.store.scan(MEMBER_KEY_TYPE, [])) return true;
  return false;
}

/**
 * Writes the founding registry and policy version 1. The caller must be an admin of an
 * organisation the founding registry names PLATFORM; once bootstrapped, a platform admin gets
 * ALREADY_BOOTSTRAPPED and anyone else ROLE_DENIED.
 */
export async function bootstrap(ctx: AllianceContext): Promise<string> {
  if (await isBootstrapped(ctx)) {
    await requireRole(ctx, PLATFORM_ADMIN);
    throw new AllianceError('ALREADY_BOOTSTRAPPED', 'the alliance registry and policy already exist');
  }
  const input = ctx.input(parseBootstrapInput);
  const { mspId, userRole } = ctx.caller;
  const founding = input.members.find((m) => m.mspId === mspId);
  if (!isAllowed(PLATFORM_ADMIN, { orgRoles: founding?.roles ?? [], userRole })) {
    throw new AllianceError('ROLE_DENIED', 'only an admin of a founding PLATFORM member may bootstrap', {
      details: { mspId, userRole: userRole ?? null, reason: 'NOT_FOUNDING_PLATFORM_ADMIN' },
    });
  }
  const stamp = ctx.stamp('founding member');
  for (const m of input.members) {
    await ctx.store.put(memberKey(ctx.store, m.mspId), newMember(m, stamp));
  }
  const policy: PolicyDocument = {
    version: 1,
    parameters: { ...DEFAULT_POLICY_PARAMETERS, ...input.parameters },
    adoptedAt: ctx.now,
    adoptedBy: `${mspId}/${ctx.caller.userId}`,
    reason: 'founding policy',
  };
  await ctx.store.put(policyVersionKey(ctx.store, 1), policy);
  await ctx.store.put(CURRENT_POLICY_KEY, policy);
  const members = input.members.map((m) => m.mspId).sort();
  ctx.emit('alliance.bootstrapped', { kind: 'alliance', id: 'registry' }, { members, policyVersion: 1 });
  return JSON.stringify({ members, policyVersion: 1 });
}

/** The record of `mspId`. @throws AllianceError NOT_FOUND */
export async function getMember(ctx: AllianceContext, mspId: string): Promise<MemberRecord> {
  return ctx.store.mustGet<MemberRecord>(memberKey(ctx.store, mspId), 'NOT_FOUND', `member ${mspId}`);
}

/** Every member record, by MSP ID. */
export async function listMembers(ctx: AllianceContext): Promise<MemberRecord[]> {
  return (await ctx.store.list<MemberRecord>(MEMBER_KEY_TYPE, [])).map((e) => e.value);
}

/** Adds a member org. @throws AllianceError ALREADY_EXISTS */
export async function addMember(ctx: AllianceContext, input: AddMemberInput): Promise<MemberRecord> {
  const key = memberKey(ctx.store, input.mspId);
  if (await ctx.store.exists(key)) {
    throw new AllianceError('ALREADY_EXISTS', `${input.mspId} is already a member`, {
      details: { mspId: input.mspId },
    });
  }
  const record = newMember(input, ctx.stamp(input.reason));
  await ctx.store.put(key, record);
  ctx.emit(
    'member.added',
    { kind: 'member', id: input.mspId },
    { roles: record.roles, reason: input.reason },
  );
  return record;
}

/** Refuses a change that would leave no ACTIVE member holding PLATFORM (governance would lock). */
async function assertPlatformRemains(ctx: AllianceContext, changed: MemberRecord): Promise<void> {
  const members = await listMembers(ctx);
  const after = members.map((m) => (m.mspId === changed.mspId ? changed : m));
  if (!after.some((m) => m.status === 'ACTIVE' && m.roles.includes('PLATFORM'))) {
    throw new AllianceError('INVALID_STATE', 'the change would leave no active PLATFORM member', {
      details: { mspId: changed.mspId },
    });
  }
}

async function writeChange(
  ctx: AllianceContext,
  current: MemberRecord,
  change: Partial<Pick<MemberRecord, 'roles' | 'status'>>,
  reason: string,
): Promise<MemberRecord> {
  const next: MemberRecord = {
    ...current,
    ...change,
    version: current.version + 1,
    updated: ctx.stamp(reason),
  };
  await assertPlatformRemains(ctx, next);
  await ctx.store.put(memberKey(ctx.store, current.mspId), next);
  return next;
}

/** Replaces a member's roles. @throws AllianceError NOT_FOUND, INVALID_STATE */
export async function updateRoles(ctx: AllianceContext, input: UpdateRolesInput): Promise<MemberRecord> {
  const current = await getMember(ctx, input.mspId);
  const roles = [...input.roles].sort();
  if (roles.join() === current.roles.join()) {
    throw new AllianceError('INVALID_STATE', `${input.mspId} already holds exactly these roles`, {
      details: { mspId: input.mspId, roles },
    });
  }
  const next = await writeChange(ctx, current, { roles }, input.reason);
  ctx.emit(
    'member.roles-changed',
    { kind: 'member', id: input.mspId },
    {
      from: current.roles,
      to: roles,
      reason: input.reason,
    },
  );
  return next;
}

/** Moves a member between ACTIVE and SUSPENDED. @throws AllianceError NOT_FOUND, INVALID_STATE */
export async function setMemberStatus(
  ctx: AllianceContext,
  input: MemberStatusInput,
  status: MemberStatus,
): Promise<MemberRecord> {
  const current = await getMember(ctx, input.mspId);
  if (current.status === status) {
    throw new AllianceError('INVALID_STATE', `${input.mspId} is already ${status}`, {
      details: { mspId: input.mspId, status },
    });
  }
  const next = await writeChange(ctx, current, { status }, input.reason);
  const type = status === 'SUSPENDED' ? 'member.suspended' : 'member.reinstated';
  ctx.emit(type, { kind: 'member', id: input.mspId }, { roles: current.roles, reason: input.reason });
  if (status === 'SUSPENDED') await applyLabSuspension(ctx, current, input.reason);
  return next;
}
