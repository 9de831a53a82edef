import { createHash } from 'node:crypto';
import {
  computeTxId,
  parseEndorserTransaction,
  parseEnvelope,
  peekChannelHeader,
  TxParseError,
} from '@alliance/network/block';
import { common, peer } from '@alliance/network/protos';
import { buildEndorserTransaction, buildRwset, type EndorserTxOptions, type TxSigner } from '../support';

const Code = peer.TxValidationCode;
const signer = (name: string): TxSigner => ({
  serialized: Buffer.from(name),
  sign: (data) => createHash('sha256').update(name).update(data).digest(),
});
const creator = signer('creator');
const base: EndorserTxOptions = {
  channelId: 'alliance',
  chaincode: 'provenance',
  creator,
  endorsers: [signer('peer-a'), signer('peer-b')],
  rwset: buildRwset({ provenance: { reads: [{ key: 'r' }], writes: [{ key: 'w', value: 'v' }] } }),
  timestamp: new Date('2026-05-06T07:08:09.5Z'),
  event: { name: 'Created', payload: Buffer.from('{}') },
};

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (err instanceof TxParseError) return err.code;
    throw err;
  }
}

describe('endorser transaction parsing', () => {
  it('takes an envelope apart, keeping the signed byte strings', () => {
    const built = buildEndorserTransaction(base);
    const tx = parseEndorserTransaction(built.envelope);
    expect(tx.txId).toBe(built.txId);
    expect(tx.txId).toBe(computeTxId(tx.nonce, tx.creator));
    expect(Buffer.from(tx.creator)).toEqual(Buffer.from('creator'));
    expect(tx.channelId).toBe('alliance');
    expect(tx.type).toBe(common.HeaderType.ENDORSER_TRANSACTION);
    expect(tx.timestamp).toEqual({ seconds: Date.parse('2026-05-06T07:08:09Z') / 1000, nanos: 500_000_000 });
    expect(tx.chaincodeName).toBe('provenance');
    expect(Buffer.from(tx.proposalResponsePayloadBytes)).toEqual(Buffer.from(built.proposalResponsePayload));
    expect(tx.endorsements.map((e) => Buffer.from(e.getEndorser_asU8()).toString())).toEqual([
      'peer-a',
      'peer-b',
    ]);
    expect(Buffer.from(tx.rwsetBytes)).toEqual(Buffer.from(base.rwset));
    expect(tx.rwset.map((ns) => ns.namespace)).toEqual(['provenance']);
    expect(tx.rwset[0]!.kv.getWritesList()[0]!.getKey()).toBe('w');
    expect(tx.event?.getEventName()).toBe('Created');
    expect(tx.chaincodeAction.getChaincodeId()?.getVersion()).toBe('1.0');
    const envelope = common.Envelope.deserializeBinary(built.envelope);
    expect(Buffer.from(tx.payloadBytes)).toEqual(Buffer.from(envelope.getPayload_asU8()));
    expect(peekChannelHeader(built.envelope)?.getTxId()).toBe(built.txId);
    expect(peekChannelHeader(Buffer.from('junk'))).toBeUndefined();
  });

  it('names the defect with the code a Fabric committer gives it', () => {
    expect(codeOf(() => parseEnvelope(Buffer.from('junk')))).toBe(Code.INVALID_OTHER_REASON);
    expect(codeOf(() => parseEnvelope(new Uint8Array(0)))).toBe(Code.BAD_COMMON_HEADER);
    const badHash = buildEndorserTransaction({ ...base, proposalHash: Buffer.alloc(32) }).envelope;
    expect(codeOf(() => parseEndorserTransaction(badHash))).toBe(Code.INVALID_ENDORSER_TRANSACTION);
    const renamed = buildEndorserTransaction({ ...base, actionChaincode: 'other' }).envelope;
    expect(codeOf(() => parseEndorserTransaction(renamed))).toBe(Code.INVALID_CHAINCODE);
    const foreignEvent = buildEndorserTransaction({
      ...base,
      event: { name: 'E', chaincodeId: 'x' },
    }).envelope;
    expect(codeOf(() => parseEndorserTransaction(foreignEvent))).toBe(Code.INVALID_OTHER_REASON);
    const badRwset = buildEndorserTransaction({ ...base, rwset: Buffer.from([0xff, 0xff]) }).envelope;
    expect(codeOf(() => parseEndorserTransaction(badRwset))).toBe(Code.BAD_RWSET);
    const twice = new Uint8Array([...buildRwset({ a: {} }), ...buildRwset({ a: {} })]);
    const repeated = buildEndorserTransaction({ ...base, rwset: twice }).envelope;
    expect(codeOf(() => parseEndorserTransaction(repeated))).toBe(Code.ILLEGAL_WRITESET);
  });

  it('refuses an empty nonce or creator, and a non-zero epoch', () => {
    const envelope = common.Envelope.deserializeBinary(buildEndorserTransaction(base).envelope);
    const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
    const header = payload.getHeader()!;
    const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
    channelHeader.setEpoch(1);
    header.setChannelHeader(channelHeader.serializeBinary());
    envelope.setPayload(payload.serializeBinary());
    expect(codeOf(() => parseEnvelope(envelope.serializeBinary()))).toBe(Code.BAD_COMMON_HEADER);
    channelHeader.setEpoch(0);
    header.setChannelHeader(channelHeader.serializeBinary());
    header.setSignatureHeader(new common.SignatureHeader().serializeBinary());
    envelope.setPayload(payload.serializeBinary());
    expect(codeOf(() => parseEnvelope(envelope.serializeBinary()))).toBe(Code.BAD_COMMON_HEADER);
  });
});
