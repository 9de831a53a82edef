import { createHash } from 'node:crypto';
import { common, peer } from '@hyperledger/fabric-protos';
import { TxParseError } from './errors';

const Code = peer.TxValidationCode;

/** Header types a committer accepts in a channel header (msgvalidation.go `validateChannelHeader`). */
const ACCEPTED_HEADER_TYPES: ReadonlySet<number> = new Set([
  common.HeaderType.ENDORSER_TRANSACTION,
  common.HeaderType.CONFIG_UPDATE,
  common.HeaderType.CONFIG,
]);

/** A proposal/transaction time as the client wrote it in the channel header. */
export interface TxTimestamp {
  seconds: number;
  nanos: number;
}

/** An envelope taken apart down to its headers, keeping every original byte string. */
export interface ParsedEnvelope {
  readonly envelopeBytes: Uint8Array;
  /** `Envelope.payload` exactly as received: what the creator signed. */
  readonly payloadBytes: Uint8Array;
  readonly signature: Uint8Array;
  readonly payload: common.Payload;
  readonly channelHeaderBytes: Uint8Array;
  readonly channelHeader: common.ChannelHeader;
  readonly signatureHeaderBytes: Uint8Array;
  readonly signatureHeader: common.SignatureHeader;
  /** The creator's msp.SerializedIdentity bytes. */
  readonly creator: Uint8Array;
  readonly nonce: Uint8Array;
  readonly type: number;
  readonly channelId: string;
  readonly txId: string;
  readonly timestamp: TxTimestamp;
  /** `Payload.data`: a Transaction, ConfigEnvelope, ... depending on `type`. */
  readonly data: Uint8Array;
}

/** Decodes protobuf bytes, turning a decoder failure into a coded parse error. */
export function decodeOr<T>(code: number, what: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    throw new TxParseError(code, `${what} does not decode: ${String(err)}`);
  }
}

/** hex(SHA-256(nonce || creator)): the only transaction id Fabric accepts (protoutil `ComputeTxID`). */
export function computeTxId(nonce: Uint8Array, creator: Uint8Array): string {
  return createHash('sha256').update(nonce).update(creator).digest('hex');
}

/**
 * Parses an envelope and checks its common header as a Fabric 2.5 committer does
 * (msgvalidation.go `ValidateTransaction` up to the signature check). Throws TxParseError with
 * INVALID_OTHER_REASON (envelope undecodable), BAD_PAYLOAD or BAD_COMMON_HEADER. Signatures are
 * not checked here.
 */
export function parseEnvelope(envelopeBytes: Uint8Array): ParsedEnvelope {
  const envelope = decodeOr(Code.INVALID_OTHER_REASON, 'envelope', () =>
    common.Envelope.deserializeBinary(envelopeBytes),
  );
  const payloadBytes = envelope.getPayload_asU8();
  const payload = decodeOr(Code.BAD_PAYLOAD, 'payload', () => common.Payload.deserializeBinary(payloadBytes));
  const header = payload.getHeader();
  if (!header) throw new TxParseError(Code.BAD_COMMON_HEADER, 'payload has no header');
  const channelHeaderBytes = header.getChannelHeader_asU8();
  const signatureHeaderBytes = header.getSignatureHeader_asU8();
  const channelHeader = decodeOr(Code.BAD_COMMON_HEADER, 'channel header', () =>
    common.ChannelHeader.deserializeBinary(channelHeaderBytes),
  );
  const signatureHeader = decodeOr(Code.BAD_COMMON_HEADER, 'signature header', () =>
    common.SignatureHeader.deserializeBinary(signatureHeaderBytes),
  );
  const type = channelHeader.getType();
  if (!ACCEPTED_HEADER_TYPES.has(type))
    throw new TxParseError(Code.BAD_COMMON_HEADER, `invalid header type ${type}`);
  if (channelHeader.getEpoch() !== 0) throw new TxParseError(Code.BAD_COMMON_HEADER, 'epoch must be 0');
  const nonce = signatureHeader.getNonce_asU8();
  const creator = signatureHeader.getCreator_asU8();
  if (nonce.length === 0) throw new TxParseError(Code.BAD_COMMON_HEADER, 'signature header has no nonce');
  if (creator.length === 0) throw new TxParseError(Code.BAD_COMMON_HEADER, 'signature header has no creator');
  const time = channelHeader.getTimestamp();
  return {
    envelopeBytes,
    payloadBytes,
    signature: envelope.getSignature_asU8(),
    payload,
    channelHeaderBytes,
    channelHeader,
    signatureHeaderBytes,
    signatureHeader,
    creator,
    nonce,
    type,
    channelId: channelHeader.getChannelId(),
    txId: channelHeader.getTxId(),
    timestamp: { seconds: time?.getSeconds() ?? 0, nanos: time?.getNanos() ?? 0 },
    data: payload.getData_asU8(),
  };
}

/**
 * The channel header of an envelope without any validation, for indexing transactions that
 * failed validation (tx id, type, timestamp). Undefined when it does not decode.
 */
export function peekChannelHeader(envelopeBytes: Uint8Array): common.ChannelHeader | undefined {
  try {
    const envelope = common.Envelope.deserializeBinary(envelopeBytes);
    const header = common.Payload.deserializeBinary(envelope.getPayload_asU8()).getHeader();
    return header ? common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8()) : undefined;
  } catch {
    return undefined;
  }
}
