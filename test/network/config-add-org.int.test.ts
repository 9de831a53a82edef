import { readFileSync } from 'node:fs';
import type { Contract } from '@hyperledger/fabric-gateway';
import type { PeerNode } from '@alliance/network/peer';
import type { ConnectionProfile } from '@alliance/network/profile';
import { common, peer } from '@alliance/network/protos';
import {
  addOrg,
  connectProfileGateway,
  startJoiningPeer,
  type JoiningPeer,
  type ProfileGateway,
} from '@alliance/network/runtime';
import { startTestNetwork, testDefinition, text, type TestNetwork } from './harness/network';
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

jest.setTimeout(180_000);

const Code = peer.TxValidationCode;

/** One submission of the background load: committed (with its code) or refused with an error. */
type Outcome = { committed: number } | { refused: string };

/** Submits puts from `contract` until stopped; every submission ends with an outcome. */
function startLoad(contract: Contract, concurrency = 3): { stop(): Promise<Outcome[]>; count(): number } {
  const outcomes: Outcome[] = [];
  let running = true;
  let started = 0;
  const worker = async (w: number): Promise<void> => {
    for (let i = 0; running; i++) {
      started++;
      try {
        const commit = await contract.submitAsync('put', { arguments: [`load-${w}-${i}`, `v${i}`] });
        outcomes.push({ committed: (await commit.getStatus()).code });
      } catch (err) {
        outcomes.push({ refused: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
      }
    }
  };
  const workers = Array.from({ length: concurrency }, (_, w) => worker(w));
  return {
    count: () => outcomes.length,
    stop: async () => {
      running = false;
      await Promise.all(workers);
      expect(outcomes).toHaveLength(started);
      return outcomes;
    },
  };
}

async function chainHeight(connection: ProfileGateway, channel: string): Promise<number> {
  const bytes = await connection.gateway
    .getNetwork(channel)
    .getContract('qscc')
    .evaluateTransaction('GetChainInfo', channel);
  return common.BlockchainInfo.deserializeBinary(bytes).getHeight();
}

describe('adding an org while submissions continue', () => {
  let net: TestNetwork;
  let channel: string;
  let joining: JoiningPeer | undefined;
  let importerPeer: PeerNode;
  let profile: ConnectionProfile;
  const extra: ProfileGateway[] = [];

  beforeAll(async () => {
    net = await startTestNetwork(testDefinition({ orgs: 3 }));
    channel = net.definition.channel;
  });
  afterAll(async () => {
    for (const c of extra) c.close();
    await joining?.stop();
    await net.stop();
  });

  it('prepares the org, its peer joins once a majority of admins add it, and nothing submitted is lost', async () => {
    const added = await addOrg({ stateDir: net.stateDir, name: 'importer', roles: ['IMPORTER'] });
    expect(added.org).toMatchObject({ mspId: 'ImporterMSP', domain: 'importer.alliance.test' });
    profile = JSON.parse(readFileSync(added.profilePath, 'utf8')) as ConnectionProfile;
    expect(profile.orgs.importer?.identities.Admin).toBeDefined();
    expect(profile.orgs.importer?.peer.endpoint).toBe(`127.0.0.1:${added.definition.anchorPeer.port}`);
    const group = common.ConfigGroup.deserializeBinary(readFileSync(added.definition.configGroupFile));
    expect(Buffer.from(group.serializeBinary()).toString('base64')).toBe(added.definition.configGroup);
    expect(added.definition.policies.Endorsement).toBe("OR('ImporterMSP.peer')");

    // The peer starts now and waits: the orderer refuses it block 0 until the org is a member.
    joining = startJoiningPeer({ stateDir: net.stateDir, org: 'importer', retryMs: 200 });
    const load = startLoad(net.connect('platform').gateway.getNetwork(channel).getContract('testcc'));
    await eventually(() => load.count() >= 5);

    const { config } = await configThrough(net.connect('brand'), channel);
    const update = computeConfigUpdate(
      channel,
      config,
      editConfig(config, (root) => applicationOf(root).getGroupsMap().set('importer', group)),
    ).serializeBinary();
    const signers = ['platform', 'brand'].map((org) => profileSigner(net.profile, org));
    const response = await broadcastTo(
      net.profile,
      configUpdateTransaction(channel, signConfigUpdate(update, signers), signers[0]!),
    );
    expect(response.getStatus()).toBe(common.Status.SUCCESS);

    importerPeer = await joining.joined;
    const importer = connectProfileGateway(profile, 'importer', 'User1');
    extra.push(importer);
    const reference = net.connect('supplier');
    await eventually(async () => importerPeer.ledger.height >= (await chainHeight(reference, channel)) - 1);

    const before = load.count();
    await eventually(() => load.count() >= before + 5);
    const outcomes = await load.stop();
    const committed = outcomes.filter((o) => 'committed' in o && o.committed === Code.VALID).length;
    expect(committed).toBeGreaterThan(5);
    // Anything else failed with a code the caller sees (a validation code or a gateway error).
    for (const outcome of outcomes) {
      if ('committed' in outcome) expect(Object.values(Code)).toContain(outcome.committed);
      else expect(outcome.refused).toMatch(/\w+Error: /);
    }
    for (const org of [...net.definition.orgs.map((o) => o.name)]) {
      await eventually(async () =>
        applicationOrgNames((await configThrough(net.connect(org), channel)).config).includes('importer'),
      );
    }
    expect(applicationOrgNames((await configThrough(importer, channel)).config)).toEqual([
      'brand',
      'importer',
      'platform',
      'supplier',
    ]);
  });

  it("the new org's peer endorses and its user submits (MAJORITY Endorsement now needs three of four orgs)", async () => {
    const importer = connectProfileGateway(profile, 'importer', 'User1');
    extra.push(importer);
    const contract = importer.gateway.getNetwork(channel).getContract('testcc');
    const proposal = contract.newProposal('put', {
      arguments: ['imported-lot', 'L-1'],
      endorsingOrganizations: ['ImporterMSP', 'PlatformMSP', 'BrandMSP'],
    });
    const status = await (await (await proposal.endorse()).submit()).getStatus();
    expect(status.code).toBe(Code.VALID);
    // Two endorsements no longer satisfy the channel's MAJORITY of four orgs.
    const tooFew = contract.newProposal('put', {
      arguments: ['imported-lot', 'L-2'],
      endorsingOrganizations: ['ImporterMSP', 'PlatformMSP'],
    });
    expect((await (await (await tooFew.endorse()).submit()).getStatus()).code).toBe(
      Code.ENDORSEMENT_POLICY_FAILURE,
    );
    // Another org's gateway reaches the new peer at the anchor peer its org group announces.
    const platform = net.connect('platform').gateway.getNetwork(channel).getContract('testcc');
    const viaPlatform = platform.newProposal('put', {
      arguments: ['imported-lot', 'L-3'],
      endorsingOrganizations: ['PlatformMSP', 'ImporterMSP', 'SupplierMSP'],
    });
    expect((await (await (await viaPlatform.endorse()).submit()).getStatus()).code).toBe(Code.VALID);
    expect(
      text(
        await net
          .connect('supplier')
          .gateway.getNetwork(channel)
          .getContract('testcc')
          .evaluateTransaction('get', 'imported-lot'),
      ),
    ).toBe('L-3');
  });
});
