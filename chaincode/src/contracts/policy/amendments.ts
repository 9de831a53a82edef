/**
 * The versioned policy document: reading the version in force or any past one, and amending
 * it. An amendment writes a new version (the old ones stay readable) with its reason.
 */
import { CURRENT_POLICY_KEY, POLICY_VERSION_KEY_TYPE, policyVersionKey } from '../../ledger/governance-keys';
import type { PolicyAmendment, PolicyDocument } from '../../model/policy';
import type { AllianceContext } from '../context';

/** Version `version` of the policy document. @throws AllianceError NOT_FOUND */
export async function policyVersion(ctx: AllianceContext, version: number): Promise<PolicyDocument> {
  return ctx.store.mustGet<PolicyDocument>(
    policyVersionKey(ctx.store, version),
    'NOT_FOUND',
    `policy version ${version}`,
  );
}

/** Every version, oldest first. */
export async function policyHistory(ctx: AllianceContext): Promise<PolicyDocument[]> {
  return (await ctx.store.list<PolicyDocument>(POLICY_VERSION_KEY_TYPE, [])).map((e) => e.value);
}

/** Adopts the next version: the current parameters with `changes` applied. */
export async function amendPolicy(ctx: AllianceContext, amendment: PolicyAmendment): Promise<PolicyDocument> {
  const current = await ctx.policy();
  const next: PolicyDocument = {
    version: current.version + 1,
    parameters: { ...current.parameters, ...amendment.changes },
    adoptedAt: ctx.now,
    adoptedBy: `${ctx.caller.mspId}/${ctx.caller.userId}`,
    reason: amendment.reason,
  };
  await ctx.store.put(policyVersionKey(ctx.store, next.version), next);
  await ctx.store.put(CURRENT_POLICY_KEY, next);
  ctx.emit(
    'policy.amended',
    { kind: 'policy', id: String(next.version) },
    {
      changes: amendment.changes,
      previousVersion: current.version,
      reason: amendment.reason,
    },
  );
  return next;
}
