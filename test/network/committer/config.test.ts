import { randomBytes } from 'node:crypto';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { computeTxId, txFilter } from '@alliance/network/block';
import { common, peer } from '@alliance/network/protos';
import { useCommitHarness } from './harness';

const Code = peer.TxValidationCode;

describe('committer: config blocks', () => {
  const scope = useCommitHarness();

  /** A CONFIG envelope carrying the current config at the given sequence, signed by the orderer. */
  function configTx(sequence: number): Uint8Array {
    const orderer = scope.channel.orderer();
    const config = common.Config.deserializeBinary(scope.channel.config.config.serializeBinary());
    config.setSequence(sequence);
    const configEnvelope = new common.ConfigEnvelope();
    configEnvelope.setConfig(config);
    const nonce = randomBytes(24);
    const channelHeader = new common.ChannelHeader();
    channelHeader.setType(common.HeaderType.CONFIG);
    channelHeader.setChannelId(scope.channel.def.channel);
    channelHeader.setTxId(computeTxId(nonce, orderer.serialized));
    channelHeader.setTimestamp(Timestamp.fromDate(new Date()));
    const signatureHeader = new common.SignatureHeader();
    signatureHeader.setCreator(orderer.serialized);
    signatureHeader.setNonce(nonce);
    const header = new common.Header();
    header.setChannelHeader(channelHeader.serializeBinary());
    header.setSignatureHeader(signatureHeader.serializeBinary());
    const payload = new common.Payload();
    payload.setHeader(header);
    payload.setData(configEnvelope.serializeBinary());
    const envelope = new common.Envelope();
    envelope.setPayload(payload.serializeBinary());
    envelope.setSignature(orderer.sign(envelope.getPayload_asU8()));
    return envelope.serializeBinary();
  }

  it('commits the genesis block as it is, every transaction valid', () => {
    const genesis = scope.h.ledger.getBlock(0)!;
    expect([...txFilter(genesis)]).toEqual([Code.VALID]);
    expect(scope.h.configs).toEqual([]);
  });

  it('applies a config block with the next sequence and hands the new config over after commit', async () => {
    expect(await scope.h.commit([configTx(1)])).toEqual([Code.VALID]);
    expect(scope.h.configs).toHaveLength(1);
    expect(scope.h.configs[0]).toMatchObject({ channelId: 'alliance', blockNum: 1 });
    expect(scope.h.configs[0]!.config.getSequence()).toBe(1);
    expect(scope.h.ledger.height).toBe(2);
  });

  it('rejects a config that does not follow the current sequence, or shares its block', async () => {
    expect(await scope.h.commit([configTx(5)])).toEqual([Code.INVALID_CONFIG_TRANSACTION]);
    const t = scope.h.tx({ provenance: { writes: [{ key: 'k', value: 'v' }] } }, ['platform', 'brand']);
    expect(await scope.h.commit([configTx(1), t.envelope])).toEqual([
      Code.INVALID_CONFIG_TRANSACTION,
      Code.VALID,
    ]);
    expect(scope.h.configs).toEqual([]);
  });
});
