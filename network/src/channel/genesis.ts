import { randomBytes } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { createBlock } from '../block/create';
import { computeTxId } from '../block/envelope';
import { setMetadataSlot } from '../block/metadata';
import type { CryptoMaterial } from '../crypto/types';
import type { NetworkDefinition } from '../definition/types';
import { channelGroup } from './groups';

/** The channel config of a new network: sequence 0, every element at version 0. */
export function buildChannelConfig(def: NetworkDefinition, crypto: CryptoMaterial): common.Config {
  const config = new common.Config();
  config.setSequence(0);
  config.setChannelGroup(channelGroup(def, crypto.orderer, crypto.orgs));
  return config;
}

/**
 * The unsigned CONFIG envelope of a genesis block, as configtxgen makes it: a header with a
 * fresh nonce and no creator, and a ConfigEnvelope holding the config.
 */
function configEnvelope(channelId: string, config: common.Config, now: Date): common.Envelope {
  const nonce = randomBytes(24);
  const timestamp = new Timestamp();
  timestamp.setSeconds(Math.floor(now.getTime() / 1000));
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.CONFIG);
  channelHeader.setVersion(1);
  channelHeader.setTimestamp(timestamp);
  channelHeader.setChannelId(channelId);
  channelHeader.setTxId(computeTxId(nonce, new Uint8Array(0)));
  channelHeader.setEpoch(0);
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setNonce(nonce);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const configEnv = new common.ConfigEnvelope();
  configEnv.setConfig(config);
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(configEnv.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope;
}

/** Block 0 of the channel: one CONFIG envelope; LAST_CONFIG and the SIGNATURES value point at block 0. */
export function buildGenesisBlock(
  def: NetworkDefinition,
  crypto: CryptoMaterial,
  now = new Date(),
): common.Block {
  const envelope = configEnvelope(def.channel, buildChannelConfig(def, crypto), now);
  const block = createBlock(0, new Uint8Array(0), [envelope.serializeBinary()]);
  const lastConfig = new common.LastConfig();
  lastConfig.setIndex(0);
  const ordererMetadata = new common.OrdererBlockMetadata();
  ordererMetadata.setLastConfig(lastConfig);
  const signatures = new common.Metadata();
  signatures.setValue(ordererMetadata.serializeBinary());
  setMetadataSlot(block, common.BlockMetadataIndex.SIGNATURES, signatures.serializeBinary());
  const lastConfigMetadata = new common.Metadata();
  lastConfigMetadata.setValue(lastConfig.serializeBinary());
  setMetadataSlot(block, common.BlockMetadataIndex.LAST_CONFIG, lastConfigMetadata.serializeBinary());
  return block;
}
