import { randomBytes } from 'node:crypto';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { computeTxId, txFilter } from '@alliance/network/block';
import { proposeConfigUpdate } from '@alliance/network/channel';
import type { Signer } from '@alliance/network/identity';
import { common, peer } from '@alliance/network/protos';
import {
  applicationOf,
  computeConfigUpdate,
  configUpdateTransaction,
  editConfig,
  signConfigUpdate,
} from '../support/config-update';
import { useCommitHarness } from './harness';

const Code = peer.TxValidationCode;

describe('committer: config blocks', () => {
  const scope = useCommitHarness();

  const channelId = (): string => scope.channel.def.channel;
  const admins = (...orgs: string[]): Signer[] => orgs.map((org) => scope.channel.user(org, 'Admin'));

  /** A CONFIG_UPDATE changing the Application ACLs (mod_policy MAJORITY Admins), signed by `signers`. */
  function aclUpdate(signers: Signer[], policyRef = '/Channel/Application/Writers'): common.Envelope {
    const current = scope.channel.config.config;
    const updated = editConfig(current, (root) => {
      const acls = peer.ACLs.deserializeBinary(
        applicationOf(root).getValuesMap().get('ACLs')!.getValue_asU8(),
      );
      const api = new peer.APIResource();
      api.setPolicyRef(policyRef);
      acls.getAclsMap().set('qscc/GetChainInfo', api);
      applicationOf(root).getValuesMap().get('ACLs')!.setValue(acls.serializeBinary());
    });
    const update = computeConfigUpdate(channelId(), current, updated).serializeBinary();
    return configUpdateTransaction(channelId(), signConfigUpdate(update, signers), signers[0]!);
  }

  /** A CONFIG envelope signed by the orderer, carrying `config` at `sequence` and `lastUpdate`. */
  function configTx(
    sequence: number,
    lastUpdate = aclUpdate(admins('platform', 'brand')),
    config?: common.Config,
  ): Uint8Array {
    const configEnvelope = config
      ? (() => {
          const e = new common.ConfigEnvelope();
          e.setConfig(config);
          e.setLastUpdate(lastUpdate);
          return e;
        })()
      : proposeConfigUpdate(scope.channel.config, lastUpdate);
    configEnvelope.getConfig()!.setSequence(sequence);
    const orderer = scope.channel.orderer();
    const nonce = randomBytes(24);
    const channelHeader = new common.ChannelHeader();
    channelHeader.setType(common.HeaderType.CONFIG);
    channelHeader.setChannelId(channelId());
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

  it('rejects a config whose last_update is signed by too few admins', async () => {
    const proposed = proposeConfigUpdate(
      scope.channel.config,
      aclUpdate(admins('platform', 'brand')),
    ).getConfig()!;
    const weak = aclUpdate(admins('platform'));
    expect(await scope.h.commit([configTx(1, weak, proposed)])).toEqual([Code.INVALID_CONFIG_TRANSACTION]);
    expect(scope.h.configs).toEqual([]);
  });

  it('rejects a config that its last_update does not produce', async () => {
    const other = proposeConfigUpdate(
      scope.channel.config,
      aclUpdate(admins('platform', 'brand'), '/Channel/Application/Admins'),
    ).getConfig()!;
    expect(await scope.h.commit([configTx(1, aclUpdate(admins('brand', 'supplier')), other)])).toEqual([
      Code.INVALID_CONFIG_TRANSACTION,
    ]);
    expect(scope.h.configs).toEqual([]);
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
