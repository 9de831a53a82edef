// Real Fabric structures built the way a peer, orderer and committer build them, with real
// signatures, so that client-side parsing and verification are tested on genuine bytes.
import { createHash, randomBytes } from 'node:crypto';
import { common, msp, peer } from '@hyperledger/fabric-protos';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { blockHeaderDer, signLowS } from '@alliance/gateway';
import { issue, newCa, type TestCa, type TestIdentity } from './pki';

export const sha = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

export interface TestOrg {
  mspId: string;
  ca: TestCa;
  peer: TestIdentity;
  user: TestIdentity;
}

export async function newOrg(mspId: string): Promise<TestOrg> {
  const ca = await newCa(mspId.toLowerCase());
  return {
    mspId,
    ca,
    peer: await issue(ca, { cn: `peer0.${mspId}`, ou: 'peer' }),
    user: await issue(ca, { cn: `User1@${mspId}`, ou: 'client' }),
  };
}

export function serializedIdentity(mspId: string, certPem: string): Uint8Array {
  const sid = new msp.SerializedIdentity();
  sid.setMspid(mspId);
  sid.setIdBytes(Buffer.from(certPem));
  return sid.serializeBinary();
}

function timestamp(at: Date): Timestamp {
  const ts = new Timestamp();
  ts.setSeconds(Math.floor(at.getTime() / 1000));
  ts.setNanos((at.getTime() % 1000) * 1e6);
  return ts;
}

export interface EndorsedTx {
  txId: string;
  envelope: common.Envelope;
  prpBytes: Uint8Array;
}

/** A signed endorser transaction, as a client submits it after endorsement. */
export function endorsedTransaction(o: {
  channel: string;
  chaincode: string;
  creator: { mspId: string; id: TestIdentity };
  endorsers: { mspId: string; id: TestIdentity }[];
  args?: string[];
  result?: string;
  event?: { name: string; payload: string };
  at?: Date;
}): EndorsedTx {
  const creator = serializedIdentity(o.creator.mspId, o.creator.id.certPem);
  const nonce = randomBytes(24);
  const txId = sha(nonce, creator).toString('hex');
  const ext = new peer.ChaincodeHeaderExtension();
  const ccId = new peer.ChaincodeID();
  ccId.setName(o.chaincode);
  ext.setChaincodeId(ccId);
  const chdr = new common.ChannelHeader();
  chdr.setType(common.HeaderType.ENDORSER_TRANSACTION);
  chdr.setChannelId(o.channel);
  chdr.setTxId(txId);
  chdr.setTimestamp(timestamp(o.at ?? new Date()));
  chdr.setExtension$(ext.serializeBinary());
  const shdr = new common.SignatureHeader();
  shdr.setCreator(creator);
  shdr.setNonce(nonce);
  const chdrBytes = chdr.serializeBinary();
  const shdrBytes = shdr.serializeBinary();
  const input = new peer.ChaincodeInput();
  input.setArgsList((o.args ?? ['lots:Get']).map((a) => Buffer.from(a)));
  const spec = new peer.ChaincodeSpec();
  spec.setChaincodeId(ccId);
  spec.setInput(input);
  const cis = new peer.ChaincodeInvocationSpec();
  cis.setChaincodeSpec(spec);
  const ccpp = new peer.ChaincodeProposalPayload();
  ccpp.setInput(cis.serializeBinary());
  const ccppBytes = ccpp.serializeBinary();

  return endorse({
    txId,
    chdrBytes,
    shdrBytes,
    ccppBytes,
    chaincode: o.chaincode,
    endorsers: o.endorsers,
    result: o.result,
    event: o.event,
    creatorKey: o.creator.id.key,
  });
}

export interface EndorseOptions {
  txId: string;
  chdrBytes: Uint8Array;
  shdrBytes: Uint8Array;
  ccppBytes: Uint8Array;
  chaincode: string;
  endorsers: { mspId: string; id: TestIdentity }[];
  result?: string | undefined;
  event?: { name: string; payload: string } | undefined;
  /** Signs the envelope as the creator; omitted, the envelope is unsigned (as the gateway returns it). */
  creatorKey?: TestIdentity['key'];
}

