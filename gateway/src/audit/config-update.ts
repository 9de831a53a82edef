import { common } from '@hyperledger/fabric-protos';
import { evaluatePolicyPath, type ChannelConfigView } from '../verify/channel-config';
import type { ValidIdentity } from '../verify/msp';
import type { IdentityResolver } from './identities';
import type { PreparedConfig, SignatureSlot } from './prepare-block';
import type { SignatureVerdict } from './signature-pool';

/** One element of a config tree: a group, a value or a policy, by path. */
interface Element {
  readonly kind: 'group' | 'value' | 'policy';
  readonly version: number;
  readonly modPolicy: string;
  /** What the element holds: value or policy bytes; a group's member names. */
  readonly content: string;
}

/** Flattens a config group into `path -> element` (`/Channel/Application/values/ACLs`, ...). */
export function flattenConfig(
  group: common.ConfigGroup,
  path = '/Channel',
  out = new Map<string, Element>(),
): Map<string, Element> {
  const members: string[] = [];
  group.getGroupsMap().forEach((g: common.ConfigGroup, name: string) => {
    members.push(`g:${name}`);
    flattenConfig(g, `${path}/${name}`, out);
  });
  group.getValuesMap().forEach((v: common.ConfigValue, name: string) => {
    members.push(`v:${name}`);
    out.set(`${path}/values/${name}`, {
      kind: 'value',
      version: v.getVersion(),
      modPolicy: v.getModPolicy(),
      content: Buffer.from(v.getValue_asU8()).toString('base64'),
    });
  });
  group.getPoliciesMap().forEach((p: common.ConfigPolicy, name: string) => {
    members.push(`p:${name}`);
    out.set(`${path}/policies/${name}`, {
      kind: 'policy',
      version: p.getVersion(),
      modPolicy: p.getModPolicy(),
      content: Buffer.from(p.getPolicy()?.serializeBinary() ?? []).toString('base64'),
    });
  });
  out.set(path, {
    kind: 'group',
    version: group.getVersion(),
    modPolicy: group.getModPolicy(),
    content: members.sort().join(','),
  });
  return out;
}

/** The group path an element's relative mod_policy resolves in: the group itself, or a value's or policy's group. */
function policyPath(path: string, e: Element): string {
  if (e.modPolicy.startsWith('/')) return e.modPolicy;
  const group = e.kind === 'group' ? path : path.replace(/\/(values|policies)\/[^/]+$/, '');
  return `${group}/${e.modPolicy}`;
}

/** What checking a config update needs. */
export interface ConfigUpdateScope {
  readonly current: ChannelConfigView;
  readonly identities: IdentityResolver;
  readonly verdict: (slot: SignatureSlot) => SignatureVerdict;
  readonly at: Date;
}

/**
 * Checks a config transaction against the config it replaces, as Fabric's configtx validator
 * does: the signed `ConfigUpdate` names this channel, its read set matches the current versions,
 * every element it changes moves one version up (new ones start at 0) and is authorised by the
 * current element's mod_policy over the update's valid signatures; and the new config differs
 * from the current one only where the signed update says so.
 * @returns the problems found (empty when the update holds)
 */
export function checkConfigUpdate(
  cfg: PreparedConfig,
  next: common.Config,
  scope: ConfigUpdateScope,
): string[] {
  if (!cfg.updateBytes) return ['the new configuration carries no signed config update'];
  let update: common.ConfigUpdate;
  try {
    update = common.ConfigUpdate.deserializeBinary(cfg.updateBytes);
  } catch {
    return ['the config update does not decode'];
  }
  const problems: string[] = [];
  if (update.getChannelId() !== scope.current.channelId)
    problems.push(`the update names channel ${update.getChannelId()}`);
  const current = flattenConfig(scope.current.root);
  const reads = update.getReadSet()
    ? flattenConfig(update.getReadSet() as common.ConfigGroup)
    : new Map<string, Element>();
  const writes = update.getWriteSet()
    ? flattenConfig(update.getWriteSet() as common.ConfigGroup)
    : new Map<string, Element>();
  for (const [path, r] of reads) {
    if (current.get(path)?.version !== r.version)
      problems.push(`read set: ${path} is not at version ${r.version}`);
  }
  const signers = validSigners(cfg.updateSignatures, scope, problems);
  const delta = [...writes].filter(([path, w]) => reads.get(path)?.version !== w.version);
  for (const [path, w] of delta) {
    const existing = current.get(path);
    if (!existing) {
      if (w.version !== 0) problems.push(`${path}: a new element must start at version 0`);
      continue;
    }
    if (w.version !== existing.version + 1)
      problems.push(`${path}: version ${w.version} does not follow ${existing.version}`);
    const policy = policyPath(path, existing);
    const outcome = evaluatePolicyPath(scope.current, policy, signers);
    if (!outcome.satisfied) problems.push(`${path}: mod_policy ${outcome.explanation}`);
  }
  const root = next.getChannelGroup();
  const after = root ? flattenConfig(root) : new Map<string, Element>();
  const signed = new Map(delta);
  for (const path of new Set([...current.keys(), ...after.keys()])) {
    const before = current.get(path);
    const now = after.get(path);
    if (before?.content === now?.content && before?.modPolicy === now?.modPolicy) continue;
    const w = signed.get(path) ?? signed.get(path.replace(/\/(values|policies)\/[^/]+$/, ''));
    const matches =
      now === undefined
        ? w !== undefined
        : w !== undefined &&
          (w.kind === 'group' || (w.content === now.content && w.modPolicy === now.modPolicy));
    if (!matches) problems.push(`${path} changed in the new configuration without a signed update for it`);
  }
  return problems;
}

function validSigners(
  slots: readonly SignatureSlot[],
  scope: ConfigUpdateScope,
  problems: string[],
): ValidIdentity[] {
  const out: ValidIdentity[] = [];
  slots.forEach((slot, i) => {
    const id = scope.identities.resolve(scope.current, slot.identity, scope.at);
    const problem = id.ok ? scope.verdict(slot) : id.reason;
    if (problem) problems.push(`config signature ${i}: ${problem}`);
    else if (id.ok) out.push(id.identity);
  });
  return out;
}
