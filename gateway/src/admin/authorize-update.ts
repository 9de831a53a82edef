import { X509Certificate } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { evaluatePolicyPath, type ChannelConfigView, type PolicyOutcome } from '../verify/channel-config';
import { checkIdentity, subjectCn, type ValidIdentity } from '../verify/msp';
import { signatureProblem } from '../verify/signature';
import { fabricMspOf } from './config-edit';
import { configView } from './config-view';
import { issuedBy, normalizeSerial, readRevocationList } from './revocation';
import { elementKey, flattenGroup, modPolicyPath, type ConfigElement } from './update-elements';

/** What one ConfigSignature of an update is worth. */
export interface SignatureCheck {
  readonly mspId: string;
  /** The signer's common name. */
  readonly signer: string;
  /** Roles the signer holds in its MSP (admin, client, ...), when valid. */
  readonly roles: readonly string[];
  /** Why the signature does not count, or undefined when it does. */
  readonly problem: string | undefined;
}

/** A modification policy the update must satisfy, and whether the signatures do. */
export interface RequiredPolicy {
  /** The policy's full path, e.g. `/Channel/Application/Admins`. */
  readonly policy: string;
  /** The existing elements whose change needs it. */
  readonly elements: readonly string[];
  readonly outcome: PolicyOutcome;
}

/** The verdict on an update's signatures against the channel's current config. */
export interface UpdateAuthorization {
  /** True when the read set matches, versions are right, and every required policy is satisfied. */
  readonly authorized: boolean;
  /** Problems with the update itself (stale read set, bad versions, wrong channel). */
  readonly problems: readonly string[];
  readonly signatures: readonly SignatureCheck[];
  readonly required: readonly RequiredPolicy[];
  /** Elements the update creates (no policy is checked for those, as on the orderer). */
  readonly created: readonly string[];
}

/** True when the certificate's serial is in a CRL its issuer signed, in its MSP's revocation list. */
function revoked(config: common.Config, identity: ValidIdentity): boolean {
  let found = false;
  config
    .getChannelGroup()
    ?.getGroupsMap()
    .forEach((section: common.ConfigGroup) => {
      section.getGroupsMap().forEach((org: common.ConfigGroup) => {
        const fabric = fabricMspOf(org);
        if (fabric?.getName() !== identity.mspId) return;
        const serial = normalizeSerial(identity.certificate.serialNumber);
        for (const bytes of fabric.getRevocationListList_asU8()) {
          const list = readRevocationList(bytes);
          const issuer = fabric
            .getRootCertsList_asU8()
            .concat(fabric.getIntermediateCertsList_asU8())
            .map((c) => Buffer.from(c).toString('utf8'))
            .find((ca) => identity.certificate.checkIssued(new X509Certificate(ca)));
          if (issuer && issuedBy(list, issuer) && list.revoked.some((r) => r.serial === serial)) found = true;
        }
      });
    });
  return found;
}

function checkSignature(
  view: ChannelConfigView,
  config: common.Config,
  updateBytes: Uint8Array,
  sig: common.ConfigSignature,
  at: Date,
): { check: SignatureCheck; identity?: ValidIdentity } {
  const headerBytes = sig.getSignatureHeader_asU8();
  let creator: Uint8Array;
  try {
    creator = common.SignatureHeader.deserializeBinary(headerBytes).getCreator_asU8();
  } catch {
    return { check: { mspId: '?', signer: '?', roles: [], problem: 'signature header cannot be decoded' } };
  }
  const checked = checkIdentity(view.msps, creator, at);
  if (!checked.ok) return { check: { mspId: '?', signer: '?', roles: [], problem: checked.reason } };
  const id = checked.identity;
  const base = { mspId: id.mspId, signer: subjectCn(id.certificate), roles: [...id.roles] };
  const problem =
    signatureProblem(id.certificate, Buffer.concat([headerBytes, updateBytes]), sig.getSignature_asU8()) ??
    (revoked(config, id) ? 'the certificate is revoked by its MSP' : undefined);
  return problem ? { check: { ...base, problem } } : { check: { ...base, problem: undefined }, identity: id };
}

/** Checks the read set and versions of the write set's delta; returns the delta's existing and new elements. */
function deltaOf(
  current: Map<string, ConfigElement>,
  update: common.ConfigUpdate,
  channelId: string,
): { problems: string[]; changed: ConfigElement[]; created: string[] } {
  const problems: string[] = [];
  if (update.getChannelId() !== channelId)
    problems.push(`the update is for channel ${update.getChannelId()}, the config is channel ${channelId}'s`);
  const readSet = update.getReadSet();
  const writeSet = update.getWriteSet();
  const read = readSet ? flattenGroup(readSet) : new Map<string, ConfigElement>();
  for (const [key, e] of read) {
    const now = current.get(key);
    if (!now)
      problems.push(
        `${key} is in the read set but not in the channel config (the update is stale: recompute it)`,
      );
    else if (now.version !== e.version)
      problems.push(
        `${key} is at version ${now.version}, the update read version ${e.version} (the update is stale: recompute it)`,
      );
  }
  const changed: ConfigElement[] = [];
  const created: string[] = [];
  for (const [key, e] of writeSet ? flattenGroup(writeSet) : []) {
    if (read.get(key)?.version === e.version) continue;
    const now = current.get(key);
    if (!e.modPolicy) problems.push(`${key} has no mod_policy`);
    if (!now) {
      if (e.version !== 0) problems.push(`${key} is new but written at version ${e.version}, not 0`);
      created.push(key);
    } else if (e.version !== now.version + 1)
      problems.push(`${key} is written at version ${e.version}, but it is at ${now.version}`);
    else changed.push(now);
  }
  if (changed.length === 0 && created.length === 0) problems.push('the update changes nothing');
  return { problems, changed, created };
}

/**
 * Checks an update and its signatures against the channel's current config as the orderer will:
 * the read set must match the config's versions, every changed element's version must be its
 * current one plus one, and the signatures (each verified, from a valid, unrevoked member) must
 * satisfy the mod_policy of every existing element the update changes.
 * @param config - the channel's current config
 * @param envelope - the update with the signatures collected so far
 * @param channelId - the channel's name
 */
export function checkUpdateAuthorization(
  config: common.Config,
  envelope: common.ConfigUpdateEnvelope,
  channelId: string,
  at = new Date(),
): UpdateAuthorization {
  const view = configView(config, channelId);
  const updateBytes = envelope.getConfigUpdate_asU8();
  const update = common.ConfigUpdate.deserializeBinary(updateBytes);
  const root = config.getChannelGroup();
  const { problems, changed, created } = deltaOf(
    root ? flattenGroup(root) : new Map<string, ConfigElement>(),
    update,
    channelId,
  );
  const checks = envelope.getSignaturesList().map((s) => checkSignature(view, config, updateBytes, s, at));
  const signers = checks.flatMap((c) => (c.identity ? [c.identity] : []));
  const byPolicy = new Map<string, string[]>();
  for (const e of changed)
    byPolicy.set(modPolicyPath(e), [...(byPolicy.get(modPolicyPath(e)) ?? []), elementKey(e)]);
  const required = [...byPolicy].map(([policy, elements]) => ({
    policy,
    elements,
    outcome: evaluatePolicyPath(view, policy, signers),
  }));
  return {
    authorized: problems.length === 0 && required.every((r) => r.outcome.satisfied),
    problems,
    signatures: checks.map((c) => c.check),
    required,
    created,
  };
}
