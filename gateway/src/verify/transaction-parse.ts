import { common, peer } from '@hyperledger/fabric-protos';

/** An endorsement as carried in a transaction. */
export interface CarriedEndorsement {
  readonly endorser: Uint8Array;
  readonly signature: Uint8Array;
}

/** The signed parts of an endorser transaction, kept as the exact bytes that were signed or hashed. */
export interface ParsedTransaction {
  readonly index: number;
  readonly txId: string;
  readonly channelId: string;
  readonly type: number;
  readonly timestamp: Date;
  readonly creator: Uint8Array;
  readonly nonce: Uint8Array;
  readonly payloadBytes: Uint8Array;
  readonly signature: Uint8Array;
  readonly channelHeaderBytes: Uint8Array;
  /** Present for endorser transactions. */
  readonly endorsed?: {
    readonly chaincodeName: string;
    readonly actionHeaderBytes: Uint8Array;
    readonly chaincodeProposalPayload: Uint8Array;
    readonly proposalResponsePayload: Uint8Array;
    readonly proposalHash: Uint8Array;
    /** `peer.ChaincodeAction` bytes (the response payload's extension): results, events, response, chaincode id. */
    readonly chaincodeAction: Uint8Array;
    readonly endorsements: readonly CarriedEndorsement[];
    readonly actionCount: number;
  };
}

/**
 * Finds a transaction in a block by id and parses the parts verification needs.
 * @returns undefined when the block does not hold that transaction
 * @throws Error when the transaction is malformed
 */
export function findTransaction(block: common.Block, txId: string): ParsedTransaction | undefined {
  const data = block.getData()?.getDataList_asU8() ?? [];
  for (let index = 0; index < data.length; index++) {
    const parsed = parseEnvelope(data[index] ?? new Uint8Array(), index);
    if (parsed.txId === txId) return parsed;
  }
  return undefined;
}

/** Parses one envelope of a block. */
export function parseEnvelope(envelopeBytes: Uint8Array, index: number): ParsedTransaction {
  const env = common.Envelope.deserializeBinary(envelopeBytes);
  const payloadBytes = env.getPayload_asU8();
  const payload = common.Payload.deserializeBinary(payloadBytes);
  const header = payload.getHeader();
  if (!header) throw new Error(`transaction ${index} has no header`);
  const channelHeaderBytes = header.getChannelHeader_asU8();
  const chdr = common.ChannelHeader.deserializeBinary(channelHeaderBytes);
  const shdr = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
  const ts = chdr.getTimestamp();
  const base = {
    index,
    txId: chdr.getTxId(),
    channelId: chdr.getChannelId(),
    type: chdr.getType(),
    timestamp: ts ? new Date(ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1e6)) : new Date(0),
    creator: shdr.getCreator_asU8(),
    nonce: shdr.getNonce_asU8(),
    payloadBytes,
    signature: env.getSignature_asU8(),
    channelHeaderBytes,
  };
  if (chdr.getType() !== common.HeaderType.ENDORSER_TRANSACTION) return base;
  const tx = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const action = tx.getActionsList()[0];
  if (!action) throw new Error(`transaction ${base.txId} has no action`);
  const cap = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
  const endorsed = cap.getAction();
  if (!endorsed) throw new Error(`transaction ${base.txId} has no endorsed action`);
  const prpBytes = endorsed.getProposalResponsePayload_asU8();
  const prp = peer.ProposalResponsePayload.deserializeBinary(prpBytes);
  const ext = peer.ChaincodeHeaderExtension.deserializeBinary(chdr.getExtension_asU8());
  return {
    ...base,
    endorsed: {
      chaincodeName: ext.getChaincodeId()?.getName() ?? '',
      actionHeaderBytes: action.getHeader_asU8(),
      chaincodeProposalPayload: cap.getChaincodeProposalPayload_asU8(),
      proposalResponsePayload: prpBytes,
      proposalHash: prp.getProposalHash_asU8(),
      chaincodeAction: prp.getExtension_asU8(),
      endorsements: endorsed
        .getEndorsementsList()
        .map((e) => ({ endorser: e.getEndorser_asU8(), signature: e.getSignature_asU8() })),
      actionCount: tx.getActionsList().length,
    },
  };
}

/** The number of the config block in force for a block, from its orderer metadata. */
export function lastConfigIndex(block: common.Block): bigint {
  const md = block.getMetadata()?.getMetadataList_asU8() ?? [];
  const sigs = md[common.BlockMetadataIndex.SIGNATURES];
  if (sigs && sigs.length > 0) {
    const value = common.Metadata.deserializeBinary(sigs).getValue_asU8();
    if (value.length > 0) {
      const obm = common.OrdererBlockMetadata.deserializeBinary(value);
      const lc = obm.getLastConfig();
      if (lc) return BigInt(lc.getIndex());
    }
  }
  const legacy = md[common.BlockMetadataIndex.LAST_CONFIG];
  if (legacy && legacy.length > 0)
    return BigInt(
      common.LastConfig.deserializeBinary(
        common.Metadata.deserializeBinary(legacy).getValue_asU8(),
      ).getIndex(),
    );
  return 0n;
}

/** The peer's validation code for the transaction at `index` (TRANSACTIONS_FILTER), or undefined when absent. */
export function peerValidationCode(block: common.Block, index: number): number | undefined {
  const filter = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER];
  return filter?.[index];
}
