import { createHash, randomBytes } from 'node:crypto';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { common, peer } from '@alliance/network/protos';

/** Whoever creates and signs a proposal: an MSP identity's serialized form and its key. */
export interface ProposalSigner {
  readonly serialized: Uint8Array;
  sign(data: Uint8Array): Uint8Array;
}

/** What a test proposal invokes, and how it is built. */
export interface ProposalOptions {
  identity: ProposalSigner;
  channelId: string;
  chaincode: string;
  args: (string | Uint8Array)[];
  /** Client clock; default now. */
  timestamp?: Date;
  transient?: Record<string, Uint8Array>;
  /** Overrides the header type (default ENDORSER_TRANSACTION). */
  headerType?: number;
  /** Signs with another identity than the creator (a forged signature). */
  signWith?: ProposalSigner;
  /** Overrides the tx id written in the header (a wrong binding). */
  txId?: string;
}

/** A signed proposal as fabric-gateway builds it, with the parts tests look at. */
export interface BuiltProposal {
  signedProposal: peer.SignedProposal;
  txId: string;
  input: Uint8Array;
}

/** Builds a SignedProposal exactly as the gateway client does (see the protocol reference, 1.2). */
export function buildProposal(opts: ProposalOptions): BuiltProposal {
  const nonce = randomBytes(24);
  const txId = opts.txId ?? createHash('sha256').update(nonce).update(opts.identity.serialized).digest('hex');

  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(opts.chaincode);
  const extension = new peer.ChaincodeHeaderExtension();
  extension.setChaincodeId(chaincodeId);

  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(opts.headerType ?? common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setTimestamp(Timestamp.fromDate(opts.timestamp ?? new Date()));
  channelHeader.setChannelId(opts.channelId);
  channelHeader.setTxId(txId);
  channelHeader.setExtension$(extension.serializeBinary());

  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(opts.identity.serialized);
  signatureHeader.setNonce(nonce);

  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  header.setSignatureHeader(signatureHeader.serializeBinary());

  const input = new peer.ChaincodeInput();
  input.setArgsList(opts.args.map((a) => (typeof a === 'string' ? Buffer.from(a, 'utf8') : a)));
  const spec = new peer.ChaincodeSpec();
  spec.setType(peer.ChaincodeSpec.Type.NODE);
  spec.setChaincodeId(chaincodeId);
  spec.setInput(input);
  const invocation = new peer.ChaincodeInvocationSpec();
  invocation.setChaincodeSpec(spec);
  const payload = new peer.ChaincodeProposalPayload();
  payload.setInput(invocation.serializeBinary());
  for (const [k, v] of Object.entries(opts.transient ?? {})) payload.getTransientmapMap().set(k, v);

  const proposal = new peer.Proposal();
  proposal.setHeader(header.serializeBinary());
  proposal.setPayload(payload.serializeBinary());
  const proposalBytes = proposal.serializeBinary();

  const signedProposal = new peer.SignedProposal();
  signedProposal.setProposalBytes(proposalBytes);
  signedProposal.setSignature((opts.signWith ?? opts.identity).sign(proposalBytes));
  return { signedProposal, txId, input: input.serializeBinary() };
}
