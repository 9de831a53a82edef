import { common, msp, orderer, peer } from '@hyperledger/fabric-protos';
import { parseSignaturePolicy } from '../policy/parse';

/** The mod_policy configtxgen gives every group, value and policy: the enclosing group's Admins. */
export const ADMINS = 'Admins';

/** Something with serializeBinary: a config value's content. */
interface Serializable {
  serializeBinary(): Uint8Array;
}

/** A ConfigValue at version 0. */
export function configValue(content: Serializable, modPolicy = ADMINS): common.ConfigValue {
  const value = new common.ConfigValue();
  value.setValue(content.serializeBinary());
  value.setModPolicy(modPolicy);
  return value;
}

function configPolicy(type: number, content: Serializable): common.ConfigPolicy {
  const policy = new common.Policy();
  policy.setType(type);
  policy.setValue(content.serializeBinary());
  const configPolicy = new common.ConfigPolicy();
  configPolicy.setPolicy(policy);
  configPolicy.setModPolicy(ADMINS);
  return configPolicy;
}

/** A SIGNATURE config policy from the policy language: `OR('LabMSP.peer')`. */
export function signaturePolicy(text: string): common.ConfigPolicy {
  return configPolicy(common.Policy.PolicyType.SIGNATURE, parseSignaturePolicy(text));
}

/** An IMPLICIT_META config policy as configtx.yaml writes it: `MAJORITY Endorsement`. */
export function implicitMetaPolicy(text: `${'ANY' | 'ALL' | 'MAJORITY'} ${string}`): common.ConfigPolicy {
  const [rule, subPolicy] = text.split(' ') as ['ANY' | 'ALL' | 'MAJORITY', string];
  const meta = new common.ImplicitMetaPolicy();
  meta.setRule(common.ImplicitMetaPolicy.Rule[rule]);
  meta.setSubPolicy(subPolicy);
  return configPolicy(common.Policy.PolicyType.IMPLICIT_META, meta);
}

/** A ConfigGroup at version 0 with mod_policy Admins. */
export function configGroup(parts: {
  groups?: Record<string, common.ConfigGroup>;
  values?: Record<string, common.ConfigValue>;
  policies?: Record<string, common.ConfigPolicy>;
}): common.ConfigGroup {
  const group = new common.ConfigGroup();
  group.setModPolicy(ADMINS);
  for (const [k, v] of Object.entries(parts.groups ?? {})) group.getGroupsMap().set(k, v);
  for (const [k, v] of Object.entries(parts.values ?? {})) group.getValuesMap().set(k, v);
  for (const [k, v] of Object.entries(parts.policies ?? {})) group.getPoliciesMap().set(k, v);
  return group;
}

/** A Capabilities value naming the required capabilities. */
export function capabilities(names: string[]): common.ConfigValue {
  const caps = new common.Capabilities();
  for (const name of names) caps.getCapabilitiesMap().set(name, new common.Capability());
  return configValue(caps);
}

/** An MSP value holding a FabricMSPConfig. */
export function mspValue(config: msp.FabricMSPConfig): common.ConfigValue {
  const wrapper = new msp.MSPConfig();
  wrapper.setType(0); // FABRIC
  wrapper.setConfig(config.serializeBinary());
  return configValue(wrapper);
}

/** The Application ACLs value. */
export function aclsValue(acls: Record<string, string>): common.ConfigValue {
  const value = new peer.ACLs();
  for (const [resource, policyRef] of Object.entries(acls)) {
    const api = new peer.APIResource();
    api.setPolicyRef(policyRef);
    value.getAclsMap().set(resource, api);
  }
  return configValue(value);
}

/** An AnchorPeers value. */
export function anchorPeersValue(host: string, port: number): common.ConfigValue {
  const anchor = new peer.AnchorPeer();
  anchor.setHost(host);
  anchor.setPort(port);
  const value = new peer.AnchorPeers();
  value.setAnchorPeersList([anchor]);
  return configValue(value);
}

/** An OrdererAddresses value (`Endpoints` of an orderer org, or the channel-level `OrdererAddresses`). */
export function ordererAddressesValue(addresses: string[], modPolicy = ADMINS): common.ConfigValue {
  const value = new common.OrdererAddresses();
  value.setAddressesList(addresses);
  return configValue(value, modPolicy);
}

/** The orderer's BatchSize and BatchTimeout values. */
export function batchValues(batch: {
  timeoutMs: number;
  maxMessageCount: number;
  absoluteMaxBytes: number;
  preferredMaxBytes: number;
}): Record<string, common.ConfigValue> {
  const size = new orderer.BatchSize();
  size.setMaxMessageCount(batch.maxMessageCount);
  size.setAbsoluteMaxBytes(batch.absoluteMaxBytes);
  size.setPreferredMaxBytes(batch.preferredMaxBytes);
  const timeout = new orderer.BatchTimeout();
  timeout.setTimeout(`${batch.timeoutMs}ms`);
  return { BatchSize: configValue(size), BatchTimeout: configValue(timeout) };
}
