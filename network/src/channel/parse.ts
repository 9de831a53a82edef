import { common, msp, orderer, peer } from '@hyperledger/fabric-protos';
import { createChannelMsps, type ChannelMspsOptions } from '../identity/channel-msps';
import { createPolicyEvaluator } from '../policy/tree';
import { defaultAcls } from './acls';
import { ChannelError } from './errors';
import type { ChannelConfig, ChannelOrg } from './types';

function malformed(message: string): ChannelError {
  return new ChannelError('MALFORMED_CONFIG', message);
}

function decodeValue<T>(
  group: common.ConfigGroup,
  key: string,
  path: string,
  decode: (bytes: Uint8Array) => T,
): T | undefined {
  const value = group.getValuesMap().get(key);
  if (!value) return undefined;
  try {
    return decode(value.getValue_asU8());
  } catch (error) {
    throw malformed(`${path}/${key} does not decode: ${(error as Error).message}`);
  }
}

function requireGroup(group: common.ConfigGroup, key: string, path: string): common.ConfigGroup {
  const child = group.getGroupsMap().get(key);
  if (!child) throw malformed(`${path} has no ${key} group`);
  return child;
}

function capabilityNames(group: common.ConfigGroup, path: string): string[] {
  const caps = decodeValue(group, 'Capabilities', path, (b) => common.Capabilities.deserializeBinary(b));
  return caps ? [...caps.getCapabilitiesMap().keys()].sort() : [];
}

/** The orgs of a group (Application or Orderer) with their FabricMSPConfigs. */
function orgsOf(
  group: common.ConfigGroup,
  path: string,
): { orgs: ChannelOrg[]; configs: msp.FabricMSPConfig[] } {
  const orgs: ChannelOrg[] = [];
  const configs: msp.FabricMSPConfig[] = [];
  for (const [name, orgGroup] of [...group.getGroupsMap().entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const mspConfig = decodeValue(orgGroup, 'MSP', `${path}/${name}`, (b) =>
      msp.MSPConfig.deserializeBinary(b),
    );
    if (!mspConfig) throw malformed(`${path}/${name} has no MSP value`);
    if (mspConfig.getType() !== 0)
      throw malformed(
        `${path}/${name} has an MSP of type ${mspConfig.getType()}; only X.509 (FABRIC) MSPs are supported`,
      );
    const fabric = msp.FabricMSPConfig.deserializeBinary(mspConfig.getConfig_asU8());
    orgs.push({ name, mspId: fabric.getName() });
    configs.push(fabric);
  }
  return { orgs, configs };
}

/** Reads a Go duration as Fabric writes BatchTimeout ('2s', '250ms', '1m30s'). */
export function parseDuration(text: string): number {
  const units: Record<string, number> = {
    h: 3_600_000,
    m: 60_000,
    s: 1000,
    ms: 1,
    us: 0.001,
    µs: 0.001,
    ns: 0.000001,
  };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text)
    throw malformed(`'${text}' is not a duration`);
  return parts.reduce((ms, [, n, unit]) => ms + Number(n) * (units[unit ?? ''] ?? 0), 0);
}

function batchOf(ordererGroup: common.ConfigGroup): ChannelConfig['batch'] {
  const path = '/Channel/Orderer';
  const size = decodeValue(ordererGroup, 'BatchSize', path, (b) => orderer.BatchSize.deserializeBinary(b));
  const timeout = decodeValue(ordererGroup, 'BatchTimeout', path, (b) =>
    orderer.BatchTimeout.deserializeBinary(b),
  );
  if (!size || !timeout) throw malformed(`${path} needs BatchSize and BatchTimeout values`);
  return {
    timeoutMs: parseDuration(timeout.getTimeout()),
    maxMessageCount: size.getMaxMessageCount(),
    absoluteMaxBytes: size.getAbsoluteMaxBytes(),
    preferredMaxBytes: size.getPreferredMaxBytes(),
  };
}

function aclsOf(application: common.ConfigGroup): Record<string, string> {
  const acls = defaultAcls();
  const configured = decodeValue(application, 'ACLs', '/Channel/Application', (b) =>
    peer.ACLs.deserializeBinary(b),
  );
  for (const [resource, api] of configured?.getAclsMap().entries() ?? []) acls[resource] = api.getPolicyRef();
  return acls;
}

function ordererAddressesOf(root: common.ConfigGroup, ordererGroup: common.ConfigGroup): string[] {
  const decode = (b: Uint8Array): common.OrdererAddresses => common.OrdererAddresses.deserializeBinary(b);
  const addresses = decodeValue(root, 'OrdererAddresses', '/Channel', decode)?.getAddressesList() ?? [];
  for (const [name, org] of ordererGroup.getGroupsMap().entries()) {
    addresses.push(
      ...(decodeValue(org, 'Endpoints', `/Channel/Orderer/${name}`, decode)?.getAddressesList() ?? []),
    );
  }
  return [...new Set(addresses)];
}

/**
 * The parsed view of any channel config (genesis or later): MSPs of every org, the policy tree,
 * orgs, batching, ACLs (Fabric's defaults overridden by the config's), orderer addresses and
 * capabilities. Throws ChannelError MALFORMED_CONFIG, or IdentityError for a bad MSP.
 */
export function parseChannelConfig(
  config: common.Config,
  channelId: string,
  options: Readonly<ChannelMspsOptions> = {},
): ChannelConfig {
  const root = config.getChannelGroup();
  if (!root) throw malformed('the config has no channel group');
  const application = requireGroup(root, 'Application', '/Channel');
  const ordererGroup = requireGroup(root, 'Orderer', '/Channel');
  const app = orgsOf(application, '/Channel/Application');
  const ord = orgsOf(ordererGroup, '/Channel/Orderer');
  // An org may serve in both groups with one MSP: configure each MSP once.
  const byId = new Map([...app.configs, ...ord.configs].map((c) => [c.getName(), c]));
  const msps = createChannelMsps([...byId.values()], options);
  return {
    channelId,
    sequence: config.getSequence(),
    config,
    msps,
    policies: createPolicyEvaluator(config, msps),
    applicationOrgs: app.orgs,
    ordererOrgs: ord.orgs,
    batch: batchOf(ordererGroup),
    acls: aclsOf(application),
    ordererAddresses: ordererAddressesOf(root, ordererGroup),
    capabilities: {
      channel: capabilityNames(root, '/Channel'),
      application: capabilityNames(application, '/Channel/Application'),
      orderer: capabilityNames(ordererGroup, '/Channel/Orderer'),
    },
  };
}
