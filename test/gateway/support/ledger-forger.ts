// A forger with write access to a copy of the block files: edits a block, then re-hashes the
// chain from there and re-signs every block it touched with a key of its own, so that header
// links and data hashes hold and only deeper checks can catch the edit.
import { randomBytes } from 'node:crypto';
// The gateway's copy of the protos (0.3.x): the root copy (0.2.x, pulled by the shim) shares jspb's
// global namespace and lacks newer fields, so mixing the two breaks serialization.
import { common, ledger, msp, peer } from '../../../gateway/node_modules/@hyperledger/fabric-protos';
import { blockDataHash, blockHeaderDer, blockHeaderHash, signLowS } from '@alliance/gateway';
import type { TestIdentity } from './pki';

/** The forger's signing identity (serialized) and key. */
export interface ForgerKey {
  readonly serialized: Uint8Array;
  readonly identity: TestIdentity;
}

/** Serializes a forger identity claiming an MSP. */
export function forgerKey(mspId: string, identity: TestIdentity): ForgerKey {
  const sid = new msp.SerializedIdentity();
  sid.setMspid(mspId);
  sid.setIdBytes(Buffer.from(identity.certPem));
  return { serialized: sid.serializeBinary(), identity };
}

/** Recomputes data hashes and previous hashes from block `from` on, and re-signs those blocks. */
export function rechain(blocks: common.Block[], from: number, key: ForgerKey): void {
  for (let n = from; n < blocks.length; n++) {
    const b = blocks[n]!;
    const h = b.getHeader()!;
    h.setDataHash(blockDataHash(b.getData()));
    if (n > 0) h.setPreviousHash(blockHeaderHash(blocks[n - 1]!.getHeader()!));
    if (n > 0) resign(b, key);
  }
}

function resign(b: common.Block, key: ForgerKey): void {
  const list = b.getMetadata()!.getMetadataList_asU8();
  const md = common.Metadata.deserializeBinary(list[common.BlockMetadataIndex.SIGNATURES]!);
  const shdr = new common.SignatureHeader();
  shdr.setCreator(key.serialized);
  shdr.setNonce(randomBytes(24));
  const shdrBytes = shdr.serializeBinary();
  const h = b.getHeader()!;
  const der = blockHeaderDer(BigInt(h.getNumber()), h.getPreviousHash_asU8(), h.getDataHash_asU8());
  const sig = new common.MetadataSignature();
  sig.setSignatureHeader(shdrBytes);
  sig.setSignature(signLowS(key.identity.key, Buffer.concat([md.getValue_asU8(), shdrBytes, der])));
  md.setSignaturesList([sig]);
  const copy = [...list];
  copy[common.BlockMetadataIndex.SIGNATURES] = md.serializeBinary();
  b.getMetadata()!.setMetadataList(copy);
}

/** The endorsed parts of transaction `i` of a block, decoded for editing, with a function to write them back. */
export function openTransaction(b: common.Block, i: number) {
  const data = b.getData()!.getDataList_asU8();
  const env = common.Envelope.deserializeBinary(data[i]!);
  const payload = common.Payload.deserializeBinary(env.getPayload_asU8());
  const tx = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const action = tx.getActionsList()[0]!;
  const cap = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
  const endorsed = cap.getAction()!;
  const prp = peer.ProposalResponsePayload.deserializeBinary(endorsed.getProposalResponsePayload_asU8());
  const ccAction = peer.ChaincodeAction.deserializeBinary(prp.getExtension_asU8());
  const save = (): void => {
    prp.setExtension$(ccAction.serializeBinary());
    endorsed.setProposalResponsePayload(prp.serializeBinary());
    cap.setAction(endorsed);
    action.setPayload(cap.serializeBinary());
    tx.setActionsList([action]);
    payload.setData(tx.serializeBinary());
    env.setPayload(payload.serializeBinary());
    const list = [...data];
    list[i] = env.serializeBinary();
    b.getData()!.setDataList(list);
  };
  return {
    endorsed,
    ccAction,
    save,
    txId: common.ChannelHeader.deserializeBinary(payload.getHeader()!.getChannelHeader_asU8()).getTxId(),
  };
}

