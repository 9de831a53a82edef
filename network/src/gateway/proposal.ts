import { status as GrpcStatus } from '@grpc/grpc-js';
import { common, peer } from '@hyperledger/fabric-protos';
import { errorMessage, RpcError } from '../grpc/status';

/** The parts of a signed proposal the gateway routes on and builds the transaction from. */
export interface UnpackedProposal {
  readonly signed: peer.SignedProposal;
  readonly channelId: string;
  readonly txId: string;
  readonly chaincodeName: string;
  /** Transient data must stay inside the gateway's own org unless orgs were named. */
  readonly hasTransient: boolean;
  readonly header: common.Header;
  /** ChaincodeProposalPayload re-encoded with its input only, as it goes into the transaction. */
  readonly payloadWithoutTransient: Uint8Array;
}

/** Decodes a proposal as the gateway does; INVALID_ARGUMENT "failed to unpack transaction proposal: …" otherwise. */
export function unpackProposal(signed: peer.SignedProposal | undefined): UnpackedProposal {
  if (!signed || signed.getProposalBytes_asU8().length === 0) {
    throw new RpcError(
      GrpcStatus.INVALID_ARGUMENT,
      'the proposed transaction must contain a signed proposal',
    );
  }
  try {
    const proposal = peer.Proposal.deserializeBinary(signed.getProposalBytes_asU8());
    const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
    const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
    const payload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
    const spec = peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8()).getChaincodeSpec();
    const chaincodeName = spec?.getChaincodeId()?.getName() ?? '';
    if (channelHeader.getChannelId() === '') throw new Error('no channel id provided');
    if (chaincodeName === '') throw new Error('no chaincode specified');
    const stripped = new peer.ChaincodeProposalPayload();
    stripped.setInput(payload.getInput_asU8());
    return {
      signed,
      channelId: channelHeader.getChannelId(),
      txId: channelHeader.getTxId(),
      chaincodeName,
      hasTransient: payload.getTransientmapMap().getLength() > 0,
      header,
      payloadWithoutTransient: stripped.serializeBinary(),
    };
  } catch (err) {
    throw new RpcError(
      GrpcStatus.INVALID_ARGUMENT,
      `failed to unpack transaction proposal: ${errorMessage(err)}`,
    );
  }
}

/**
 * Builds the unsigned transaction envelope from the proposal and the endorsements, reusing
 * the exact header and proposal-response-payload bytes the endorsers signed.
 */
export function prepareTransaction(
  proposal: UnpackedProposal,
  prpBytes: Uint8Array,
  endorsements: readonly peer.Endorsement[],
): common.Envelope {
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(prpBytes);
  endorsed.setEndorsementsList([...endorsements]);
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setChaincodeProposalPayload(proposal.payloadWithoutTransient);
  actionPayload.setAction(endorsed);
  const action = new peer.TransactionAction();
  action.setHeader(proposal.header.getSignatureHeader_asU8());
  action.setPayload(actionPayload.serializeBinary());
  const transaction = new peer.Transaction();
  transaction.setActionsList([action]);
  const payload = new common.Payload();
  payload.setHeader(proposal.header);
  payload.setData(transaction.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope;
}

/** The rwset bytes and chaincode response inside a proposal response payload. */
export function chaincodeAction(prpBytes: Uint8Array): peer.ChaincodeAction {
  return peer.ChaincodeAction.deserializeBinary(
    peer.ProposalResponsePayload.deserializeBinary(prpBytes).getExtension_asU8(),
  );
}
