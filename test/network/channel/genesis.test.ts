import { createHash } from 'node:crypto';
import { dataHash } from '@alliance/network/block';
import {
  type ChannelConfig,
  buildGenesisBlock,
  configFromBlock,
  defaultAcls,
  parseChannelConfig,
  parseDuration,
} from '@alliance/network/channel';
import { PKI_TIMEOUT_MS, type TestPki, createTestPki } from '../fixtures/pki';
import { common, msp, orderer, peer } from '@alliance/network/protos';

let pki: TestPki;
let blockBytes: Uint8Array;
let parsed: ChannelConfig;

beforeAll(async () => {
  pki = await createTestPki(['a', 'b', 'c']);
  blockBytes = buildGenesisBlock(
    pki.definition,
    pki.crypto,
    new Date('2026-01-02T03:04:05Z'),
  ).serializeBinary();
  // Everything below reads the block back from its bytes, as a peer joining the channel would.
  const { channelId, config } = configFromBlock(common.Block.deserializeBinary(blockBytes));
  parsed = parseChannelConfig(config, channelId);
}, PKI_TIMEOUT_MS);

afterAll(() => {
  pki.remove();
});

function group(path: string[]): common.ConfigGroup {
  let g = parsed.config.getChannelGroup()!;
  for (const key of path) g = g.getGroupsMap().get(key)!;
  return g;
}

function policyText(path: string[], name: string): string {
  const policy = group(path).getPoliciesMap().get(name)!.getPolicy()!;
  if (policy.getType() === common.Policy.PolicyType.IMPLICIT_META) {
    const meta = common.ImplicitMetaPolicy.deserializeBinary(policy.getValue_asU8());
    return `${['ANY', 'ALL', 'MAJORITY'][meta.getRule()]} ${meta.getSubPolicy()}`;
  }
  const env = common.SignaturePolicyEnvelope.deserializeBinary(policy.getValue_asU8());
  return env
    .getIdentitiesList()
    .map((p) => {
      const role = msp.MSPRole.deserializeBinary(p.getPrincipal_asU8());
      return `${role.getMspIdentifier()}.${['member', 'admin', 'client', 'peer', 'orderer'][role.getRole()]}`;
    })
    .join(' ');
}

