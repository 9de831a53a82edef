import { common, peer } from '@hyperledger/fabric-protos';
import { anyRolePolicy } from '../admin/policy-text';
import type { ChannelConfigView } from '../verify/channel-config';
import { mspFromConfig } from '../verify/msp';
import type { ReplayedDefinition } from './chaincode-definitions';

/** The name prefix of an org's implicit collection (`_implicit_org_<MSP ID>`). */
export const IMPLICIT_COLLECTION_PREFIX = '_implicit_org_';

/** The implicit collection of an org. */
export const implicitCollection = (mspId: string): string => `${IMPLICIT_COLLECTION_PREFIX}${mspId}`;

/**
 * The endorsement policy of writes to a collection: its own policy, the chaincode's (`chaincode`),
 * or none because the collection does not exist for that namespace (such writes fail validation).
 */
export type CollectionPolicy =
  | { readonly kind: 'policy'; readonly policy: peer.ApplicationPolicy; readonly source: string }
  | { readonly kind: 'chaincode' }
  | { readonly kind: 'undefined'; readonly reason: string };

interface OrgGroup {
  readonly name: string;
  readonly group: common.ConfigGroup;
}

/** Application org groups by MSP ID, per config (MSP configs are parsed once). */
const groupsByMsp = new WeakMap<ChannelConfigView, ReadonlyMap<string, OrgGroup>>();

/** The channel's application org groups (name in the config and group) by MSP ID. */
export function applicationGroups(config: ChannelConfigView): ReadonlyMap<string, OrgGroup> {
  let groups = groupsByMsp.get(config);
  if (groups) return groups;
  const found = new Map<string, OrgGroup>();
  config.root
    .getGroupsMap()
    .get('Application')
    ?.getGroupsMap()
    .forEach((group: common.ConfigGroup, name: string) => {
      const value = group.getValuesMap().get('MSP');
      if (value) found.set(mspFromConfig(value.getValue_asU8()).mspId, { name, group });
    });
  groupsByMsp.set(config, (groups = found));
  return groups;
}

/**
 * The policy Fabric's lifecycle gives a collection at validation: an org's implicit collection is
 * endorsed under that org's `Endorsement` policy (or by any member of the org when the channel
 * defines none), for every chaincode and for `_lifecycle`; an explicit collection of the
 * definition under its own endorsement policy, else the chaincode's; any other name is no
 * collection at all.
 */
export function collectionPolicy(
  config: ChannelConfigView,
  definition: ReplayedDefinition | undefined,
  collection: string,
): CollectionPolicy {
  if (collection.startsWith(IMPLICIT_COLLECTION_PREFIX)) {
    const mspId = collection.slice(IMPLICIT_COLLECTION_PREFIX.length);
    const org = applicationGroups(config).get(mspId);
    if (!org) return { kind: 'undefined', reason: `no org of the channel has MSP ID ${mspId}` };
    const path = `/Channel/Application/${org.name}/Endorsement`;
    if (org.group.getPoliciesMap().has('Endorsement'))
      return { kind: 'policy', policy: reference(path), source: path };
    return { kind: 'policy', policy: anyMemberOf(mspId), source: `any member of ${mspId}` };
  }
  const declared = definition?.collections
    .getConfigList()
    .find((c) => c.getStaticCollectionConfig()?.getName() === collection);
  if (!declared) return { kind: 'undefined', reason: `no collection ${collection} in the definition` };
  const own = declared.getStaticCollectionConfig()?.getEndorsementPolicy();
  return own && own.getTypeCase() !== peer.ApplicationPolicy.TypeCase.TYPE_NOT_SET
    ? { kind: 'policy', policy: own, source: `collection ${collection}'s endorsement policy` }
    : { kind: 'chaincode' };
}

function reference(path: string): peer.ApplicationPolicy {
  const p = new peer.ApplicationPolicy();
  p.setChannelConfigPolicyReference(path);
  return p;
}

/** A signature policy any member of the org satisfies (one signature), as Fabric's default for an org without one. */
function anyMemberOf(mspId: string): peer.ApplicationPolicy {
  const p = new peer.ApplicationPolicy();
  p.setSignaturePolicy(
    common.SignaturePolicyEnvelope.deserializeBinary(anyRolePolicy(mspId, ['member']).getValue_asU8()),
  );
  return p;
}
