import { common, peer } from '@hyperledger/fabric-protos';

/** What block events and chaincode events need from one transaction of a block. */
export interface BlockTransaction {
  /** Position in the block. */
  readonly index: number;
  readonly txId: string;
  /** common.HeaderType of the envelope; -1 when the envelope does not decode. */
  readonly type: number;
  /** The chaincode event of an endorser transaction, as the endorser recorded it. */
  readonly event?: peer.ChaincodeEvent;
}

/**
 * Decodes the transactions of a block far enough for events. Malformed envelopes (kept in
 * blocks with an invalid code) decode to type -1 rather than throwing.
 */
export function blockTransactions(block: common.Block): BlockTransaction[] {
  const envelopes = block.getData()?.getDataList_asU8() ?? [];
  return envelopes.map((bytes, index) => decodeTransaction(bytes, index));
}

function decodeTransaction(bytes: Uint8Array, index: number): BlockTransaction {
  try {
    const payload = common.Payload.deserializeBinary(
      common.Envelope.deserializeBinary(bytes).getPayload_asU8(),
    );
    const channelHeader = common.ChannelHeader.deserializeBinary(
      payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(),
    );
    const type = channelHeader.getType();
    const txId = channelHeader.getTxId();
    if (type !== common.HeaderType.ENDORSER_TRANSACTION) return { index, txId, type };
    const event = chaincodeEvent(payload.getData_asU8());
    return event ? { index, txId, type, event } : { index, txId, type };
  } catch {
    return { index, txId: '', type: -1 };
  }
}

function chaincodeEvent(transactionBytes: Uint8Array): peer.ChaincodeEvent | undefined {
  const action = peer.Transaction.deserializeBinary(transactionBytes).getActionsList()[0];
  if (!action) return undefined;
  const endorsed = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()).getAction();
  if (!endorsed) return undefined;
  const prp = peer.ProposalResponsePayload.deserializeBinary(endorsed.getProposalResponsePayload_asU8());
  const eventBytes = peer.ChaincodeAction.deserializeBinary(prp.getExtension_asU8()).getEvents_asU8();
  return eventBytes.length > 0 ? peer.ChaincodeEvent.deserializeBinary(eventBytes) : undefined;
}

/** The TRANSACTIONS_FILTER of a committed block (one TxValidationCode per transaction). */
export function validationCodes(block: common.Block): Uint8Array {
  const metadata = block.getMetadata()?.getMetadataList_asU8() ?? [];
  return metadata[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
}