describe('genesis block', () => {
  it('is block 0 holding one CONFIG envelope, as configtxgen makes it', () => {
    const block = common.Block.deserializeBinary(blockBytes);
    const header = block.getHeader()!;
    expect(header.getNumber()).toBe(0);
    expect(header.getPreviousHash_asU8()).toHaveLength(0);
    expect(Buffer.from(header.getDataHash_asU8())).toEqual(Buffer.from(dataHash(block.getData()!)));
    const [envelopeBytes] = block.getData()!.getDataList_asU8();
    const envelope = common.Envelope.deserializeBinary(envelopeBytes!);
    expect(envelope.getSignature_asU8()).toHaveLength(0);
    const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
    const channelHeader = common.ChannelHeader.deserializeBinary(
      payload.getHeader()!.getChannelHeader_asU8(),
    );
    const signatureHeader = common.SignatureHeader.deserializeBinary(
      payload.getHeader()!.getSignatureHeader_asU8(),
    );
    expect(channelHeader.getType()).toBe(common.HeaderType.CONFIG);
    expect(channelHeader.getChannelId()).toBe('alliance');
    expect(channelHeader.getTimestamp()!.getSeconds()).toBe(Date.parse('2026-01-02T03:04:05Z') / 1000);
    expect(signatureHeader.getCreator_asU8()).toHaveLength(0);
    expect(channelHeader.getTxId()).toBe(
      createHash('sha256').update(signatureHeader.getNonce_asU8()).digest('hex'),
    );
    const configEnvelope = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8());
    expect(configEnvelope.getConfig()!.getSequence()).toBe(0);
    const metadata = block.getMetadata()!.getMetadataList_asU8();
    expect(metadata).toHaveLength(5);
    const lastConfig = common.LastConfig.deserializeBinary(
      common.Metadata.deserializeBinary(metadata[1]!).getValue_asU8(),
    );
    expect(lastConfig.getIndex()).toBe(0);
    const signatures = common.Metadata.deserializeBinary(metadata[0]!);
    expect(
      common.OrdererBlockMetadata.deserializeBinary(signatures.getValue_asU8()).getLastConfig()!.getIndex(),
    ).toBe(0);
  });

  it('has the configtx groups, policies and mod_policies', () => {
    const root = group([]);
    expect([...root.getGroupsMap().keys()].sort()).toEqual(['Application', 'Orderer']);
    expect([...root.getValuesMap().keys()].sort()).toEqual([
      'BlockDataHashingStructure',
      'Capabilities',
      'HashingAlgorithm',
      'OrdererAddresses',
    ]);
    expect(root.getModPolicy()).toBe('Admins');
    expect(root.getValuesMap().get('OrdererAddresses')!.getModPolicy()).toBe('/Channel/Orderer/Admins');
    expect(
      common.HashingAlgorithm.deserializeBinary(
        root.getValuesMap().get('HashingAlgorithm')!.getValue_asU8(),
      ).getName(),
    ).toBe('SHA256');
    expect(
      common.BlockDataHashingStructure.deserializeBinary(
        root.getValuesMap().get('BlockDataHashingStructure')!.getValue_asU8(),
      ).getWidth(),
    ).toBe(4294967295);
    expect(['Readers', 'Writers', 'Admins'].map((p) => policyText([], p))).toEqual([
      'ANY Readers',
      'ANY Writers',
      'MAJORITY Admins',
    ]);
    expect(
      ['Readers', 'Writers', 'Admins', 'Endorsement', 'LifecycleEndorsement'].map((p) =>
        policyText(['Application'], p),
      ),
    ).toEqual([
      'ANY Readers',
      'ANY Writers',
      'MAJORITY Admins',
      'MAJORITY Endorsement',
      'MAJORITY Endorsement',
    ]);
    expect(
      ['Readers', 'Writers', 'Admins', 'Endorsement'].map((p) => policyText(['Application', 'b'], p)),
    ).toEqual(['BMSP.admin BMSP.peer BMSP.client', 'BMSP.admin BMSP.client', 'BMSP.admin', 'BMSP.peer']);
    expect(policyText(['Orderer'], 'BlockValidation')).toBe('ANY Writers');
    expect(['Readers', 'Admins'].map((p) => policyText(['Orderer', 'orderer'], p))).toEqual([
      'OrdererMSP.member',
      'OrdererMSP.admin',
    ]);
    const orgGroup = group(['Application', 'a']);
    expect(orgGroup.getModPolicy()).toBe('Admins');
    expect([...orgGroup.getValuesMap().values()].map((v) => v.getModPolicy())).toEqual(['Admins', 'Admins']);
    const anchors = peer.AnchorPeers.deserializeBinary(
      orgGroup.getValuesMap().get('AnchorPeers')!.getValue_asU8(),
    ).getAnchorPeersList();
    expect(anchors.map((a) => a.getHost())).toEqual(['peer0.a.alliance.test']);
  });

  it('carries each org MSP with NodeOUs and its CA', () => {
    const mspValue = msp.MSPConfig.deserializeBinary(
      group(['Application', 'c']).getValuesMap().get('MSP')!.getValue_asU8(),
    );
    const fabric = msp.FabricMSPConfig.deserializeBinary(mspValue.getConfig_asU8());
    expect(fabric.getName()).toBe('CMSP');
    expect(Buffer.from(fabric.getRootCertsList_asU8()[0]!).toString()).toBe(pki.org('c').caCertPem);
    expect(Buffer.from(fabric.getTlsRootCertsList_asU8()[0]!).toString()).toBe(pki.org('c').tlsCaCertPem);
    const ous = fabric.getFabricNodeOus()!;
    expect(ous.getEnable()).toBe(true);
    expect(
      [
        ous.getClientOuIdentifier(),
        ous.getPeerOuIdentifier(),
        ous.getAdminOuIdentifier(),
        ous.getOrdererOuIdentifier(),
      ].map((o) => o!.getOrganizationalUnitIdentifier()),
    ).toEqual(['client', 'peer', 'admin', 'orderer']);
    expect(fabric.getCryptoConfig()!.getIdentityIdentifierHashFunction()).toBe('SHA256');
  });

  it('configures an etcdraft orderer with one consenter and the batch settings', () => {
    const values = group(['Orderer']).getValuesMap();
    expect([...values.keys()].sort()).toEqual([
      'BatchSize',
      'BatchTimeout',
      'Capabilities',
      'ChannelRestrictions',
      'ConsensusType',
    ]);
    const consensus = orderer.ConsensusType.deserializeBinary(values.get('ConsensusType')!.getValue_asU8());
    expect(consensus.getType()).toBe('etcdraft');
    const consenters = orderer.etcdraft.ConfigMetadata.deserializeBinary(
      consensus.getMetadata_asU8(),
    ).getConsentersList();
    expect(consenters.map((c) => [c.getHost(), c.getPort()])).toEqual([['orderer.alliance.test', 0]]);
    expect(Buffer.from(consenters[0]!.getServerTlsCert_asU8()).toString()).toBe(
      pki.crypto.orderer.node.tls.certPem,
    );
    expect(
      orderer.BatchTimeout.deserializeBinary(values.get('BatchTimeout')!.getValue_asU8()).getTimeout(),
    ).toBe('250ms');
    const endpoints = common.OrdererAddresses.deserializeBinary(
      group(['Orderer', 'orderer']).getValuesMap().get('Endpoints')!.getValue_asU8(),
    );
    expect(endpoints.getAddressesList()).toEqual(['orderer.alliance.test:0']);
  });
});

