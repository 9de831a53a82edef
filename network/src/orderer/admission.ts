import { common } from '@hyperledger/fabric-protos';
import type { ChannelConfig } from '../channel';
import type { FabricStatus } from '../grpc/proto-types';

/** The orderer's verdict on a broadcast envelope. */
export interface Admission {
  readonly status: FabricStatus;
  readonly info: string;
  /** Set when an admitted envelope is a CONFIG_UPDATE, which the config update processor takes on. */
  readonly configUpdate?: true;
}

const ACCEPTED: Admission = { status: common.Status.SUCCESS, info: '' };

/**
 * Runs the check of an envelope's creator signature in the thread pool ahead of admission, so
 * a valid signature is already in the channel MSPs' memo when `/Channel/Writers` is evaluated.
 * Decides nothing: an envelope that does not decode or verify here is refused by
 * {@link admitEnvelope} with its status.
 */
export async function verifyCreatorAhead(envelope: common.Envelope, config: ChannelConfig): Promise<void> {
  try {
    const header = common.Payload.deserializeBinary(envelope.getPayload_asU8()).getHeader();
    if (!header) return;
    const creator = common.SignatureHeader.deserializeBinary(
      header.getSignatureHeader_asU8(),
    ).getCreator_asU8();
    await config.msps.verifyInBackground(
      config.msps.deserialize(creator),
      envelope.getPayload_asU8(),
      envelope.getSignature_asU8(),
    );
  } catch {
    // Refused by admitEnvelope.
  }
}

/**
 * Checks an envelope as the orderer's message processor does before ordering it: size against
 * AbsoluteMaxBytes, structure, channel, header type, and the creator's signature against
 * `/Channel/Writers` (FORBIDDEN when it fails). CONFIG_UPDATE envelopes pass the same checks
 * and are marked for the config update processor.
 */
export function admitEnvelope(
  bytes: Uint8Array,
  envelope: common.Envelope,
  config: ChannelConfig,
): Admission {
  if (bytes.length > config.batch.absoluteMaxBytes) {
    return {
      status: common.Status.BAD_REQUEST,
      info: `message payload is ${bytes.length} bytes and exceeds maximum message size ${config.batch.absoluteMaxBytes} bytes`,
    };
  }
  let channelHeader: common.ChannelHeader;
  let signatureHeader: common.SignatureHeader;
  try {
    const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
    const header = payload.getHeader();
    if (!header) return { status: common.Status.BAD_REQUEST, info: 'bad payload: missing header' };
    channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
    signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
  } catch (err) {
    return {
      status: common.Status.BAD_REQUEST,
      info: `bad envelope: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  if (channelHeader.getChannelId() !== config.channelId) {
    return {
      status: common.Status.NOT_FOUND,
      info: `channel ${channelHeader.getChannelId()} does not exist`,
    };
  }
  switch (channelHeader.getType()) {
    case common.HeaderType.ENDORSER_TRANSACTION:
      break;
    case common.HeaderType.CONFIG_UPDATE:
      break;
    default:
      return {
        status: common.Status.BAD_REQUEST,
        info: `message of type ${channelHeader.getType()} cannot be ordered on channel ${config.channelId}`,
      };
  }
  if (signatureHeader.getCreator_asU8().length === 0 || envelope.getSignature_asU8().length === 0) {
    return { status: common.Status.BAD_REQUEST, info: 'envelope has no creator or no signature' };
  }
  const signed = [
    {
      data: envelope.getPayload_asU8(),
      identity: signatureHeader.getCreator_asU8(),
      signature: envelope.getSignature_asU8(),
    },
  ];
  if (!config.policies.evaluate('/Channel/Writers', signed)) {
    return {
      status: common.Status.FORBIDDEN,
      info: 'implicit policy evaluation failed: the envelope does not satisfy /Channel/Writers',
    };
  }
  return channelHeader.getType() === common.HeaderType.CONFIG_UPDATE
    ? { ...ACCEPTED, configUpdate: true }
    : ACCEPTED;
}
