import { common, orderer } from '@hyperledger/fabric-protos';
import type { FabricStatus } from '../grpc/proto-types';

/** The signed data a deliver request authorizes with: Fabric's SignedData of the envelope. */
export interface DeliverSignedData {
  readonly data: Uint8Array;
  readonly identity: Uint8Array;
  readonly signature: Uint8Array;
}

/** A decoded deliver request envelope. */
export interface DeliverRequest {
  readonly channelId: string;
  readonly seekInfo: orderer.SeekInfo;
  readonly signed: DeliverSignedData;
  /** The channel header timestamp in ms since the epoch (0 when absent). */
  readonly timestampMs: number;
}

/** A deliver request that cannot be served, with the status to answer. */
export class DeliverRefused extends Error {
  constructor(
    readonly status: FabricStatus,
    message: string,
  ) {
    super(message);
    this.name = 'DeliverRefused';
  }
}

/**
 * Decodes a seek envelope (BAD_REQUEST when malformed) and checks its timestamp against the
 * window (`windowMs` 0 disables it). Block-event requests carry no nonce, so none is required.
 */
export function parseDeliverRequest(
  envelope: common.Envelope,
  windowMs: number,
  nowMs: number,
): DeliverRequest {
  try {
    const payloadBytes = envelope.getPayload_asU8();
    const payload = common.Payload.deserializeBinary(payloadBytes);
    const header = payload.getHeader();
    if (!header) throw new Error('missing header');
    const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
    const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
    const seekInfo = orderer.SeekInfo.deserializeBinary(payload.getData_asU8());
    const ts = channelHeader.getTimestamp();
    const timestampMs = ts ? ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1e6) : 0;
    const request: DeliverRequest = {
      channelId: channelHeader.getChannelId(),
      seekInfo,
      signed: {
        data: payloadBytes,
        identity: signatureHeader.getCreator_asU8(),
        signature: envelope.getSignature_asU8(),
      },
      timestampMs,
    };
    if (windowMs > 0 && Math.abs(nowMs - timestampMs) > windowMs) {
      throw new DeliverRefused(
        common.Status.BAD_REQUEST,
        `envelope timestamp ${new Date(timestampMs).toISOString()} is more than ${windowMs / 60000} minutes from the server's clock`,
      );
    }
    return request;
  } catch (err) {
    if (err instanceof DeliverRefused) throw err;
    throw new DeliverRefused(
      common.Status.BAD_REQUEST,
      `malformed deliver request: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
