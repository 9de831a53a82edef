import { randomBytes } from 'node:crypto';
import { common, orderer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';

/** Who signs a seek request: a serialized identity and its signing function. */
export interface SeekSigner {
  readonly serialized: Uint8Array;
  sign(data: Uint8Array): Uint8Array;
}

/** The largest block number a seek can name without losing precision in JS (as the gateway client uses). */
export const SEEK_MAX = Number.MAX_SAFE_INTEGER;

/**
 * Builds a signed DELIVER_SEEK_INFO envelope asking for blocks `start`..`stop`, waiting for
 * blocks not yet written, as a peer sends to the orderer.
 */
export function seekEnvelope(
  channelId: string,
  start: number,
  signer: SeekSigner,
  stop = SEEK_MAX,
): common.Envelope {
  const seek = new orderer.SeekInfo();
  seek.setStart(specified(start));
  seek.setStop(specified(stop));
  seek.setBehavior(orderer.SeekInfo.SeekBehavior.BLOCK_UNTIL_READY);
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.DELIVER_SEEK_INFO);
  channelHeader.setChannelId(channelId);
  channelHeader.setTimestamp(Timestamp.fromDate(new Date()));
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(signer.serialized);
  signatureHeader.setNonce(randomBytes(24));
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(seek.serializeBinary());
  const payloadBytes = payload.serializeBinary();
  const envelope = new common.Envelope();
  envelope.setPayload(payloadBytes);
  envelope.setSignature(signer.sign(payloadBytes));
  return envelope;
}

function specified(num: number): orderer.SeekPosition {
  const position = new orderer.SeekPosition();
  const spec = new orderer.SeekSpecified();
  spec.setNumber(num);
  position.setSpecified(spec);
  return position;
}
