import { generateKeyPairSync, sign } from 'node:crypto';
import { common, peer } from '@alliance/network/protos';
import { withEnvelopeSignature } from '../support';
import { useCommitHarness } from './harness';

const Code = peer.TxValidationCode;
const write = (key: string, value = 'v'): { writes: { key: string; value: string }[] } => ({
  writes: [{ key, value }],
});

describe('committer: transaction checks', () => {
  const scope = useCommitHarness();

  it('commits the genesis block and a valid endorsed transaction', async () => {
    expect(scope.h.ledger.height).toBe(1);
    const t = scope.h.tx({ provenance: write('lot1', 'L1') }, ['platform', 'brand']);
    expect(await scope.h.commit([t.envelope])).toEqual([Code.VALID]);
    expect(Buffer.from(scope.h.ledger.state.get('provenance', 'lot1')!.value).toString()).toBe('L1');
    expect(scope.h.ledger.getTx(t.txId)).toEqual({ blockNum: 1, txNum: 0, code: Code.VALID });
  });

  it('rejects a forged creator signature', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const t = scope.h.tx({ provenance: write('k') }, ['platform', 'brand']);
    const forged = withEnvelopeSignature(t.envelope, sign('sha256', Buffer.from('other'), privateKey));
    expect(await scope.h.commit([forged])).toEqual([Code.BAD_CREATOR_SIGNATURE]);
    expect(scope.h.ledger.state.get('provenance', 'k')).toBeUndefined();
    expect(scope.h.ledger.getTx(t.txId)?.code).toBe(Code.BAD_CREATOR_SIGNATURE);
  });

  it('rejects a tx id that is not hex(sha256(nonce || creator))', async () => {
    const t = scope.h.tx({ provenance: write('k') }, ['platform', 'brand'], { txId: 'f'.repeat(64) });
    expect(await scope.h.commit([t.envelope])).toEqual([Code.BAD_PROPOSAL_TXID]);
  });

  it('marks duplicate tx ids in the same block and in later blocks', async () => {
    const t = scope.h.tx({ provenance: write('k') }, ['platform', 'brand']);
    expect(await scope.h.commit([t.envelope, t.envelope])).toEqual([Code.VALID, Code.DUPLICATE_TXID]);
    expect(await scope.h.commit([t.envelope])).toEqual([Code.DUPLICATE_TXID]);
    expect(scope.h.ledger.getTx(t.txId)).toEqual({ blockNum: 1, txNum: 0, code: Code.VALID });
  });

  it('rejects another channel, a broken proposal hash and a malformed envelope', async () => {
    const other = scope.h.tx({ provenance: write('a') }, ['platform', 'brand'], { channelId: 'elsewhere' });
    const badHash = scope.h.tx({ provenance: write('b') }, ['platform', 'brand'], {
      proposalHash: Buffer.alloc(32),
    });
    const garbage = Buffer.from('not an envelope at all');
    expect(await scope.h.commit([other.envelope, badHash.envelope, garbage])).toEqual([
      Code.TARGET_CHAIN_NOT_FOUND,
      Code.INVALID_ENDORSER_TRANSACTION,
      Code.INVALID_OTHER_REASON, // Fabric: the envelope cannot be taken from the block
    ]);
    const codes = await scope.h.commit([Buffer.alloc(0)]);
    expect(codes).toEqual([Code.BAD_COMMON_HEADER]);
  });

  it('rejects unsupported header types', async () => {
    const creator = scope.channel.user('platform');
    const header = new common.ChannelHeader();
    header.setType(common.HeaderType.CONFIG_UPDATE);
    header.setChannelId('alliance');
    const signatureHeader = new common.SignatureHeader();
    signatureHeader.setCreator(creator.serialized);
    signatureHeader.setNonce(Buffer.alloc(24, 1));
    const payloadHeader = new common.Header();
    payloadHeader.setChannelHeader(header.serializeBinary());
    payloadHeader.setSignatureHeader(signatureHeader.serializeBinary());
    const payload = new common.Payload();
    payload.setHeader(payloadHeader);
    payload.setData(Buffer.from('x'));
    const envelope = new common.Envelope();
    envelope.setPayload(payload.serializeBinary());
    envelope.setSignature(creator.sign(envelope.getPayload_asU8()));
    expect(await scope.h.commit([envelope.serializeBinary()])).toEqual([Code.UNSUPPORTED_TX_PAYLOAD]);
  });

  it('checks the chaincode: defined, action name matching the header, events of the invoked chaincode', async () => {
    const unknown = scope.h.tx({ ghost: write('k') }, ['platform', 'brand'], { chaincode: 'ghost' });
    const renamed = scope.h.tx({ provenance: write('k') }, ['platform', 'brand'], {
      actionChaincode: 'other',
    });
    const emptyVersion = scope.h.tx({ provenance: write('k') }, ['platform', 'brand'], {
      chaincodeVersion: '',
    });
    const foreignEvent = scope.h.tx({ provenance: write('k') }, ['platform', 'brand'], {
      event: { name: 'E', chaincodeId: 'other' },
    });
    const ownEvent = scope.h.tx({ provenance: write('e') }, ['platform', 'brand'], { event: { name: 'E' } });
    expect(
      await scope.h.commit([
        unknown.envelope,
        renamed.envelope,
        emptyVersion.envelope,
        foreignEvent.envelope,
        ownEvent.envelope,
      ]),
    ).toEqual([
      Code.INVALID_CHAINCODE,
      Code.INVALID_CHAINCODE,
      Code.INVALID_CHAINCODE,
      Code.INVALID_OTHER_REASON,
      Code.VALID,
    ]);
  });

  it('rejects writes to a namespace without a chaincode definition', async () => {
    const t = scope.h.tx({ provenance: write('k'), undefinedcc: write('x') }, ['platform', 'brand']);
    expect(await scope.h.commit([t.envelope])).toEqual([Code.INVALID_CHAINCODE]);
  });

  it('refuses unsigned, out-of-order, unlinked and tampered blocks, and commits nothing of them', async () => {
    const t = scope.h.tx({ provenance: write('k') }, ['platform', 'brand']);
    await expect(scope.h.committer.commitBlock(scope.h.nextBlock([t.envelope]))).rejects.toMatchObject({
      code: 'BAD_BLOCK_SIGNATURE',
    });
    const late = scope.channel.signAsOrderer(scope.h.nextBlock([t.envelope]));
    late.getHeader()!.setNumber(5);
    await expect(scope.h.committer.commitBlock(late)).rejects.toMatchObject({ code: 'BLOCK_OUT_OF_ORDER' });
    const unlinked = scope.h.nextBlock([t.envelope]);
    unlinked.getHeader()!.setPreviousHash(Buffer.alloc(32, 7));
    await expect(scope.h.committer.commitBlock(scope.channel.signAsOrderer(unlinked))).rejects.toMatchObject({
      code: 'BROKEN_HASH_CHAIN',
    });
    const tampered = scope.h.nextBlock([t.envelope]);
    tampered.getData()!.setDataList([t.envelope, t.envelope]);
    await expect(scope.h.committer.commitBlock(scope.channel.signAsOrderer(tampered))).rejects.toMatchObject({
      code: 'BAD_DATA_HASH',
    });
    expect(scope.h.ledger.height).toBe(1);
    expect(scope.h.ledger.getTx(t.txId)).toBeUndefined();
  });
});
