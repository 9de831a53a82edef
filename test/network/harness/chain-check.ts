import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { common, msp, peer } from '@alliance/network/protos';

/**
 * An independent re-check of a stored chain, sharing no code with the committer or the block
 * module: header chain (ASN.1 DER header hash written out here), data hash, the orderer's block
 * signature, and for every VALID endorser transaction the creator's signature, each
 * endorsement signature and the binding of the response payload to the proposal.
 */
export function checkChain(
  blocks: Uint8Array[],
  opts: { ordererMspId: string; appMspIds: string[]; minEndorsingOrgs: number },
): string[] {
  const problems: string[] = [];
  let previous: common.BlockHeader | undefined;
  blocks.forEach((bytes, num) => {
    const block = common.Block.deserializeBinary(bytes);
    const header = block.getHeader();
    if (!header) return problems.push(`block ${num}: no header`);
    if (header.getNumber() !== num) problems.push(`block ${num}: numbered ${header.getNumber()}`);
    const expectedPrevious = previous ? sha256(derHeader(previous)) : new Uint8Array();
    if (!equal(header.getPreviousHash_asU8(), expectedPrevious))
      problems.push(`block ${num}: previous hash does not link`);
    const envelopes = block.getData()?.getDataList_asU8() ?? [];
    if (!equal(header.getDataHash_asU8(), sha256(Buffer.concat(envelopes))))
      problems.push(`block ${num}: data hash mismatch`);
    if (num > 0)
      problems.push(
        ...checkBlockSignature(block, header, opts.ordererMspId).map((p) => `block ${num}: ${p}`),
      );
    const filter =
      block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ??
      new Uint8Array();
    if (filter.length !== envelopes.length)
      problems.push(`block ${num}: filter has ${filter.length} codes for ${envelopes.length} txs`);
    envelopes.forEach((env, i) => {
      if (filter[i] === peer.TxValidationCode.VALID)
        problems.push(...checkValidTx(env, opts).map((p) => `block ${num} tx ${i}: ${p}`));
    });
    previous = header;
  });
  return problems;
}

function checkBlockSignature(
  block: common.Block,
  header: common.BlockHeader,
  ordererMspId: string,
): string[] {
  const slot = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.SIGNATURES];
  if (!slot || slot.length === 0) return ['no orderer signature'];
  const metadata = common.Metadata.deserializeBinary(slot);
  const signatures = metadata.getSignaturesList();
  if (signatures.length === 0) return ['no orderer signature'];
  return signatures.flatMap((s) => {
    const creator = msp.SerializedIdentity.deserializeBinary(
      common.SignatureHeader.deserializeBinary(s.getSignatureHeader_asU8()).getCreator_asU8(),
    );
    if (creator.getMspid() !== ordererMspId) return [`block signed by ${creator.getMspid()}`];
    const data = Buffer.concat([metadata.getValue_asU8(), s.getSignatureHeader_asU8(), derHeader(header)]);
    return verifySignature(creator, data, s.getSignature_asU8()) ? [] : ['orderer signature does not verify'];
  });
}

function checkValidTx(
  envelopeBytes: Uint8Array,
  opts: { appMspIds: string[]; minEndorsingOrgs: number },
): string[] {
  const envelope = common.Envelope.deserializeBinary(envelopeBytes);
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const header = payload.getHeader();
  if (!header) return ['no header'];
  const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  if (channelHeader.getType() !== common.HeaderType.ENDORSER_TRANSACTION) return [];
  const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
  const creator = msp.SerializedIdentity.deserializeBinary(signatureHeader.getCreator_asU8());
  const problems: string[] = [];
  if (!verifySignature(creator, envelope.getPayload_asU8(), envelope.getSignature_asU8()))
    problems.push('creator signature does not verify');
  const txId = createHash('sha256')
    .update(signatureHeader.getNonce_asU8())
    .update(signatureHeader.getCreator_asU8())
    .digest('hex');
  if (txId !== channelHeader.getTxId()) problems.push('tx id is not sha256(nonce || creator)');
  const action = peer.Transaction.deserializeBinary(payload.getData_asU8()).getActionsList()[0];
  const cap = action ? peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8()) : undefined;
  const endorsed = cap?.getAction();
  if (!action || !cap || !endorsed) return [...problems, 'no endorsed action'];
  const prpBytes = endorsed.getProposalResponsePayload_asU8();
  const proposalHash = sha256(
    Buffer.concat([
      header.getChannelHeader_asU8(),
      action.getHeader_asU8(),
      cap.getChaincodeProposalPayload_asU8(),
    ]),
  );
  if (!equal(peer.ProposalResponsePayload.deserializeBinary(prpBytes).getProposalHash_asU8(), proposalHash))
    problems.push('response payload not bound to the proposal');
  const orgs = new Set<string>();
  for (const endorsement of endorsed.getEndorsementsList()) {
    const endorser = msp.SerializedIdentity.deserializeBinary(endorsement.getEndorser_asU8());
    if (
      !verifySignature(
        endorser,
        Buffer.concat([prpBytes, endorsement.getEndorser_asU8()]),
        endorsement.getSignature_asU8(),
      )
    ) {
      problems.push(`endorsement by ${endorser.getMspid()} does not verify`);
    } else if (opts.appMspIds.includes(endorser.getMspid())) {
      orgs.add(endorser.getMspid());
    }
  }
  if (orgs.size < opts.minEndorsingOrgs)
    problems.push(`endorsed by ${orgs.size} orgs, fewer than ${opts.minEndorsingOrgs}`);
  return problems;
}

const keys = new Map<string, KeyObject>();

function verifySignature(identity: msp.SerializedIdentity, data: Uint8Array, signature: Uint8Array): boolean {
  const pem = Buffer.from(identity.getIdBytes_asU8()).toString('utf8');
  let key = keys.get(pem);
  if (!key) {
    key = createPublicKey(pem);
    keys.set(pem, key);
  }
  return verify('sha256', data, { key, dsaEncoding: 'der' }, signature);
}

/** DER SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }. */
function derHeader(header: common.BlockHeader): Buffer {
  const body = Buffer.concat([
    derInteger(header.getNumber()),
    derTlv(0x04, header.getPreviousHash_asU8()),
    derTlv(0x04, header.getDataHash_asU8()),
  ]);
  return derTlv(0x30, body);
}

function derInteger(value: number): Buffer {
  let hex = BigInt(value).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return derTlv(0x02, bytes);
}

function derTlv(tag: number, content: Uint8Array): Buffer {
  const length = content.length;
  const lengthBytes =
    length < 0x80
      ? Buffer.from([length])
      : length < 0x100
        ? Buffer.from([0x81, length])
        : Buffer.from([0x82, length >> 8, length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), lengthBytes, content]);
}

const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();
const equal = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));