/** Simulation result, endorsements and the assembled transaction envelope. */
export function endorse(o: EndorseOptions): EndorsedTx {
  const txId = o.txId;
  const chdrBytes = o.chdrBytes;
  const shdrBytes = o.shdrBytes;
  const ccppBytes = o.ccppBytes;
  const response = new peer.Response();
  response.setStatus(200);
  response.setPayload(Buffer.from(o.result ?? ''));
  const action = new peer.ChaincodeAction();
  action.setResults(new Uint8Array());
  action.setResponse(response);
  const versioned = new peer.ChaincodeID();
  versioned.setName(o.chaincode);
  versioned.setVersion('1.0');
  action.setChaincodeId(versioned);
  if (o.event) {
    const ev = new peer.ChaincodeEvent();
    ev.setChaincodeId(o.chaincode);
    ev.setTxId(txId);
    ev.setEventName(o.event.name);
    ev.setPayload(Buffer.from(o.event.payload));
    action.setEvents(ev.serializeBinary());
  }
  const prp = new peer.ProposalResponsePayload();
  prp.setProposalHash(sha(chdrBytes, shdrBytes, ccppBytes));
  prp.setExtension$(action.serializeBinary());
  const prpBytes = prp.serializeBinary();
  const endorsements = o.endorsers.map((e) => {
    const endorser = serializedIdentity(e.mspId, e.id.certPem);
    const en = new peer.Endorsement();
    en.setEndorser(endorser);
    en.setSignature(signLowS(e.id.key, Buffer.concat([prpBytes, endorser])));
    return en;
  });
  const cea = new peer.ChaincodeEndorsedAction();
  cea.setProposalResponsePayload(prpBytes);
  cea.setEndorsementsList(endorsements);
  const cap = new peer.ChaincodeActionPayload();
  cap.setChaincodeProposalPayload(ccppBytes);
  cap.setAction(cea);
  const ta = new peer.TransactionAction();
  ta.setHeader(shdrBytes);
  ta.setPayload(cap.serializeBinary());
  const tx = new peer.Transaction();
  tx.setActionsList([ta]);
  const header = new common.Header();
  header.setChannelHeader(chdrBytes);
  header.setSignatureHeader(shdrBytes);
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(tx.serializeBinary());
  const env = new common.Envelope();
  env.setPayload(payload.serializeBinary());
  if (o.creatorKey) env.setSignature(signLowS(o.creatorKey, env.getPayload_asU8()));
  return { txId, envelope: env, prpBytes };
}

/** What a gateway's Endorse returns for a signed proposal: the prepared (unsigned) transaction. */
export function endorseProposal(
  sp: peer.SignedProposal,
  o: Omit<EndorseOptions, 'txId' | 'chdrBytes' | 'shdrBytes' | 'ccppBytes' | 'chaincode'>,
): EndorsedTx {
  const proposal = peer.Proposal.deserializeBinary(sp.getProposalBytes_asU8());
  const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
  const chdr = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  const ext = peer.ChaincodeHeaderExtension.deserializeBinary(chdr.getExtension_asU8());
  const full = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
  const ccpp = new peer.ChaincodeProposalPayload();
  ccpp.setInput(full.getInput_asU8());
  return endorse({
    ...o,
    txId: chdr.getTxId(),
    chdrBytes: header.getChannelHeader_asU8(),
    shdrBytes: header.getSignatureHeader_asU8(),
    ccppBytes: ccpp.serializeBinary(),
    chaincode: ext.getChaincodeId()?.getName() ?? '',
  });
}

/** The transaction name and arguments a proposal carries. */
export function proposalArgs(sp: peer.SignedProposal): string[] {
  const proposal = peer.Proposal.deserializeBinary(sp.getProposalBytes_asU8());
  const cis = peer.ChaincodeInvocationSpec.deserializeBinary(
    peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8()).getInput_asU8(),
  );
  return (cis.getChaincodeSpec()?.getInput()?.getArgsList_asU8() ?? []).map((a) => Buffer.from(a).toString());
}

export { configEnvelope } from './config-block';

/** A block chained to `previous`, with LAST_CONFIG in the orderer metadata and a validation filter. */
export function makeBlock(o: {
  number: bigint;
  previous?: common.Block;
  envelopes: common.Envelope[];
  lastConfig: bigint;
  filter?: number[];
}): common.Block {
  const data = new common.BlockData();
  data.setDataList(o.envelopes.map((e) => e.serializeBinary()));
  const header = new common.BlockHeader();
  header.setNumber(Number(o.number));
  const prev = o.previous?.getHeader();
  header.setPreviousHash(
    prev
      ? sha(blockHeaderDer(BigInt(prev.getNumber()), prev.getPreviousHash_asU8(), prev.getDataHash_asU8()))
      : new Uint8Array(),
  );
  header.setDataHash(sha(...data.getDataList_asU8()));
  const lc = new common.LastConfig();
  lc.setIndex(Number(o.lastConfig));
  const obm = new common.OrdererBlockMetadata();
  obm.setLastConfig(lc);
  const sigs = new common.Metadata();
  sigs.setValue(obm.serializeBinary());
  const md = new common.BlockMetadata();
  md.setMetadataList([
    sigs.serializeBinary(),
    new Uint8Array(),
    Uint8Array.from(o.filter ?? o.envelopes.map(() => 0)),
    new Uint8Array(),
    new Uint8Array(),
  ]);
  const block = new common.Block();
  block.setHeader(header);
  block.setData(data);
  block.setMetadata(md);
  return block;
}

/** Replaces endorsement `index`'s signature with `key`'s signature over other bytes, then re-signs the envelope as the creator. */
export function forgeEndorsement(
  env: common.Envelope,
  index: number,
  key: TestIdentity['key'],
  creatorKey: TestIdentity['key'],
): void {
  const payload = common.Payload.deserializeBinary(env.getPayload_asU8());
  const t = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const ta = t.getActionsList()[0]!;
  const cap = peer.ChaincodeActionPayload.deserializeBinary(ta.getPayload_asU8());
  const ends = cap.getAction()!.getEndorsementsList();
  ends[index]!.setSignature(signLowS(key, Buffer.from('something else')));
  cap.getAction()!.setEndorsementsList(ends);
  ta.setPayload(cap.serializeBinary());
  t.setActionsList([ta]);
  payload.setData(t.serializeBinary());
  env.setPayload(payload.serializeBinary());
  env.setSignature(signLowS(creatorKey, env.getPayload_asU8()));
}
