import { common } from '@hyperledger/fabric-protos';
import { signedEnvelope, type BlockSigner } from '../block';
import { parseChannelConfig, proposeConfigUpdate, wrapChannelError, type ChannelConfig } from '../channel';
import type { Admission } from './admission';

/** A config update the orderer accepted: the signed CONFIG envelope to order and the config it installs. */
export interface AcceptedConfigUpdate {
  /** The CONFIG envelope bytes, to be cut alone in its own block. */
  readonly envelope: Uint8Array;
  /** The channel config in force from that block on. */
  readonly config: ChannelConfig;
}

/**
 * Processes an admitted CONFIG_UPDATE envelope as a Fabric orderer's standard channel does
 * (`ProcessConfigUpdateMsg`): authorises the update against the current config (read set
 * versions, mod_policies against the update's signatures), builds the next config, checks that
 * it is a usable channel config, and wraps it in a CONFIG envelope the orderer signs. A refusal
 * is BAD_REQUEST with Fabric's message naming the element and the policy that failed.
 */
export function processConfigUpdate(
  envelope: common.Envelope,
  config: ChannelConfig,
  signer: BlockSigner,
): AcceptedConfigUpdate | Admission {
  const context = `error applying config update to existing channel '${config.channelId}'`;
  let next: ChannelConfig;
  let configEnvelope: common.ConfigEnvelope;
  try {
    configEnvelope = proposeConfigUpdate(config, envelope);
    next = parseChannelConfig(configEnvelope.getConfig() as common.Config, config.channelId);
  } catch (err) {
    return { status: common.Status.BAD_REQUEST, info: wrapChannelError(err, context).message };
  }
  // Signed by the orderer as Fabric's CreateSignedEnvelope does: the CONFIG tx has no tx id.
  const configTx = signedEnvelope(
    common.HeaderType.CONFIG,
    config.channelId,
    configEnvelope.serializeBinary(),
    signer,
  );
  return { envelope: configTx.serializeBinary(), config: next };
}
