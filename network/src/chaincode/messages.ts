import { peer } from '@hyperledger/fabric-protos';

const Type = peer.ChaincodeMessage.Type;

/** A ChaincodeMessage type value. */
export type MessageType = peer.ChaincodeMessage.TypeMap[keyof peer.ChaincodeMessage.TypeMap];
const typeNames = new Map<number, string>(Object.entries(Type).map(([name, value]) => [value, name]));

/** The enum name of a ChaincodeMessage type ('GET_STATE'), as Fabric prints it in errors. */
export function messageTypeName(type: number): string {
  return typeNames.get(type) ?? String(type);
}

/** Builds a ChaincodeMessage that belongs to a transaction (txid and channel id echoed). */
export function chaincodeMessage(
  type: MessageType,
  txId: string,
  channelId: string,
  payload?: Uint8Array,
): peer.ChaincodeMessage {
  const msg = new peer.ChaincodeMessage();
  msg.setType(type);
  msg.setTxid(txId);
  msg.setChannelId(channelId);
  if (payload && payload.length > 0) msg.setPayload(payload);
  return msg;
}
