import { common } from '@hyperledger/fabric-protos';
import type { SignedData } from '../policy/types';
import { configFromMap, mapConfig, validateConfigId, ROOT_GROUP, type ConfigItem } from './config-map';
import { ConfigUpdateError, wrapped } from './config-update-error';
import { sameConfigGroup } from './config-map';
import type { ChannelConfig } from './types';

/** What checking a config update needs of the channel's current config. */
export type ConfigUpdateScope = Pick<ChannelConfig, 'channelId' | 'sequence' | 'config' | 'policies'>;

function bad(message: string): ConfigUpdateError {
  return new ConfigUpdateError('BAD_CONFIG_UPDATE', message);
}

function decode<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw bad(`error unmarshalling ${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * The signatures of a config update as Fabric reads them (`ConfigUpdateEnvelopeAsSignedData`):
 * each covers `signature_header || config_update`, by the signature header's creator.
 */
export function configUpdateSignedData(envelope: common.ConfigUpdateEnvelope): SignedData[] {
  const update = envelope.getConfigUpdate_asU8();
  return envelope.getSignaturesList().map((signature, i) => {
    const headerBytes = signature.getSignatureHeader_asU8();
    const header = decode(`signature header ${i}`, () =>
      common.SignatureHeader.deserializeBinary(headerBytes),
    );
    return {
      data: Buffer.concat([headerBytes, update]),
      identity: header.getCreator_asU8(),
      signature: signature.getSignature_asU8(),
    };
  });
}

function validateModPolicy(modPolicy: string): void {
  if (modPolicy === '') throw bad('mod_policy not set');
  const trimmed = modPolicy.startsWith('/') ? modPolicy.slice(1) : modPolicy;
  trimmed.split('/').forEach((element, i) => {
    try {
      validateConfigId(element);
    } catch (err) {
      throw bad(`path element at ${i} is invalid: ${(err as Error).message}`);
    }
  });
}

/**
 * The policy path that governs changes to an existing element: an absolute mod_policy as it is;
 * a relative one inside the element's own group (groups) or its parent group (values, policies).
 */
export function modPolicyPath(item: ConfigItem): string {
  if (item.modPolicy.startsWith('/')) return item.modPolicy;
  const group = item.kind === 'group' ? [...item.path, item.name] : item.path;
  return `/${(group.length > 0 ? group : [ROOT_GROUP]).join('/')}/${item.modPolicy}`;
}

function verifyReadSet(current: ReadonlyMap<string, ConfigItem>, readSet: Map<string, ConfigItem>): void {
  for (const [key, item] of readSet) {
    const existing = current.get(key);
    if (!existing) throw bad(`existing config does not contain element for ${key} but was in the read set`);
    if (existing.version !== item.version) {
      throw bad(
        `proposed update requires that key ${key} be at version ${item.version}, but it is currently at version ${existing.version}`,
      );
    }
  }
}

function deltaOf(
  readSet: Map<string, ConfigItem>,
  writeSet: Map<string, ConfigItem>,
): Map<string, ConfigItem> {
  const delta = new Map<string, ConfigItem>();
  for (const [key, item] of writeSet) {
    if (readSet.get(key)?.version !== item.version) delta.set(key, item);
  }
  return delta;
}

function verifyDelta(
  config: ConfigUpdateScope,
  current: ReadonlyMap<string, ConfigItem>,
  delta: Map<string, ConfigItem>,
  signed: SignedData[],
): void {
  if (delta.size === 0) throw bad('delta set was empty -- update would have no effect');
  // Sorted, so that the first failure reported is the same on every node.
  for (const key of [...delta.keys()].sort()) {
    const item = delta.get(key) as ConfigItem;
    try {
      validateModPolicy(item.modPolicy);
    } catch (err) {
      throw wrapped(err, `invalid mod_policy for element ${key}`);
    }
    const existing = current.get(key);
    if (!existing) {
      if (item.version !== 0)
        throw bad(`attempted to set key ${key} to version ${item.version}, but key does not exist`);
      continue;
    }
    if (item.version !== existing.version + 1) {
      throw bad(
        `attempt to set key ${key} to version ${item.version}, but key is at version ${existing.version}`,
      );
    }
    const path = modPolicyPath(existing);
    if (!config.policies.has(path))
      throw bad(`unexpected missing policy ${existing.modPolicy} for item ${key}`);
    const failure = config.policies.failure(path, signed);
    if (failure !== undefined)
      throw new ConfigUpdateError('POLICY_NOT_SATISFIED', `policy for ${key} not satisfied: ${failure}`);
  }
}

/**
 * Checks a config update against the channel's current config as Fabric's configtx validator
 * does (`authorizeUpdate`): channel id, read set versions, the delta's versions and each changed
 * element's mod_policy against the update's signatures; returns the new channel group (the
 * delta overlaid on the current config). Throws ConfigUpdateError with Fabric's messages.
 */
export function authorizeConfigUpdate(
  config: ConfigUpdateScope,
  envelope: common.ConfigUpdateEnvelope,
): common.ConfigGroup {
  const update = decode('config update', () =>
    common.ConfigUpdate.deserializeBinary(envelope.getConfigUpdate_asU8()),
  );
  if (update.getChannelId() !== config.channelId) {
    throw bad(
      `ConfigUpdate for channel '${update.getChannelId()}' but envelope for channel '${config.channelId}'`,
    );
  }
  const current = mapConfig(config.config.getChannelGroup());
  const readSet = mapConfig(update.getReadSet());
  try {
    verifyReadSet(current, readSet);
  } catch (err) {
    throw wrapped(err, 'error validating ReadSet');
  }
  const writeSet = mapConfig(update.getWriteSet());
  const delta = deltaOf(readSet, writeSet);
  try {
    verifyDelta(config, current, delta, configUpdateSignedData(envelope));
  } catch (err) {
    throw wrapped(err, 'error validating DeltaSet');
  }
  const proposed = new Map([...current, ...delta]);
  return configFromMap(proposed);
}

/**
 * The ConfigUpdateEnvelope inside a CONFIG_UPDATE envelope (`EnvelopeToConfigUpdate`); throws
 * ConfigUpdateError when the envelope is not one.
 */
export function configUpdateOf(envelope: common.Envelope): common.ConfigUpdateEnvelope {
  const payload = decode('payload', () => common.Payload.deserializeBinary(envelope.getPayload_asU8()));
  const header = payload.getHeader();
  if (!header) throw bad('bad payload: missing header');
  const channelHeader = decode('channel header', () =>
    common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()),
  );
  if (channelHeader.getType() !== common.HeaderType.CONFIG_UPDATE)
    throw bad(`not a tx of type CONFIG_UPDATE: type ${channelHeader.getType()}`);
  return decode('config update envelope', () =>
    common.ConfigUpdateEnvelope.deserializeBinary(payload.getData_asU8()),
  );
}

/**
 * What the orderer makes of a CONFIG_UPDATE envelope (`ProposeConfigUpdate`): the next config
 * (sequence + 1) with the update as its `last_update`.
 */
export function proposeConfigUpdate(
  config: ConfigUpdateScope,
  envelope: common.Envelope,
): common.ConfigEnvelope {
  let group: common.ConfigGroup;
  try {
    group = authorizeConfigUpdate(config, configUpdateOf(envelope));
  } catch (err) {
    throw wrapped(err, 'error authorizing update');
  }
  const next = new common.Config();
  next.setSequence(config.sequence + 1);
  next.setChannelGroup(group);
  const result = new common.ConfigEnvelope();
  result.setConfig(next);
  result.setLastUpdate(envelope);
  return result;
}

/**
 * Re-validates a committed CONFIG transaction's ConfigEnvelope on a peer (configtx `Validate`):
 * its sequence follows the current one, and re-applying its `last_update` to the current config
 * (with every signature and mod_policy check) yields exactly the config it carries.
 */
export function validateConfigEnvelope(
  config: ConfigUpdateScope,
  envelope: common.ConfigEnvelope,
): common.Config {
  const next = envelope.getConfig();
  if (!next?.getChannelGroup()) throw bad('config envelope has no config');
  if (next.getSequence() !== config.sequence + 1)
    throw bad(
      `config currently at sequence ${config.sequence}, cannot validate config at sequence ${next.getSequence()}`,
    );
  const lastUpdate = envelope.getLastUpdate();
  if (!lastUpdate) throw bad('config envelope has no last_update');
  let group: common.ConfigGroup;
  try {
    group = authorizeConfigUpdate(config, configUpdateOf(lastUpdate));
  } catch (err) {
    throw wrapped(err, 'error authorizing update');
  }
  if (!sameConfigGroup(group, next.getChannelGroup() as common.ConfigGroup))
    throw bad('ConfigEnvelope LastUpdate did not produce the supplied config result');
  return next;
}
