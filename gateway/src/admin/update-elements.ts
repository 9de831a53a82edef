import type { common } from '@hyperledger/fabric-protos';

/** One element of a config tree, keyed as the orderer keys it. */
export interface ConfigElement {
  readonly kind: 'Group' | 'Value' | 'Policy';
  /** Path of the enclosing group (`['Channel', 'Application']`); empty for the root group. */
  readonly path: readonly string[];
  readonly name: string;
  readonly version: number;
  readonly modPolicy: string;
}

/** The element's key, e.g. `[Value] /Channel/Application/brand/MSP`. */
export function elementKey(e: Pick<ConfigElement, 'kind' | 'path' | 'name'>): string {
  return `[${e.kind}] /${[...e.path, e.name].join('/')}`;
}

/** Every element of a group tree (the group itself included) by key. */
export function flattenGroup(
  group: common.ConfigGroup,
  name = 'Channel',
  path: readonly string[] = [],
): Map<string, ConfigElement> {
  const out = new Map<string, ConfigElement>();
  const add = (e: ConfigElement): void => {
    out.set(elementKey(e), e);
  };
  add({ kind: 'Group', path, name, version: group.getVersion(), modPolicy: group.getModPolicy() });
  const inner = [...path, name];
  group.getValuesMap().forEach((v: common.ConfigValue, k: string) => {
    add({ kind: 'Value', path: inner, name: k, version: v.getVersion(), modPolicy: v.getModPolicy() });
  });
  group.getPoliciesMap().forEach((p: common.ConfigPolicy, k: string) => {
    add({ kind: 'Policy', path: inner, name: k, version: p.getVersion(), modPolicy: p.getModPolicy() });
  });
  group.getGroupsMap().forEach((g: common.ConfigGroup, k: string) => {
    for (const [key, e] of flattenGroup(g, k, inner)) out.set(key, e);
  });
  return out;
}

/**
 * The full path of the policy that governs changes to `e`: absolute mod_policies as they are;
 * relative ones resolve inside the group itself for a group, inside the enclosing group for a
 * value or policy.
 */
export function modPolicyPath(e: ConfigElement): string {
  if (e.modPolicy.startsWith('/')) return e.modPolicy;
  const base = e.kind === 'Group' ? [...e.path, e.name] : e.path;
  return `/${[...base, e.modPolicy].join('/')}`;
}
