/**
 * The member registry: which organisation (MSP ID) holds which roles, and whether it is
 * suspended (a suspended member holds no roles while suspended).
 */
import { z } from 'zod';
import type { AuditStamp } from './audit';
import { orgRole, type OrgRole } from './roles';
import { identifier, mspId, parserFor, text } from './validate';
import { policyParameters } from './policy';

/** Member status. */
export const MEMBER_STATUSES = ['ACTIVE', 'SUSPENDED'] as const;

/** One of {@link MEMBER_STATUSES}. */
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** One organisation in the registry. */
export interface MemberRecord {
  mspId: string;
  /** Display name of the organisation. */
  name: string;
  /** Roles granted; sorted, no duplicates. */
  roles: OrgRole[];
  status: MemberStatus;
  /** 1 on creation, +1 on every change. */
  version: number;
  created: AuditStamp;
  updated: AuditStamp;
}

const roleList = z
  .array(orgRole)
  .min(1, 'must grant at least one role')
  .refine((roles) => new Set(roles).size === roles.length, 'must not repeat a role');

const memberEntry = z.strictObject({ mspId, name: text, roles: roleList });

/** One founding member as the network definition lists it. */
export type FoundingMember = z.infer<typeof memberEntry>;

/** Bootstrap input: the founding registry and optional overrides of the default parameters. */
export const bootstrapInput = z.strictObject({
  members: z
    .array(memberEntry)
    .min(1, 'must list at least one member')
    .refine((m) => new Set(m.map((e) => e.mspId)).size === m.length, 'must not list an MSP ID twice')
    .refine((m) => m.some((e) => e.roles.includes('PLATFORM')), 'must name a PLATFORM member'),
  parameters: policyParameters.partial().optional(),
});

/** A validated bootstrap input. */
export type BootstrapInput = z.infer<typeof bootstrapInput>;

/** Validates the Bootstrap argument. */
export const parseBootstrapInput = parserFor(bootstrapInput);

/** AddMember input. */
export const addMemberInput = z.strictObject({ mspId, name: text, roles: roleList, reason: text });
/** A validated AddMember input. */
export type AddMemberInput = z.infer<typeof addMemberInput>;
/** Validates the AddMember argument. */
export const parseAddMemberInput = parserFor(addMemberInput);

/** UpdateRoles input: the complete new role set. */
export const updateRolesInput = z.strictObject({ mspId, roles: roleList, reason: text });
/** A validated UpdateRoles input. */
export type UpdateRolesInput = z.infer<typeof updateRolesInput>;
/** Validates the UpdateRoles argument. */
export const parseUpdateRolesInput = parserFor(updateRolesInput);

/** SuspendMember / ReinstateMember input. */
export const memberStatusInput = z.strictObject({ mspId, reason: text });
/** A validated SuspendMember / ReinstateMember input. */
export type MemberStatusInput = z.infer<typeof memberStatusInput>;
/** Validates the SuspendMember / ReinstateMember argument. */
export const parseMemberStatusInput = parserFor(memberStatusInput);

/** GetMember input. */
export const memberRefInput = z.strictObject({ mspId });
/** Validates the GetMember argument. */
export const parseMemberRefInput = parserFor(memberRefInput);

/** A generic record reference by id (used by Get* queries). */
export const idRefInput = z.strictObject({ id: identifier });
/** Validates an `{id}` argument. */
export const parseIdRefInput = parserFor(idRefInput);
