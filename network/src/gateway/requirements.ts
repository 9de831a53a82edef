import { common, ledger, peer } from '@hyperledger/fabric-protos';
import { channelPolicySatisfiedBy, envelopeSatisfiedBy } from './org-satisfaction';
import type { EndorsementRequirement } from './plan';

/** Where the gateway looks up the policies that govern a transaction's writes. */
export interface PolicySources {
  readonly config: common.Config;
  /** peer.ApplicationPolicy bytes of a chaincode (namespace), undefined if not defined. */
  chaincodePolicy(namespace: string): Uint8Array | undefined;
  /** Committed key-level policy (SignaturePolicyEnvelope bytes) of a key, if any. */
  keyPolicy(namespace: string, key: string): Uint8Array | undefined;
}

/**
 * The policies a transaction must satisfy, as the validator will check them: for each key the
 * first endorsement writes (values or metadata), the key's committed key-level policy, else
 * its chaincode's policy; and the invoked chaincode's policy when no key-level policy covered
 * its writes.
 */
export function endorsementRequirements(
  invoked: string,
  rwsetBytes: Uint8Array,
  sources: PolicySources,
): EndorsementRequirement[] {
  const requirements = new Map<string, EndorsementRequirement>();
  const addChaincode = (ns: string): void => {
    const key = `cc:${ns}`;
    if (!requirements.has(key)) requirements.set(key, chaincodeRequirement(ns, sources));
  };
  let invokedChecked = false;
  for (const nsRwset of ledger.rwset.TxReadWriteSet.deserializeBinary(rwsetBytes).getNsRwsetList()) {
    const ns = nsRwset.getNamespace();
    const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(nsRwset.getRwset_asU8());
    const keys = new Set([
      ...kv.getWritesList().map((w) => w.getKey()),
      ...kv.getMetadataWritesList().map((w) => w.getKey()),
    ]);
    for (const key of keys) {
      const policy = sources.keyPolicy(ns, key);
      if (policy) {
        requirements.set(`key:${ns}:${key}`, envelopeRequirement(`key-level policy of ${ns}/${key}`, policy));
      } else {
        addChaincode(ns);
      }
      if (ns === invoked) invokedChecked = true;
    }
  }
  if (!invokedChecked) addChaincode(invoked);
  return [...requirements.values()];
}

function envelopeRequirement(description: string, envelopeBytes: Uint8Array): EndorsementRequirement {
  const envelope = common.SignaturePolicyEnvelope.deserializeBinary(envelopeBytes);
  return { description, satisfiedBy: (orgs) => envelopeSatisfiedBy(envelope, orgs) };
}

/** The requirement of a chaincode's own endorsement policy (never satisfied when it is not defined). */
export function chaincodeRequirement(ns: string, sources: PolicySources): EndorsementRequirement {
  const description = `endorsement policy of chaincode ${ns}`;
  const bytes = sources.chaincodePolicy(ns);
  if (!bytes) return { description, satisfiedBy: () => false };
  const policy = peer.ApplicationPolicy.deserializeBinary(bytes);
  const envelope = policy.getSignaturePolicy();
  if (envelope) return { description, satisfiedBy: (orgs) => envelopeSatisfiedBy(envelope, orgs) };
  const path = policy.getChannelConfigPolicyReference();
  return { description, satisfiedBy: (orgs) => channelPolicyVerdict(sources.config, path, orgs) };
}

/** Channel policy verdicts by org list, per channel config (a config update brings a new object). */
const verdictsByConfig = new WeakMap<common.Config, Map<string, boolean>>();

/**
 * {@link channelPolicySatisfiedBy}, remembered: it walks the config tree and decodes its policies,
 * and every submit plans against the same channel policy with the same org lists.
 */
function channelPolicyVerdict(config: common.Config, path: string, orgs: readonly string[]): boolean {
  let verdicts = verdictsByConfig.get(config);
  if (!verdicts) {
    verdicts = new Map();
    verdictsByConfig.set(config, verdicts);
  }
  const key = `${path}\u0000${orgs.join('\u0000')}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    verdict = channelPolicySatisfiedBy(config, path, orgs);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(key, verdict);
  }
  return verdict;
}

/** Bound on remembered verdicts per config (org lists are drawn from the channel's members). */
const MAX_VERDICTS = 4096;
