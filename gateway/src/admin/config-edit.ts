import { common, msp } from '@hyperledger/fabric-protos';
import { AdminError } from './errors';
import { mspValueBytes } from './org-definition';

/** The name of the channel's application section, where member orgs live. */
export const APPLICATION = 'Application';

/** A member org found in a config: its group name, MSP ID and group. */
export interface ConfigOrg {
  readonly name: string;
  readonly mspId: string;
  readonly group: common.ConfigGroup;
}

/** A deep copy of a config (edits never touch the original). */
export function cloneConfig(config: common.Config): common.Config {
  return common.Config.deserializeBinary(config.serializeBinary());
}

function applicationGroup(config: common.Config): common.ConfigGroup {
  const app = config.getChannelGroup()?.getGroupsMap().get(APPLICATION);
  if (!app) throw new AdminError('CONFIG_INVALID', 'the config has no Application group');
  return app;
}

/** The FabricMSPConfig of an org group, or undefined when it has none. */
export function fabricMspOf(group: common.ConfigGroup): msp.FabricMSPConfig | undefined {
  const value = group.getValuesMap().get('MSP');
  if (!value) return undefined;
  try {
    return msp.FabricMSPConfig.deserializeBinary(
      msp.MSPConfig.deserializeBinary(value.getValue_asU8()).getConfig_asU8(),
    );
  } catch (cause) {
    throw new AdminError('CONFIG_INVALID', 'an org MSP value is not a Fabric MSP config', { cause });
  }
}

/** Every member org of the config, in name order. */
export function applicationOrgs(config: common.Config): ConfigOrg[] {
  const orgs: ConfigOrg[] = [];
  applicationGroup(config)
    .getGroupsMap()
    .forEach((group: common.ConfigGroup, name: string) => {
      orgs.push({ name, mspId: fabricMspOf(group)?.getName() ?? '', group });
    });
  return orgs.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Finds a member org by its group name or its MSP ID.
 * @throws {@link AdminError} `ORG_NOT_FOUND` naming the orgs there are
 */
export function findConfigOrg(config: common.Config, nameOrMspId: string): ConfigOrg {
  const orgs = applicationOrgs(config);
  const found = orgs.find((o) => o.name === nameOrMspId) ?? orgs.find((o) => o.mspId === nameOrMspId);
  if (!found) {
    throw new AdminError(
      'ORG_NOT_FOUND',
      `no member org "${nameOrMspId}" in the channel config (there are: ${orgs.map((o) => `${o.name} (${o.mspId})`).join(', ')})`,
    );
  }
  return found;
}

/**
 * The config with a new member org in the Application group.
 * @param org - the org's group name, MSP ID and ConfigGroup (see readOrgFile)
 * @throws {@link AdminError} `ORG_EXISTS` when its name or MSP ID is taken
 */
export function withOrgAdded(
  config: common.Config,
  org: { name: string; mspId: string; group: common.ConfigGroup },
): common.Config {
  const clash = applicationOrgs(config).find((o) => o.name === org.name || o.mspId === org.mspId);
  if (clash)
    throw new AdminError(
      'ORG_EXISTS',
      `the channel already has org ${clash.name} (${clash.mspId}); choose another name and MSP ID`,
    );
  const updated = cloneConfig(config);
  applicationGroup(updated)
    .getGroupsMap()
    .set(org.name, common.ConfigGroup.deserializeBinary(org.group.serializeBinary()));
  return updated;
}

/**
 * The config without one member org (by group name or MSP ID).
 * @throws {@link AdminError} `ORG_NOT_FOUND`, or `CONFIG_INVALID` when it is the last member org
 */
export function withOrgRemoved(config: common.Config, nameOrMspId: string): common.Config {
  const org = findConfigOrg(config, nameOrMspId);
  if (applicationOrgs(config).length === 1)
    throw new AdminError(
      'CONFIG_INVALID',
      `${org.name} is the channel's last member org; a channel needs at least one`,
    );
  const updated = cloneConfig(config);
  applicationGroup(updated).getGroupsMap().del(org.name);
  return updated;
}

/**
 * The config with an org's MSP revocation list replaced: Fabric checks every listed CRL, so the
 * caller passes the whole new list (the previous CRLs of other CAs kept, the one of the revoking CA
 * replaced by its newer list).
 * @param crls - the CRLs (PEM or DER bytes) the org's MSP should list
 * @throws {@link AdminError} `ORG_NOT_FOUND`, or `CONFIG_INVALID` when the org has no MSP
 */
export function withRevocationList(
  config: common.Config,
  nameOrMspId: string,
  crls: readonly Uint8Array[],
): common.Config {
  const org = findConfigOrg(config, nameOrMspId);
  const updated = cloneConfig(config);
  const group = applicationGroup(updated).getGroupsMap().get(org.name);
  const value = group?.getValuesMap().get('MSP');
  const fabric = group && fabricMspOf(group);
  if (!value || !fabric) throw new AdminError('CONFIG_INVALID', `org ${org.name} has no MSP value`);
  fabric.setRevocationListList([...crls]);
  value.setValue(mspValueBytes(fabric));
  return updated;
}
