/**
 * Keys of the governance records (member registry, policy document). They carry no key-level
 * policy: the channel's MAJORITY endorsement applies to them and adapts as members change.
 */
import type { LedgerStore } from './store';

/** Composite-key object type of member records: `member` + [mspId]. */
export const MEMBER_KEY_TYPE = 'member';

/** Composite-key object type of policy versions: `policy` + [zero-padded version]. */
export const POLICY_VERSION_KEY_TYPE = 'policy';

/** Plain key holding the policy version in force (its key history is the amendment trail). */
export const CURRENT_POLICY_KEY = 'policy.current';

/** The key of one member record. */
export function memberKey(store: LedgerStore, mspId: string): string {
  return store.key(MEMBER_KEY_TYPE, [mspId]);
}

/** The key of one policy version; zero-padded so versions scan in numeric order. */
export function policyVersionKey(store: LedgerStore, version: number): string {
  return store.key(POLICY_VERSION_KEY_TYPE, [String(version).padStart(10, '0')]);
}
