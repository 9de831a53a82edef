import { randomBytes } from 'node:crypto';
import { common } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';

/** Who signs an envelope: a serialized identity and its signing function. */
export interface EnvelopeSigner {
  readonly serialized: Uint8Array;
  sign(data: Uint8Array): Uint8Array;
}

const NONCE_BYTES = 24;

/**
 * A signed envelope as Fabric's `CreateSignedEnvelope` makes it: a channel header (type,
 * channel, timestamp in whole seconds, no tx id), a signature header (the signer, a fresh
 * nonce), `data` as the payload data, and the signer's signature over the payload bytes.
 */
export function signedEnvelope(
  type: number,
  channelId: string,
  data: Uint8Array,
  signer: EnvelopeSigner,
  now = new Date(),
): common.Envelope {
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(type);
  channelHeader.setChannelId(channelId);
  const timestamp = new Timestamp();
  timestamp.setSeconds(Math.floor(now.getTime() / 1000));
  channelHeader.setTimestamp(timestamp);
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(signer.serialized);
  signatureHeader.setNonce(randomBytes(NONCE_BYTES));
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(data);
  const payloadBytes = payload.serializeBinary();
  const envelope = new common.Envelope();
  envelope.setPayload(payloadBytes);
  envelope.setSignature(signer.sign(payloadBytes));
  return envelope;
}
