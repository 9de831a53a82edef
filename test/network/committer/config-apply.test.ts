import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBlock } from '@alliance/network/block';
import { createCommitter, type Committer } from '@alliance/network/committer';
import { openPeerLedger, type PeerLedger } from '@alliance/network/ledger';
import { processConfigUpdate } from '@alliance/network/orderer';
import { CommittedBlocks, TxWaiters } from '@alliance/network/peer';
import { common, peer } from '@alliance/network/protos';
import {
  buildEndorserTransaction,
  buildRwset,
  chaincodeDefinitions,
  createTestChannel,
  type TestChannel,
} from '../support';
import {
  applicationOf,
  computeConfigUpdate,
  configUpdateTransaction,
  editConfig,
  signConfigUpdate,
} from '../support/config-update';
import { addRevocationList, revocationList } from '../support/crl';

const Code = peer.TxValidationCode;

// A peer's own commit path (CommittedBlocks + committer) across config blocks the orderer made:
// transactions after a config block are validated under the new MSPs and policies.
describe('committer: transactions after a config change', () => {
  let channel: TestChannel;
  let dir: string;
  let ledger: PeerLedger;
  let blocks: CommittedBlocks;
  let committer: Committer;

  beforeAll(async () => {
    channel = await createTestChannel();
    dir = mkdtempSync(join(tmpdir(), 'config-apply-'));
    ledger = await openPeerLedger(dir);
    blocks = new CommittedBlocks(ledger, channel.config, new TxWaiters());
    committer = createCommitter({ channel: () => blocks.config, ledger, chaincodes: chaincodeDefinitions() });
    await blocks.commit(channel.genesis, committer);
  }, 60_000);
  afterAll(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
    channel.cleanup();
  });

  const commit = async (envelopes: Uint8Array[], lastConfig: number): Promise<number[]> => {
    const block = channel.signAsOrderer(
      createBlock(ledger.height, ledger.currentHash(), envelopes),
      lastConfig,
    );
    await blocks.commit(block, committer);
    return [
      ...(ledger
        .getBlock(ledger.height - 1)
        ?.getMetadata()
        ?.getMetadataList_asU8()[2] ?? []),
    ];
  };

  /** Orders a config update as the orderer does and commits the config block; returns its number. */
  const configBlock = async (
    signerOrgs: string[],
    edit: (root: common.ConfigGroup) => void,
  ): Promise<number> => {
    const current = blocks.config.config;
    const update = computeConfigUpdate(
      channel.def.channel,
      current,
      editConfig(current, edit),
    ).serializeBinary();
    const signers = signerOrgs.map((org) => channel.user(org, 'Admin'));
    const envelope = configUpdateTransaction(
      channel.def.channel,
      signConfigUpdate(update, signers),
      signers[0]!,
    );
    const accepted = processConfigUpdate(envelope, blocks.config, channel.orderer());
    if ('status' in accepted) throw new Error(accepted.info);
    const number = ledger.height;
    expect(await commit([accepted.envelope], number)).toEqual([Code.VALID]);
    return number;
  };

  const tx = (creator: { org: string; user: string }, endorsers: string[], key: string): Uint8Array =>
    buildEndorserTransaction({
      channelId: channel.def.channel,
      chaincode: 'provenance',
      creator: channel.user(creator.org, creator.user),
      endorsers: endorsers.map((org) => channel.peer(org)),
      rwset: buildRwset({ provenance: { writes: [{ key, value: 'v' }] } }),
    }).envelope;

  it('refuses a revoked creator with BAD_CREATOR_SIGNATURE from the next block on', async () => {
    const platform = channel.crypto.orgs.platform!;
    const crl = await revocationList(platform.caCertPem, platform.caKeyPem, [platform.users.User1!.certPem]);
    const before = tx({ org: 'platform', user: 'User1' }, ['platform', 'brand'], 'before');
    const at = await configBlock(['platform'], (root) => {
      addRevocationList(applicationOf(root).getGroupsMap().get('platform')!, crl);
    });
    expect(blocks.config.sequence).toBe(1);
    expect(
      await commit(
        [
          before,
          tx({ org: 'platform', user: 'Admin' }, ['platform', 'brand'], 'admin'),
          tx({ org: 'brand', user: 'User1' }, ['platform', 'brand'], 'brand'),
        ],
        at,
      ),
    ).toEqual([Code.BAD_CREATOR_SIGNATURE, Code.VALID, Code.VALID]);
  });

  it("counts a removed org's endorsement for nothing, and MAJORITY over the orgs that remain", async () => {
    const endorsedBySupplier = tx({ org: 'brand', user: 'User1' }, ['platform', 'supplier'], 'with-supplier');
    const at = await configBlock(['platform', 'brand'], (root) => {
      applicationOf(root).getGroupsMap().del('supplier');
    });
    expect(blocks.config.applicationOrgs.map((o) => o.name)).toEqual(['brand', 'platform']);
    expect(
      await commit(
        [
          endorsedBySupplier,
          tx({ org: 'supplier', user: 'User1' }, ['platform', 'brand'], 'by-supplier'),
          tx({ org: 'brand', user: 'User1' }, ['platform', 'brand'], 'remaining'),
        ],
        at,
      ),
    ).toEqual([Code.ENDORSEMENT_POLICY_FAILURE, Code.BAD_CREATOR_SIGNATURE, Code.VALID]);
  });
});
