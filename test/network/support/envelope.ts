import { createHash, randomBytes } from 'node:crypto';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { common, peer } from '@alliance/network/protos';

/** Anything that signs as an MSP identity: the shape of the network's `Signer`. */
export interface TxSigner {
  readonly serialized: Uint8Array;
  sign(data: Uint8Array): Uint8Array;
}

/** What goes into an endorser transaction; the optional overrides build broken ones on purpose. */
export interface EndorserTxOptions {
  channelId: string;
  chaincode: string;
  /** Version in the ChaincodeAction ('1.0' by default). */
  chaincodeVersion?: string;
  creator: TxSigner;
  endorsers: TxSigner[];
  /** rwset.TxReadWriteSet bytes (see buildRwset). */
  rwset: Uint8Array;
  args?: string[];
  timestamp?: Date;
  nonce?: Uint8Array;
  /** Overrides the computed tx id. */
  txId?: string;
  event?: { name: string; payload?: Uint8Array; chaincodeId?: string };
  /** Overrides the chaincode name in the ChaincodeAction (default: `chaincode`). */
  actionChaincode?: string;
  /** Overrides the proposal hash the endorsers sign. */
  proposalHash?: Uint8Array;
}

/** An endorser transaction and the pieces it was built from. */
export interface BuiltTransaction {
  envelope: Uint8Array;
  txId: string;
  signedProposal: peer.SignedProposal;
  proposalResponsePayload: Uint8Array;
  endorsements: peer.Endorsement[];
}

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

function channelHeaderBytes(opts: EndorserTxOptions, txId: string): Uint8Array {
  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(opts.chaincode);
  const extension = new peer.ChaincodeHeaderExtension();
  extension.setChaincodeId(chaincodeId);
  const header = new common.ChannelHeader();
  header.setType(common.HeaderType.ENDORSER_TRANSACTION);
  header.setChannelId(opts.channelId);
  header.setTxId(txId);
  header.setTimestamp(Timestamp.fromDate(opts.timestamp ?? new Date()));
  header.setExtension$(extension.serializeBinary());
  return header.serializeBinary();
}

function proposalPayloadBytes(opts: EndorserTxOptions): Uint8Array {
  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(opts.chaincode);
  const input = new peer.ChaincodeInput();
  input.setArgsList((opts.args ?? ['invoke']).map((arg) => Buffer.from(arg)));
  const spec = new peer.ChaincodeSpec();
  spec.setType(peer.ChaincodeSpec.Type.NODE);
  spec.setChaincodeId(chaincodeId);
  spec.setInput(input);
  const invocation = new peer.ChaincodeInvocationSpec();
  invocation.setChaincodeSpec(spec);
  const payload = new peer.ChaincodeProposalPayload();
  payload.setInput(invocation.serializeBinary());
  return payload.serializeBinary();
}

function chaincodeActionBytes(opts: EndorserTxOptions, txId: string): Uint8Array {
  const response = new peer.Response();
  response.setStatus(200);
  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(opts.actionChaincode ?? opts.chaincode);
  chaincodeId.setVersion(opts.chaincodeVersion ?? '1.0');
  const action = new peer.ChaincodeAction();
  action.setResults(opts.rwset);
  action.setResponse(response);
  action.setChaincodeId(chaincodeId);
  if (opts.event) {
    const event = new peer.ChaincodeEvent();
    event.setChaincodeId(opts.event.chaincodeId ?? opts.chaincode);
    event.setTxId(txId);
    event.setEventName(opts.event.name);
    event.setPayload(opts.event.payload ?? new Uint8Array(0));
    action.setEvents(event.serializeBinary());
  }
  return action.serializeBinary();
}

/** Signs `prp || endorser` as an endorsing peer does. */
export function endorse(prp: Uint8Array, endorser: TxSigner): peer.Endorsement {
  const endorsement = new peer.Endorsement();
  endorsement.setEndorser(endorser.serialized);
  endorsement.setSignature(endorser.sign(Buffer.concat([prp, endorser.serialized])));
  return endorsement;
}

/**
 * Builds a signed ENDORSER_TRANSACTION envelope the way the gateway client and endorsing peers
 * do: proposal (channel header with chaincode extension, signature header, proposal payload),
 * ProposalResponsePayload with the ChaincodeAction, one endorsement per endorser over
 * `prp || endorser`, and the envelope signed by the creator.
 */
export function buildEndorserTransaction(opts: EndorserTxOptions): BuiltTransaction {
  const nonce = opts.nonce ?? randomBytes(24);
  const txId = opts.txId ?? sha256(nonce, opts.creator.serialized).toString('hex');
  const chdr = channelHeaderBytes(opts, txId);
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(opts.creator.serialized);
  signatureHeader.setNonce(nonce);
  const shdr = signatureHeader.serializeBinary();
  const header = new common.Header();
  header.setChannelHeader(chdr);
  header.setSignatureHeader(shdr);
  const ccpp = proposalPayloadBytes(opts);

  const proposal = new peer.Proposal();
  proposal.setHeader(header.serializeBinary());
  proposal.setPayload(ccpp);
  const signedProposal = new peer.SignedProposal();
  signedProposal.setProposalBytes(proposal.serializeBinary());
  signedProposal.setSignature(opts.creator.sign(signedProposal.getProposalBytes_asU8()));

  const prp = new peer.ProposalResponsePayload();
  prp.setProposalHash(opts.proposalHash ?? sha256(chdr, shdr, ccpp));
  prp.setExtension$(chaincodeActionBytes(opts, txId));
  const prpBytes = prp.serializeBinary();
  const endorsements = opts.endorsers.map((endorser) => endorse(prpBytes, endorser));

  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(prpBytes);
  endorsed.setEndorsementsList(endorsements);
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setChaincodeProposalPayload(ccpp);
  actionPayload.setAction(endorsed);
  const action = new peer.TransactionAction();
  action.setHeader(shdr);
  action.setPayload(actionPayload.serializeBinary());
  const transaction = new peer.Transaction();
  transaction.setActionsList([action]);

  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(transaction.serializeBinary());
  const payloadBytes = payload.serializeBinary();
  const envelope = new common.Envelope();
  envelope.setPayload(payloadBytes);
  envelope.setSignature(opts.creator.sign(payloadBytes));
  return {
    envelope: envelope.serializeBinary(),
    txId,
    signedProposal,
    proposalResponsePayload: prpBytes,
    endorsements,
  };
}

/** The same envelope with another signature (e.g. a forged one). */
export function withEnvelopeSignature(envelopeBytes: Uint8Array, signature: Uint8Array): Uint8Array {
  const envelope = common.Envelope.deserializeBinary(envelopeBytes);
  envelope.setSignature(signature);
  return envelope.serializeBinary();
}
