import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBlock } from '@alliance/network/block';
import {
  createCommitter,
  type ChaincodeDefinitionView,
  type CommittedConfig,
  type Committer,
} from '@alliance/network/committer';
import { openPeerLedger, type PeerLedger } from '@alliance/network/ledger';
import type { common } from '@alliance/network/protos';
import {
  buildEndorserTransaction,
  buildRwset,
  chaincodeDefinitions,
  createTestChannel,
  type EndorserTxOptions,
  type NamespaceSpec,
  type TestChannel,
} from '../support';

/** A peer's ledger and committer over a test channel, with shortcuts to build transactions. */
export interface CommitHarness {
  ledger: PeerLedger;
  committer: Committer;
  configs: CommittedConfig[];
  /** An endorser transaction by `creator` (org name, User1) endorsed by the named orgs' peers. */
  tx(
    rwset: Record<string, NamespaceSpec>,
    endorsers: string[],
    overrides?: Partial<EndorserTxOptions> & { creatorOrg?: string },
  ): { envelope: Uint8Array; txId: string };
  /** Builds the next block of the envelopes, signs it as the orderer and commits it. */
  commit(envelopes: Uint8Array[]): Promise<number[]>;
  /** The next block, unsigned. */
  nextBlock(envelopes: Uint8Array[]): common.Block;
  close(): Promise<void>;
}

/** Opens a fresh ledger, commits the channel's genesis block and creates the committer. */
export async function openHarness(
  channel: TestChannel,
  chaincodes: ChaincodeDefinitionView = chaincodeDefinitions(),
): Promise<CommitHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'committer-'));
  const ledger = await openPeerLedger(dir);
  const configs: CommittedConfig[] = [];
  const committer = createCommitter({
    channel: () => channel.config,
    ledger,
    chaincodes,
    onConfig: (c) => configs.push(c),
  });
  await committer.commitBlock(channel.genesis);
  const nextBlock = (envelopes: Uint8Array[]): common.Block =>
    createBlock(ledger.height, ledger.currentHash(), envelopes);
  return {
    ledger,
    committer,
    configs,
    tx: (rwset, endorsers, overrides = {}) =>
      buildEndorserTransaction({
        channelId: channel.def.channel,
        chaincode: 'provenance',
        creator: channel.user(overrides.creatorOrg ?? 'platform'),
        endorsers: endorsers.map((org) => channel.peer(org)),
        rwset: buildRwset(rwset),
        ...overrides,
      }),
    nextBlock,
    commit: async (envelopes) => [
      ...(await committer.commitBlock(channel.signAsOrderer(nextBlock(envelopes)))),
    ],
    close: async () => {
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A test channel (once per file) and a fresh harness per test, set up and torn down by jest hooks. */
export interface HarnessScope {
  channel: TestChannel;
  h: CommitHarness;
}

/** Registers the hooks that give every test of the file a fresh ledger on a shared channel. */
export function useCommitHarness(): HarnessScope {
  const scope = {} as HarnessScope;
  // Generating a channel's keys and certificates takes seconds on a loaded machine.
  beforeAll(async () => {
    scope.channel = await createTestChannel();
  }, 60_000);
  afterAll(() => {
    scope.channel.cleanup();
  });
  beforeEach(async () => {
    scope.h = await openHarness(scope.channel);
  }, 20_000);
  afterEach(async () => {
    await scope.h.close();
  });
  return scope;
}
