import { peer } from '@hyperledger/fabric-protos';
import { DEFAULT_ACLS } from '../channel/acls';
import type { ChannelView } from './types';

/**
 * Checks a channel resource's ACL against the proposal's creator and signature. Returns
 * undefined when it passes, or the error text a Fabric peer reports.
 */
export function aclFailure(
  resource: string,
  channel: ChannelView,
  sp: peer.SignedProposal,
  creator: Uint8Array,
): string | undefined {
  const path = channel.acls[resource] ?? DEFAULT_ACLS[resource];
  if (!path) return `Unmapped policy for ${resource}`;
  const signed = [{ data: sp.getProposalBytes_asU8(), identity: creator, signature: sp.getSignature_asU8() }];
  if (channel.policies.evaluate(path, signed)) return undefined;
  return `failed evaluating policy on signed data during check policy [${path}]: [${channel.policies.explain(path, signed)}]`;
}
