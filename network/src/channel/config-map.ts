import { common } from '@hyperledger/fabric-protos';
import { ConfigUpdateError } from './config-update-error';

/** The root group of every channel config. */
export const ROOT_GROUP = 'Channel';

/** What kind of config element an item is. */
export type ConfigItemKind = 'group' | 'value' | 'policy';

/** One element of a config tree, addressed by its fully qualified key. */
export interface ConfigItem {
  readonly kind: ConfigItemKind;
  /** The element's name in its parent group (`Application`, `MSP`, `Admins`). */
  readonly name: string;
  /** The groups above it, root first (`['Channel', 'Application']`); empty for the root. */
  readonly path: readonly string[];
  readonly group?: common.ConfigGroup;
  readonly value?: common.ConfigValue;
  readonly policy?: common.ConfigPolicy;
  readonly version: number;
  readonly modPolicy: string;
}

// The key prefixes Fabric's config map uses, so error messages name elements the same way.
const PREFIX: Record<ConfigItemKind, string> = {
  group: '[Group]  ',
  value: '[Value]  ',
  policy: '[Policy] ',
};

const CONFIG_ID = /^[a-zA-Z0-9._-]+$/;
const MAX_CONFIG_ID = 249;

/** Throws when a config element name is not a valid config id (Fabric's `validateConfigID`). */
export function validateConfigId(id: string): void {
  if (id.length === 0) throw new ConfigUpdateError('BAD_CONFIG_UPDATE', 'config ID illegal, cannot be empty');
  if (id.length > MAX_CONFIG_ID)
    throw new ConfigUpdateError(
      'BAD_CONFIG_UPDATE',
      `config ID illegal, cannot be longer than ${MAX_CONFIG_ID}`,
    );
  if (id === '.' || id === '..')
    throw new ConfigUpdateError('BAD_CONFIG_UPDATE', `config ID illegal, cannot be '.' or '..'`);
  if (!CONFIG_ID.test(id))
    throw new ConfigUpdateError(
      'BAD_CONFIG_UPDATE',
      `config ID '${id}' contains illegal characters (allowed: letters, digits, '.', '_', '-')`,
    );
}

/** The fully qualified key of an item: `[Group]  /Channel/Application`. */
export function itemKey(kind: ConfigItemKind, path: readonly string[], name: string): string {
  return `${PREFIX[kind]}/${[...path, name].join('/')}`;
}

function addItem(map: Map<string, ConfigItem>, item: ConfigItem): void {
  validateConfigId(item.name);
  map.set(itemKey(item.kind, item.path, item.name), item);
}

function addGroup(map: Map<string, ConfigItem>, path: string[], group: common.ConfigGroup): void {
  const name = path[path.length - 1] ?? ROOT_GROUP;
  const parent = path.slice(0, -1);
  addItem(map, {
    kind: 'group',
    name,
    path: parent,
    group,
    version: group.getVersion(),
    modPolicy: group.getModPolicy(),
  });
  for (const [key, child] of group.getGroupsMap().entries()) addGroup(map, [...path, key], child);
  for (const [key, value] of group.getValuesMap().entries())
    addItem(map, {
      kind: 'value',
      name: key,
      path,
      value,
      version: value.getVersion(),
      modPolicy: value.getModPolicy(),
    });
  for (const [key, policy] of group.getPoliciesMap().entries())
    addItem(map, {
      kind: 'policy',
      name: key,
      path,
      policy,
      version: policy.getVersion(),
      modPolicy: policy.getModPolicy(),
    });
}

/**
 * Flattens a config tree into its elements by fully qualified key, as Fabric's configtx does
 * before comparing a read set, a write set and the current config. An absent tree maps to nothing.
 */
export function mapConfig(root: common.ConfigGroup | undefined): Map<string, ConfigItem> {
  const map = new Map<string, ConfigItem>();
  if (root) addGroup(map, [ROOT_GROUP], root);
  return map;
}

function missing(what: string, key: string): ConfigUpdateError {
  return new ConfigUpdateError('BAD_CONFIG_UPDATE', `missing ${what} at path: ${key}`);
}

function rebuildGroup(map: ReadonlyMap<string, ConfigItem>, path: string[]): common.ConfigGroup {
  const name = path[path.length - 1] ?? ROOT_GROUP;
  const key = itemKey('group', path.slice(0, -1), name);
  const source = map.get(key)?.group;
  if (!source) throw missing('group', key);
  // A new object: the current config's groups stay untouched.
  const group = new common.ConfigGroup();
  group.setVersion(source.getVersion());
  group.setModPolicy(source.getModPolicy());
  for (const child of sortedKeys(source.getGroupsMap()))
    group.getGroupsMap().set(child, rebuildGroup(map, [...path, child]));
  for (const child of sortedKeys(source.getValuesMap())) {
    const valueKey = itemKey('value', path, child);
    const value = map.get(valueKey)?.value;
    if (!value) throw missing('value', valueKey);
    group.getValuesMap().set(child, value);
  }
  for (const child of sortedKeys(source.getPoliciesMap())) {
    const policyKey = itemKey('policy', path, child);
    const policy = map.get(policyKey)?.policy;
    if (!policy) throw missing('policy', policyKey);
    group.getPoliciesMap().set(child, policy);
  }
  return group;
}

function sortedKeys(map: { keys(): IterableIterator<string> }): string[] {
  return [...map.keys()].sort();
}

/**
 * Turns a flattened config back into its tree, from the root group down: each group keeps the
 * children its own element lists, each taken from the map by key (Fabric's `configMapToConfig`).
 */
export function configFromMap(map: ReadonlyMap<string, ConfigItem>): common.ConfigGroup {
  return rebuildGroup(map, [ROOT_GROUP]);
}

/** True when two config trees are equal element by element (versions, mod_policies, contents). */
export function sameConfigGroup(a: common.ConfigGroup, b: common.ConfigGroup): boolean {
  const left = mapConfig(a);
  const right = mapConfig(b);
  if (left.size !== right.size) return false;
  for (const [key, item] of left) {
    const other = right.get(key);
    if (!other || other.version !== item.version || other.modPolicy !== item.modPolicy) return false;
    // Equal key sets already mean equal children, so groups need no more than version and mod_policy.
    if (item.kind === 'value') {
      if (!sameBytes(item.value?.getValue_asU8(), other.value?.getValue_asU8())) return false;
    } else if (item.kind === 'policy') {
      const p = item.policy?.getPolicy();
      const q = other.policy?.getPolicy();
      if (p?.getType() !== q?.getType()) return false;
      if (!sameBytes(p?.getValue_asU8(), q?.getValue_asU8())) return false;
    }
  }
  return true;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return Buffer.from(a ?? new Uint8Array()).equals(b ?? new Uint8Array());
}
