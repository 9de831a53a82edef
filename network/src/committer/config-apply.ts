import { common } from '@hyperledger/fabric-protos';
import type { ParsedEnvelope } from '../block';
import { parseChannelConfig, validateConfigEnvelope } from '../channel';
import type { CommitChannel } from './types';

/** A config transaction's verdict: the config it installs, or why it is INVALID_CONFIG_TRANSACTION. */
export type ConfigTxVerdict = { valid: true; config: common.Config } | { valid: false; reason: string };

/**
 * Validates a CONFIG transaction as a Fabric peer does before it applies it: the sequence
 * follows the current one, re-applying its `last_update` to the current config (read set,
 * versions, every changed element's mod_policy against the update's signatures) gives exactly
 * the config it carries, and that config makes a usable channel (MSPs, policies, orderer values).
 */
export function validateConfigTransaction(env: ParsedEnvelope, channel: CommitChannel): ConfigTxVerdict {
  let configEnvelope: common.ConfigEnvelope;
  try {
    configEnvelope = common.ConfigEnvelope.deserializeBinary(env.data);
  } catch (err) {
    return { valid: false, reason: `config envelope does not decode: ${String(err)}` };
  }
  const config = configEnvelope.getConfig();
  if (!config?.getChannelGroup()) return { valid: false, reason: 'config envelope has no config' };
  if (config.getSequence() !== channel.sequence + 1) {
    return {
      valid: false,
      reason: `config sequence ${config.getSequence()} does not follow ${channel.sequence}`,
    };
  }
  if (!channel.config) return { valid: true, config };
  try {
    validateConfigEnvelope({ ...channel, config: channel.config }, configEnvelope);
    parseChannelConfig(config, channel.channelId);
  } catch (err) {
    return { valid: false, reason: err instanceof Error ? err.message : String(err) };
  }
  return { valid: true, config };
}
