/**
 * The access matrix as data. Every contract passes its table (transaction name -> rule) to
 * `AllianceContract`, which checks the caller against it before the transaction runs; the
 * access-matrix test drives every transaction of every contract from the same tables.
 * Each area keeps its tables next to its rules (`rules/lab/roles.ts`, `rules/supply/roles.ts`).
 */
import { ORG_ROLES, type OrgRole, type UserRole } from '../model/roles';

/** Who may call one transaction. */
export interface AccessRule {
  /** The caller's organisation must hold at least one of these roles (and not be suspended). */
  org: readonly OrgRole[];
  /** When given, the caller's certificate role must be one of these. */
  user?: readonly UserRole[];
  /** A query: evaluated, never submitted (it writes nothing). */
  evaluate?: boolean;
  /**
   * Callable before the registry exists (Bootstrap only): the transaction checks the caller
   * itself, against the founding registry in its argument.
   */
  bootstrap?: boolean;
}

/** Transaction name (without the contract prefix) -> rule. */
export type AccessTable = Readonly<Record<string, AccessRule>>;

/** What the access check knows about a caller. */
export interface CallerRoles {
  /** Roles of the caller's organisation; empty when unknown or suspended. */
  orgRoles: readonly OrgRole[];
  userRole: UserRole | undefined;
}

/** True when `caller` satisfies `rule`. */
export function isAllowed(rule: AccessRule, caller: CallerRoles): boolean {
  const orgOk = rule.org.some((role) => caller.orgRoles.includes(role));
  const userOk =
    rule.user === undefined || (caller.userRole !== undefined && rule.user.includes(caller.userRole));
  return orgOk && userOk;
}

/** Every organisation role: for queries any member may run. */
export const ANY_ORG: readonly OrgRole[] = ORG_ROLES;

/** Governance by the platform's administrators. */
const PLATFORM_ADMIN: AccessRule = { org: ['PLATFORM'], user: ['admin'] };

/** Any member may read. */
const ANY_MEMBER_QUERY: AccessRule = { org: ANY_ORG, evaluate: true };

/** The `members` contract: registry, accreditations, proficiency tests. */
export const MEMBERS_ACCESS: AccessTable = {
  Bootstrap: { org: ['PLATFORM'], user: ['admin'], bootstrap: true },
  AddMember: PLATFORM_ADMIN,
  UpdateRoles: PLATFORM_ADMIN,
  SuspendMember: PLATFORM_ADMIN,
  ReinstateMember: PLATFORM_ADMIN,
  GetMember: ANY_MEMBER_QUERY,
  ListMembers: ANY_MEMBER_QUERY,
  RecordAccreditation: { org: ['ACCREDITATION_REGISTRAR'], user: ['admin', 'approver'] },
  SetAccreditationStatus: { org: ['ACCREDITATION_REGISTRAR'], user: ['admin', 'approver'] },
  GetAccreditation: ANY_MEMBER_QUERY,
  ListAccreditations: ANY_MEMBER_QUERY,
  RecordProficiencyTest: { org: ['ACCREDITATION_REGISTRAR'], user: ['admin', 'approver'] },
  ListProficiencyTests: ANY_MEMBER_QUERY,
};

/** The `policy` contract. */
export const POLICY_ACCESS: AccessTable = {
  GetPolicy: ANY_MEMBER_QUERY,
  PolicyHistory: ANY_MEMBER_QUERY,
  AmendPolicy: PLATFORM_ADMIN,
};

/** The `products` contract: a brand's product specifications. */
export const PRODUCTS_ACCESS: AccessTable = {
  RegisterProduct: { org: ['MANUFACTURER'], user: ['admin', 'approver'] },
  ReviseProduct: { org: ['MANUFACTURER'], user: ['admin', 'approver'] },
  GetProduct: ANY_MEMBER_QUERY,
  ListProducts: ANY_MEMBER_QUERY,
};
