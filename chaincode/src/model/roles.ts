/**
 * Who may act: an organisation's roles are recorded on the ledger (member registry); a user's
 * role is the `alliance.role` attribute of the signing certificate.
 */
import { z } from 'zod';

/** Organisation roles recorded in the member registry. */
export const ORG_ROLES = [
  'PLATFORM',
  'MANUFACTURER',
  'SUPPLIER',
  'IMPORTER',
  'LAB',
  'VERIFIER',
  'ACCREDITATION_REGISTRAR',
  'AUDITOR',
] as const;

/** One of {@link ORG_ROLES}. */
export type OrgRole = (typeof ORG_ROLES)[number];

/** User roles carried as certificate attributes; `member` is an ordinary user of a member org. */
export const USER_ROLES = ['analyst', 'reviewer', 'approver', 'auditor', 'admin', 'member'] as const;

/** One of {@link USER_ROLES}. */
export type UserRole = (typeof USER_ROLES)[number];

/** The certificate attribute (Fabric CA attribute extension) naming the user's role. */
export const USER_ROLE_ATTRIBUTE = 'alliance.role';

/** Schema of one organisation role. */
export const orgRole = z.enum(ORG_ROLES);

/** Schema of one user role. */
export const userRole = z.enum(USER_ROLES);

/** The user role named by a certificate attribute value, or undefined when it names none. */
export function toUserRole(value: string | null | undefined): UserRole | undefined {
  return (USER_ROLES as readonly string[]).includes(value ?? '') ? (value as UserRole) : undefined;
}
