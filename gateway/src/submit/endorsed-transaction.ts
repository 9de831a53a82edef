import { common, gateway, peer } from '@hyperledger/fabric-protos';
import {
  CHAINCODE_EVENT_NAME,
  parseChaincodeEventPayload,
  type DomainEvent,
} from '@alliance/chaincode/model';

/** What the endorsed (not yet committed) transaction carries that the caller wants back. */
export interface EndorsedContents {
  /** When the client created the proposal (its channel header timestamp). */
  readonly proposedAt: Date;
  /** The domain events the chaincode emitted, in order, each with its stable id. */
  readonly events: DomainEvent[];
}

/**
 * Reads the prepared transaction (`gateway.PreparedTransaction` bytes, as `Transaction.getBytes()`
 * returns) for its timestamp and the chaincode event the endorsers signed. The committed
 * transaction carries exactly these bytes, so its events are these events.
 */
export function readEndorsedContents(preparedTransaction: Uint8Array): EndorsedContents {
  const envelope = gateway.PreparedTransaction.deserializeBinary(preparedTransaction).getEnvelope();
  const payload = common.Payload.deserializeBinary(envelope?.getPayload_asU8() ?? new Uint8Array());
  const chdr = common.ChannelHeader.deserializeBinary(
    payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(),
  );
  const ts = chdr.getTimestamp();
  const proposedAt = ts ? new Date(ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1e6)) : new Date(0);
  const action = peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList()[0];
  if (!action) return { proposedAt, events: [] };
  const prpBytes = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8())
    .getAction()
    ?.getProposalResponsePayload_asU8();
  if (!prpBytes) return { proposedAt, events: [] };
  const ccAction = peer.ChaincodeAction.deserializeBinary(
    peer.ProposalResponsePayload.deserializeBinary(prpBytes).getExtension_asU8(),
  );
  const eventBytes = ccAction.getEvents_asU8();
  if (eventBytes.length === 0) return { proposedAt, events: [] };
  const event = peer.ChaincodeEvent.deserializeBinary(eventBytes);
  return { proposedAt, events: domainEventsOf(event.getEventName(), event.getPayload_asU8()) };
}

/**
 * The domain events inside one chaincode event; none when it is not the alliance's event.
 * @param eventName - the chaincode event's name
 * @param payload - its payload
 */
export function domainEventsOf(eventName: string, payload: Uint8Array): DomainEvent[] {
  if (eventName !== CHAINCODE_EVENT_NAME) return [];
  return parseChaincodeEventPayload(payload)?.events ?? [];
}
