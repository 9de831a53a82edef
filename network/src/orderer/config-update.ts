import { randomBytes } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import type { BlockSigner } from '../block';
import { parseChannelConfig, proposeConfigUpdate, wrapChannelError, type ChannelConfig } from '../channel';
import type { Admission } from './admission';

/** A config update the orderer accepted: the signed CONFIG envelope to order and the config it installs. */
export interface AcceptedConfigUpdate {
  /** The CONFIG envelope bytes, to be cut alone in its own block. */
  readonly envelope: Uint8Array;
  /** The channel config in force from that block on. */
  readonly config: ChannelConfig;
}

const NONCE_BYTES = 24;

/**
 * A CONFIG envelope signed by the orderer, as Fabric's `CreateSignedEnvelope` makes it: channel
 * header (type CONFIG, channel, timestamp, no tx id) and signature header (orderer, fresh nonce).
 */
function signedConfigEnvelope(
  channelId: string,
  data: common.ConfigEnvelope,
  signer: BlockSigner,
): Uint8Array {
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.CONFIG);
  channelHeader.setChannelId(channelId);
  const timestamp = new Timestamp();
  timestamp.setSeconds(Math.floor(Date.now() / 1000));
  channelHeader.setTimestamp(timestamp);
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(signer.serialized);
  signatureHeader.setNonce(randomBytes(NONCE_BYTES));
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(data.serializeBinary());
  const payloadBytes = payload.serializeBinary();
  const envelope = new common.Envelope();
  envelope.setPayload(payloadBytes);
  envelope.setSignature(signer.sign(payloadBytes));
  return envelope.serializeBinary();
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
  return { envelope: signedConfigEnvelope(config.channelId, configEnvelope, signer), config: next };
}
