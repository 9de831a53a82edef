import { lastConfigIndex } from '@alliance/network/block';
import { applicationOrgGroup, configFromBlock } from '@alliance/network/channel';
import { generateCryptoMaterial } from '@alliance/network/crypto';
import { defaultNetworkDefinition } from '@alliance/network/definition';
import { common } from '@alliance/network/protos';
import { startTestNetwork, testDefinition, type TestNetwork } from './harness/network';
import {
  applicationOf,
  computeConfigUpdate,
  configUpdateTransaction,
  editConfig,
  signConfigUpdate,
} from './support/config-update';
import {
  applicationOrgNames,
  broadcastTo,
  configThrough,
  eventually,
  profileSigner,
} from './support/config-network';

jest.setTimeout(120_000);

// Three orgs: MAJORITY Admins needs two of them.
describe('config updates through the orderer Broadcast, applied by every peer', () => {
  let net: TestNetwork;
  let channel: string;
  let labGroup: common.ConfigGroup;

  const currentConfig = async (org = 'platform'): Promise<{ block: common.Block; config: common.Config }> =>
    configThrough(net.connect(org), channel);

  const addLabUpdate = (config: common.Config): Uint8Array =>
    computeConfigUpdate(
      channel,
      config,
      editConfig(config, (root) => applicationOf(root).getGroupsMap().set('lab', labGroup)),
    ).serializeBinary();

  beforeAll(async () => {
    net = await startTestNetwork(testDefinition({ orgs: 3 }));
    channel = net.definition.channel;
    // The fourth default org's material, made with the network's generator next to the others.
    const lab = defaultNetworkDefinition().orgs.find((o) => o.name === 'lab');
    if (!lab) throw new Error('no lab org in the default definition');
    const crypto = await generateCryptoMaterial(
      { ...net.definition, orgs: [...net.definition.orgs, { ...lab, peer: { ...lab.peer, port: 0 } }] },
      net.stateDir,
    );
    const labCrypto = crypto.orgs.lab;
    if (!labCrypto) throw new Error('no lab crypto');
    labGroup = applicationOrgGroup(labCrypto, 0);
  });
  afterAll(async () => {
    await net.stop();
  });

  it('refuses an update signed by too few admins, naming the policy, and changes nothing', async () => {
    const before = await currentConfig();
    const update = addLabUpdate(before.config);
    const envelope = configUpdateTransaction(
      channel,
      signConfigUpdate(update, [profileSigner(net.profile, 'platform')]),
      profileSigner(net.profile, 'platform'),
    );
    const response = await broadcastTo(net.profile, envelope);
    expect(response.getStatus()).toBe(common.Status.BAD_REQUEST);
    expect(response.getInfo()).toBe(
      `error applying config update to existing channel '${channel}': error authorizing update: ` +
        'error validating DeltaSet: policy for [Group]  /Channel/Application not satisfied: ' +
        "implicit policy evaluation failed - 1 sub-policies were satisfied, but this policy requires 2 of the 'Admins' sub-policies to be satisfied",
    );
    const after = await currentConfig();
    expect(after.block.getHeader()?.getNumber()).toBe(before.block.getHeader()?.getNumber());
    expect(after.config.getSequence()).toBe(before.config.getSequence());
  });

  it('refuses an update whose read set is stale', async () => {
    const { config } = await currentConfig();
    const stale = editConfig(config, (root) => {
      applicationOf(root).setVersion(applicationOf(root).getVersion() + 5);
    });
    const update = addLabUpdate(stale);
    const signers = ['platform', 'brand'].map((o) => profileSigner(net.profile, o));
    const response = await broadcastTo(
      net.profile,
      configUpdateTransaction(
        channel,
        signConfigUpdate(update, signers),
        profileSigner(net.profile, 'platform'),
      ),
    );
    expect(response.getStatus()).toBe(common.Status.BAD_REQUEST);
    expect(response.getInfo()).toMatch(
      /error validating ReadSet: proposed update requires that key \[Group\] {2}\/Channel\/Application be at version 5/,
    );
  });

  it('refuses a submitter who is not a channel writer', async () => {
    const { config } = await currentConfig();
    const signers = ['platform', 'brand'].map((o) => profileSigner(net.profile, o));
    const outsider = { serialized: new Uint8Array([1, 2, 3]), sign: () => new Uint8Array([4]) };
    const response = await broadcastTo(
      net.profile,
      configUpdateTransaction(channel, signConfigUpdate(addLabUpdate(config), signers), outsider),
    );
    expect(response.getStatus()).toBe(common.Status.FORBIDDEN);
  });

  it('applies an update signed by a majority of admins on every peer, alone in its block', async () => {
    const before = await currentConfig();
    const signers = ['platform', 'brand'].map((o) => profileSigner(net.profile, o));
    const envelope = configUpdateTransaction(
      channel,
      signConfigUpdate(addLabUpdate(before.config), signers),
      profileSigner(net.profile, 'brand'),
    );
    const response = await broadcastTo(net.profile, envelope);
    expect(response.getInfo()).toBe('');
    expect(response.getStatus()).toBe(common.Status.SUCCESS);
    const expectedBlock = (before.block.getHeader()?.getNumber() ?? 0) + 1;
    for (const org of net.definition.orgs) {
      await eventually(
        async () => (await currentConfig(org.name)).config.getSequence() === before.config.getSequence() + 1,
      );
      const { block, config } = await currentConfig(org.name);
      expect(applicationOrgNames(config)).toEqual(['brand', 'lab', 'platform', 'supplier']);
      expect(block.getData()?.getDataList().length).toBe(1);
      expect(block.getHeader()?.getNumber()).toBeGreaterThanOrEqual(expectedBlock);
      // The CONFIG envelope carries the update it came from.
      const payload = common.Payload.deserializeBinary(
        common.Envelope.deserializeBinary(
          block.getData()?.getDataList_asU8()[0] as Uint8Array,
        ).getPayload_asU8(),
      );
      const lastUpdate = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()).getLastUpdate();
      expect(Buffer.from(lastUpdate?.getPayload_asU8() ?? []).equals(envelope.getPayload_asU8())).toBe(true);
      expect(configFromBlock(block).config.getSequence()).toBe(1);
    }
    // Blocks cut after it name it as the last config block.
    const platform = net.connect('platform');
    await platform.gateway
      .getNetwork(channel)
      .getContract('testcc')
      .submitTransaction('put', 'after-config', 'x');
    const qscc = platform.gateway.getNetwork(channel).getContract('qscc');
    const height = common.BlockchainInfo.deserializeBinary(
      await qscc.evaluateTransaction('GetChainInfo', channel),
    ).getHeight();
    const last = common.Block.deserializeBinary(
      await qscc.evaluateTransaction('GetBlockByNumber', channel, String(height - 1)),
    );
    const { block: configBlock } = await currentConfig();
    expect(lastConfigIndex(last)).toBe(configBlock.getHeader()?.getNumber());
    expect(last.getHeader()?.getNumber()).toBeGreaterThan(configBlock.getHeader()?.getNumber() ?? 0);
  });
});
