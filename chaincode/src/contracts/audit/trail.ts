/**
 * Reading a record's audit trail. Its readers: auditors and the platform (they oversee every
 * record), the organisations its key-level policy names (the record's owners), and, for a
 * record without one (governance records, holds, recognitions, outcomes: endorsed by the
 * channel's majority), every member.
 */
import type { AuditTrailEntry, RecordRef } from '../../model/audit';
import { AllianceError } from '../../model/errors';
import type { OrgRole } from '../../model/roles';
import type { AllianceContext } from '../context';

/** Organisation roles that may read every record's trail. */
const OVERSEERS: readonly OrgRole[] = ['AUDITOR', 'PLATFORM'];

function keyOf(ctx: AllianceContext, record: RecordRef): string {
  return 'key' in record ? record.key : ctx.store.key(record.objectType, record.attributes);
}

/** @throws AllianceError ROLE_DENIED when the caller may not read the trail of `key`. */
async function requireTrailReader(ctx: AllianceContext, key: string): Promise<void> {
  const { mspId } = ctx.caller;
  const roles = (await ctx.member(mspId))?.roles ?? [];
  if (roles.some((role) => OVERSEERS.includes(role))) return;
  const owners = await ctx.store.owners(key);
  if (owners.length === 0 || owners.includes(mspId)) return;
  throw new AllianceError('ROLE_DENIED', `${mspId} may not read the audit trail of this record`, {
    details: { mspId, reason: 'NOT_RECORD_OWNER', owners },
  });
}

/**
 * The trail of `record`, by ledger time then transaction id.
 * @throws AllianceError NOT_FOUND when the record does not exist; ROLE_DENIED for a non-reader.
 */
export async function auditTrailOf(ctx: AllianceContext, record: RecordRef): Promise<AuditTrailEntry[]> {
  const key = keyOf(ctx, record);
  if (!(await ctx.store.exists(key)))
    throw new AllianceError('NOT_FOUND', 'record not found', { details: { record } });
  await requireTrailReader(ctx, key);
  return ctx.store.auditTrail(key);
}
