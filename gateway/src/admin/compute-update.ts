import { common } from '@hyperledger/fabric-protos';
import { AdminError } from './errors';

// A ConfigUpdate names what it depends on (read set) and what it sets (write set). The orderer
// applies only the write-set elements whose version differs from the read set's, and checks each
// against the modification policy of the element it replaces. So the sets must be minimal:
// unchanged elements appear as bare versions, and only a group whose membership (or mod_policy)
// changes is rewritten whole, at its next version.

/** Read set, write set and whether anything under a group changed. */
interface GroupUpdate {
  readonly read: common.ConfigGroup;
  readonly write: common.ConfigGroup;
  readonly changed: boolean;
}

/** What comparing one map (policies, values or groups) of a group yields. */
interface MapUpdate<T> {
  /** Read-set entries of changed members (groups only: values and policies never enter the read set). */
  readonly read: Map<string, T>;
  /** Write-set entries of changed and added members. */
  readonly write: Map<string, T>;
  /** Bare versions of unchanged members, kept in case the group is rewritten whole. */
  readonly same: Map<string, T>;
  /** True when a member was added or removed. */
  readonly membership: boolean;
}

/** How to compare and copy one kind of config element. */
interface ElementKind<T> {
  equal(a: T, b: T): boolean;
  versionOnly(version: number): T;
  /** The updated element at `version`, carrying its new content and mod_policy. */
  written(updated: T, version: number): T;
  version(e: T): number;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

/** Policies compare as protobuf messages: both absent, or same type and value bytes. */
function policyEqual(a: common.Policy | undefined, b: common.Policy | undefined): boolean {
  if (!a || !b) return a === b;
  return a.getType() === b.getType() && bytesEqual(a.getValue_asU8(), b.getValue_asU8());
}

function configPolicy(version: number, from?: common.ConfigPolicy): common.ConfigPolicy {
  const p = new common.ConfigPolicy();
  p.setVersion(version);
  if (from) {
    p.setModPolicy(from.getModPolicy());
    p.setPolicy(from.getPolicy());
  }
  return p;
}

function configValue(version: number, from?: common.ConfigValue): common.ConfigValue {
  const v = new common.ConfigValue();
  v.setVersion(version);
  if (from) {
    v.setModPolicy(from.getModPolicy());
    v.setValue(from.getValue_asU8());
  }
  return v;
}

const POLICY: ElementKind<common.ConfigPolicy> = {
  equal: (a, b) => a.getModPolicy() === b.getModPolicy() && policyEqual(a.getPolicy(), b.getPolicy()),
  versionOnly: (version) => configPolicy(version),
  written: (u, version) => configPolicy(version, u),
  version: (e) => e.getVersion(),
};

const VALUE: ElementKind<common.ConfigValue> = {
  equal: (a, b) => a.getModPolicy() === b.getModPolicy() && bytesEqual(a.getValue_asU8(), b.getValue_asU8()),
  versionOnly: (version) => configValue(version),
  written: (u, version) => configValue(version, u),
  version: (e) => e.getVersion(),
};

/** Entries of a protobuf map as a plain Map (jspb maps have no entries iterator in their typings). */
function entriesOf<T>(m: { forEach(cb: (v: T, k: string) => void): void }): Map<string, T> {
  const out = new Map<string, T>();
  m.forEach((v, k) => out.set(k, v));
  return out;
}

/** Compares a map of values or policies: changed members are rewritten at version+1, added ones at 0. */
function compareElements<T>(
  kind: ElementKind<T>,
  original: Map<string, T>,
  updated: Map<string, T>,
): MapUpdate<T> {
  const write = new Map<string, T>();
  const same = new Map<string, T>();
  let membership = false;
  for (const [name, before] of original) {
    const after = updated.get(name);
    if (after === undefined) membership = true;
    else if (kind.equal(before, after)) same.set(name, kind.versionOnly(kind.version(before)));
    else write.set(name, kind.written(after, kind.version(before) + 1));
  }
  for (const [name, after] of updated) {
    if (original.has(name)) continue;
    membership = true;
    write.set(name, kind.written(after, 0));
  }
  return { read: new Map(), write, same, membership };
}

/** Compares a map of groups, recursing into each; a new group is written whole at version 0. */
function compareGroups(
  original: Map<string, common.ConfigGroup>,
  updated: Map<string, common.ConfigGroup>,
): MapUpdate<common.ConfigGroup> {
  const read = new Map<string, common.ConfigGroup>();
  const write = new Map<string, common.ConfigGroup>();
  const same = new Map<string, common.ConfigGroup>();
  let membership = false;
  for (const [name, before] of original) {
    const after = updated.get(name);
    if (after === undefined) {
      membership = true;
      continue;
    }
    const sub = compareGroup(before, after);
    if (!sub.changed) same.set(name, sub.read);
    else {
      read.set(name, sub.read);
      write.set(name, sub.write);
    }
  }
  for (const [name, after] of updated) {
    if (original.has(name)) continue;
    membership = true;
    // Everything inside a new group is new: its elements are written at version 0.
    const written = compareGroup(new common.ConfigGroup(), after).write;
    written.setVersion(0);
    written.setModPolicy(after.getModPolicy());
    write.set(name, written);
  }
  return { read, write, same, membership };
}

/** A group holding the given members. */
function group(
  version: number,
  parts: {
    policies: Map<string, common.ConfigPolicy>;
    values: Map<string, common.ConfigValue>;
    groups: Map<string, common.ConfigGroup>;
  },
  modPolicy?: string,
): common.ConfigGroup {
  const g = new common.ConfigGroup();
  g.setVersion(version);
  for (const [k, v] of parts.policies) g.getPoliciesMap().set(k, v);
  for (const [k, v] of parts.values) g.getValuesMap().set(k, v);
  for (const [k, v] of parts.groups) g.getGroupsMap().set(k, v);
  if (modPolicy !== undefined) g.setModPolicy(modPolicy);
  return g;
}

function compareGroup(original: common.ConfigGroup, updated: common.ConfigGroup): GroupUpdate {
  const policies = compareElements(
    POLICY,
    entriesOf(original.getPoliciesMap()),
    entriesOf(updated.getPoliciesMap()),
  );
  const values = compareElements(
    VALUE,
    entriesOf(original.getValuesMap()),
    entriesOf(updated.getValuesMap()),
  );
  const groups = compareGroups(entriesOf(original.getGroupsMap()), entriesOf(updated.getGroupsMap()));
  const version = original.getVersion();
  const rewritten =
    policies.membership ||
    values.membership ||
    groups.membership ||
    original.getModPolicy() !== updated.getModPolicy();
  if (!rewritten) {
    // Same membership: both sets keep the group's version and list only the changed members.
    return {
      read: group(version, { policies: policies.read, values: values.read, groups: groups.read }),
      write: group(version, { policies: policies.write, values: values.write, groups: groups.write }),
      changed: [policies, values, groups].some((m) => m.write.size > 0),
    };
  }
  // Membership changed: the group is rewritten at its next version and must list every member,
  // the unchanged ones at their current versions (read and write alike).
  const withSame = <T>(m: MapUpdate<T>, side: 'read' | 'write'): Map<string, T> =>
    new Map([...m[side], ...m.same]);
  return {
    read: group(version, {
      policies: withSame(policies, 'read'),
      values: withSame(values, 'read'),
      groups: withSame(groups, 'read'),
    }),
    write: group(
      version + 1,
      {
        policies: withSame(policies, 'write'),
        values: withSame(values, 'write'),
        groups: withSame(groups, 'write'),
      },
      updated.getModPolicy(),
    ),
    changed: true,
  };
}

/**
 * Computes the ConfigUpdate that turns `original` into `updated`, with the read and write sets and
 * versions the orderer expects (the same sets as configtxlator's compute_update): unchanged elements
 * omitted or carried as bare versions, version bumps only on changed elements, new elements at 0.
 * @param original - the channel's current config
 * @param updated - the config wanted
 * @param channelId - the channel the update is for
 * @throws {@link AdminError} `CONFIG_INVALID` when a config has no channel group, `NO_DIFFERENCES` when they are equal
 */
export function computeConfigUpdate(
  original: common.Config,
  updated: common.Config,
  channelId: string,
): common.ConfigUpdate {
  const before = original.getChannelGroup();
  const after = updated.getChannelGroup();
  if (!before) throw new AdminError('CONFIG_INVALID', 'the original config has no channel group');
  if (!after) throw new AdminError('CONFIG_INVALID', 'the updated config has no channel group');
  const { read, write, changed } = compareGroup(before, after);
  if (!changed)
    throw new AdminError(
      'NO_DIFFERENCES',
      'the updated config is the same as the original: there is nothing to update',
    );
  const update = new common.ConfigUpdate();
  update.setChannelId(channelId);
  update.setReadSet(read);
  update.setWriteSet(write);
  return update;
}
