import { peer } from '@hyperledger/fabric-protos';
import type { ChannelView } from './types';

const READERS = '/Channel/Application/Readers';
const WRITERS = '/Channel/Application/Writers';

/** Fabric's default ACLs for the channel resources this network serves (core/aclmgmt). */
export const DEFAULT_ACLS: Readonly<Record<string, string>> = {
  'peer/Propose': WRITERS,
  'peer/ChaincodeToChaincode': WRITERS,
  'qscc/GetChainInfo': READERS,
  'qscc/GetBlockByNumber': READERS,
  'qscc/GetBlockByHash': READERS,
  'qscc/GetTransactionByID': READERS,
  'qscc/GetBlockByTxID': READERS,
  'cscc/GetConfigBlock': READERS,
  'cscc/GetChannelConfig': READERS,
  '_lifecycle/CommitChaincodeDefinition': WRITERS,
  '_lifecycle/QueryChaincodeDefinition': WRITERS,
  '_lifecycle/QueryChaincodeDefinitions': WRITERS,
  '_lifecycle/CheckCommitReadiness': WRITERS,
};

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