/** Flips one byte of the first written value of transaction `i` (in namespace `ns`). */
export function flipWrittenValue(b: common.Block, i: number, ns: string): string {
  const t = openTransaction(b, i);
  const rwset = ledger.rwset.TxReadWriteSet.deserializeBinary(t.ccAction.getResults_asU8());
  const nsSet = rwset.getNsRwsetList().find((n) => n.getNamespace() === ns)!;
  const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(nsSet.getRwset_asU8());
  const write = kv.getWritesList().find((w) => w.getValue_asU8().length > 0)!;
  const value = Buffer.from(write.getValue_asU8());
  value[Math.floor(value.length / 2)]! ^= 0x01;
  write.setValue(value);
  nsSet.setRwset(kv.serializeBinary());
  t.ccAction.setResults(rwset.serializeBinary());
  t.save();
  return write.getKey();
}

/** Removes transaction `i` from a block (envelope and validation flag). */
export function dropTransaction(b: common.Block, i: number): void {
  const data = [...b.getData()!.getDataList_asU8()];
  data.splice(i, 1);
  b.getData()!.setDataList(data);
  const list = [...b.getMetadata()!.getMetadataList_asU8()];
  const filter = [...list[common.BlockMetadataIndex.TRANSACTIONS_FILTER]!];
  filter.splice(i, 1);
  list[common.BlockMetadataIndex.TRANSACTIONS_FILTER] = Uint8Array.from(filter);
  b.getMetadata()!.setMetadataList(list);
}

/** Replaces the first endorsement of transaction `i` with an endorsement taken from another transaction. */
export function swapEndorsement(b: common.Block, i: number, donor: peer.Endorsement): void {
  const t = openTransaction(b, i);
  const list = t.endorsed.getEndorsementsList();
  list[0] = donor;
  t.endorsed.setEndorsementsList(list);
  t.save();
}

/** The first endorsement of transaction `i` of a block. */
export function endorsementOf(b: common.Block, i: number): peer.Endorsement {
  return openTransaction(b, i).endorsed.getEndorsementsList()[0]!;
}

/** Adds a root certificate to an org's MSP in the genesis config (a forger making its own key an orderer). */
export function addRootToGenesis(
  genesis: common.Block,
  section: 'Orderer' | 'Application',
  rootPem: string,
): void {
  const data = genesis.getData()!.getDataList_asU8();
  const env = common.Envelope.deserializeBinary(data[0]!);
  const payload = common.Payload.deserializeBinary(env.getPayload_asU8());
  const ce = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8());
  const group = ce.getConfig()!.getChannelGroup()!.getGroupsMap().get(section)!;
  const orgName: string = group.getGroupsMap().keys().next().value;
  const value = group.getGroupsMap().get(orgName)!.getValuesMap().get('MSP')!;
  const cfg = msp.MSPConfig.deserializeBinary(value.getValue_asU8());
  const fabric = msp.FabricMSPConfig.deserializeBinary(cfg.getConfig_asU8());
  fabric.addRootCerts(Buffer.from(rootPem));
  cfg.setConfig(fabric.serializeBinary());
  value.setValue(cfg.serializeBinary());
  payload.setData(ce.serializeBinary());
  env.setPayload(payload.serializeBinary());
  genesis.getData()!.setDataList([env.serializeBinary()]);
}

/** The MSP ID of the orderer org in a genesis block. */
export function ordererMspId(genesis: common.Block): string {
  const env = common.Envelope.deserializeBinary(genesis.getData()!.getDataList_asU8()[0]!);
  const ce = common.ConfigEnvelope.deserializeBinary(
    common.Payload.deserializeBinary(env.getPayload_asU8()).getData_asU8(),
  );
  const group = ce.getConfig()!.getChannelGroup()!.getGroupsMap().get('Orderer')!;
  const org = group.getGroupsMap().get(group.getGroupsMap().keys().next().value)!;
  return msp.FabricMSPConfig.deserializeBinary(
    msp.MSPConfig.deserializeBinary(org.getValuesMap().get('MSP')!.getValue_asU8()).getConfig_asU8(),
  ).getName();
}