describe('parsed channel config', () => {
  it('lists the orgs, batch, addresses, capabilities and ACLs', () => {
    expect(parsed.channelId).toBe('alliance');
    expect(parsed.sequence).toBe(0);
    expect(parsed.applicationOrgs).toEqual([
      { name: 'a', mspId: 'AMSP' },
      { name: 'b', mspId: 'BMSP' },
      { name: 'c', mspId: 'CMSP' },
    ]);
    expect(parsed.ordererOrgs).toEqual([{ name: 'orderer', mspId: 'OrdererMSP' }]);
    expect(parsed.batch).toEqual({
      timeoutMs: 250,
      maxMessageCount: 100,
      absoluteMaxBytes: 10485760,
      preferredMaxBytes: 2097152,
    });
    expect(parsed.ordererAddresses).toEqual(['orderer.alliance.test:0']);
    expect(parsed.capabilities).toEqual({ channel: ['V2_0'], application: ['V2_0'], orderer: ['V2_0'] });
    expect(parsed.acls).toEqual(defaultAcls());
    expect(parsed.acls).toMatchObject({
      '_lifecycle/CommitChaincodeDefinition': '/Channel/Application/Writers',
      'qscc/GetBlockByNumber': '/Channel/Application/Readers',
      'cscc/GetConfigBlock': '/Channel/Application/Readers',
      'peer/Propose': '/Channel/Application/Writers',
      'peer/ChaincodeToChaincode': '/Channel/Application/Writers',
      'event/Block': '/Channel/Application/Readers',
      'event/FilteredBlock': '/Channel/Application/Readers',
      'gateway/CommitStatus': '/Channel/Application/Readers',
    });
  });

  it('validates the generated identities with the MSPs from the block', () => {
    const user = pki.signer('b/User2');
    expect(parsed.msps.deserialize(user.serialized)).toMatchObject({
      mspId: 'BMSP',
      role: 'client',
      attributes: { 'alliance.role': 'analyst' },
    });
    expect(parsed.msps.mspIds().sort()).toEqual(['AMSP', 'BMSP', 'CMSP', 'OrdererMSP']);
  });

  it('parses a later config: an org removed, ACL overridden, sequence moved on', () => {
    const config = common.Config.deserializeBinary(parsed.config.serializeBinary());
    config.setSequence(1);
    const application = config.getChannelGroup()!.getGroupsMap().get('Application')!;
    application.getGroupsMap().del('c');
    const acls = peer.ACLs.deserializeBinary(application.getValuesMap().get('ACLs')!.getValue_asU8());
    acls.getAclsMap().get('qscc/GetChainInfo')!.setPolicyRef('/Channel/Application/Admins');
    application.getValuesMap().get('ACLs')!.setValue(acls.serializeBinary());
    const later = parseChannelConfig(config, 'alliance');
    expect(later.sequence).toBe(1);
    expect(later.applicationOrgs.map((o) => o.mspId)).toEqual(['AMSP', 'BMSP']);
    expect(later.acls['qscc/GetChainInfo']).toBe('/Channel/Application/Admins');
    expect(() => later.msps.deserialize(pki.signer('c/User1').serialized)).toThrow(
      /not a member of the channel/,
    );
    // MAJORITY of 2 orgs is both.
    const sign = (who: string[]) =>
      who
        .map((w) => pki.signer(w))
        .map((s) => ({
          data: Buffer.from('x'),
          identity: s.serialized,
          signature: s.sign(Buffer.from('x')),
        }));
    expect(later.policies.evaluate('/Channel/Application/Endorsement', sign(['a/peer']))).toBe(false);
    expect(later.policies.evaluate('/Channel/Application/Endorsement', sign(['a/peer', 'b/peer']))).toBe(
      true,
    );
  });

  it('refuses blocks without a config and configs without groups', () => {
    const block = common.Block.deserializeBinary(blockBytes);
    const empty = new common.BlockData();
    block.setData(empty);
    expect(() => configFromBlock(block)).toThrow(
      expect.objectContaining({ code: 'NOT_A_CONFIG_BLOCK' }) as Error,
    );
    const config = common.Config.deserializeBinary(parsed.config.serializeBinary());
    config.getChannelGroup()!.getGroupsMap().del('Orderer');
    expect(() => parseChannelConfig(config, 'alliance')).toThrow('/Channel has no Orderer group');
  });

  it('reads Go durations', () => {
    expect(['2s', '250ms', '1m30s', '1.5s'].map(parseDuration)).toEqual([2000, 250, 90000, 1500]);
    expect(() => parseDuration('2 seconds')).toThrow(/not a duration/);
  });
});
