// The auditor on a ledger that went through a real channel config update: an importer added by a
// majority of admins (the way admin-importer does it), then made a member, registering and
// shipping a lot of its own. The config block becomes the config in force from the next block on,
// so the importer's transactions are validated under the config that knows its MSP; forged config
// blocks are located at the config block.
import { createPrivateKey } from 'node:crypto';
import { common } from '../../gateway/node_modules/@hyperledger/fabric-protos';
import {
  blockHeaderHash,
  compareWithPeer,
  createSignaturePool,
  deliverBlockSource,
  directoryBlockSource,
  replayLedger,
  writeBlockFile,
  type AllianceClient,
  type Anomaly,
  type ReplayOutcome,
  type SignaturePool,
} from '@alliance/gateway';
import { loadCryptoMaterial } from '@alliance/network/crypto';
import { addedOrgs, stateLayout } from '@alliance/network/runtime';
import { itOn, type AddedOrgPeer } from '../network/support/runtime';
import { addImporter, admitImporter } from './support/add-importer';
import { startBootstrappedAlliance, type BootstrappedAlliance } from './support/alliance';
import { replayedState, storedState } from './support/peer-state';
import { keepUpdateSignatures, updateSigners } from './support/config-forger';
import { addRootToGenesis, forgerKey, rechain, type ForgerKey } from './support/ledger-forger';
import { issue, newCa, tempDir } from './support/pki';
import { GTIN_A, lotInput, purchaseOrder, when } from './support/supply';

jest.setTimeout(300_000);

const ORGS = ['platform', 'brand', 'supplier', 'lab', 'verifier', 'importer'];

let a: BootstrappedAlliance;
let joining: AddedOrgPeer | undefined;
let pool: SignaturePool;
let blocks: Uint8Array[];
let genesisHash: string;
let configBlock: number;
let replay: ReplayOutcome;
const clients: AllianceClient[] = [];

beforeAll(async () => {
  a = await startBootstrappedAlliance();
  pool = createSignaturePool(2);
  const { applied } = await addImporter(a, (peer) => (joining = peer));
  configBlock = Number(applied.blockNumber);
  const importer = await admitImporter(a);
  clients.push(importer);
  const lot = await importer.lots.register(lotInput(GTIN_A, 'IMP-1'));
  await importer.lots.ship({
    lotId: lot.result.id,
    to: 'BrandMSP',
    bizTransactionList: purchaseOrder('IMP-1'),
    ...when(),
  });
  await a.settle();
  const source = deliverBlockSource(a.as('platform/auditor').connection);
  blocks = [];
  for await (const b of source.blocks(0, await source.height())) blocks.push(b);
  genesisHash = Buffer.from(
    blockHeaderHash(common.Block.deserializeBinary(blocks[0]!).getHeader()!),
  ).toString('hex');
  replay = await replayLedger({
    source: deliverBlockSource(a.as('platform/auditor').connection),
    pool,
    genesisHash,
  });
});
afterAll(async () => {
  for (const c of clients) c.close();
  // beforeAll may have failed before the pool existed.
  await (pool as SignaturePool | undefined)?.close();
  await joining?.stop();
  await (a as BootstrappedAlliance | undefined)?.stop();
});

/** Audits a copy of the ledger, edited by a forger, and returns the errors found. */
async function auditForged(edit: (bs: common.Block[]) => void): Promise<Anomaly[]> {
  // Decoded bytes fields are views of the input: decode copies so the fetched blocks stay untouched.
  const bs = blocks.map((b) => common.Block.deserializeBinary(Uint8Array.from(b)));
  edit(bs);
  const dir = tempDir('alliance-audit-config-');
  for (const [n, b] of bs.entries()) await writeBlockFile(dir, n, b.serializeBinary());
  const out = await replayLedger({ source: directoryBlockSource(dir), pool, genesisHash, window: 4 });
  return out.state.anomalies.filter((x) => x.severity === 'error');
}

/** The orderer's own signing key: an insider who can sign blocks and config transactions. */
async function ordererKey(): Promise<ForgerKey> {
  const crypto = await loadCryptoMaterial(a.net.definition, a.net.stateDir);
  const { certPem, keyPem } = crypto.orderer.node.identity;
  return forgerKey(crypto.orderer.mspId, { certPem, keyPem, key: createPrivateKey(keyPem) });
}

const importerTxs = () => replay.state.txs.filter((t) => t.creatorMspId === 'ImporterMSP');

describe('auditing a ledger through a real config update that added an org', () => {
  it('replays it through Deliver to a clean report, the config block becoming the last config', () => {
    expect(replay.state.anomalies).toEqual([]);
    expect(replay.blocksReplayed).toBe(blocks.length);
    for (const t of replay.state.txs) expect(t.auditedCode).toBe(t.recordedCode);
    const configTxs = replay.state.txs.filter((t) => t.kind === 'config' && t.block > 0);
    expect(configTxs).toEqual([expect.objectContaining({ block: configBlock, tx: 0, auditedCode: 0 })]);
    expect(replay.state.lastConfigBlock).toBe(configBlock);
    expect(replay.state.config?.sequence).toBe(1);
    expect([...replay.state.config!.msps.keys()]).toContain('ImporterMSP');
    expect(configBlock).toBeLessThan(blocks.length - 3);
    expect(updateSigners(common.Block.deserializeBinary(blocks[configBlock]!)).sort()).toEqual([
      'BrandMSP',
      'PlatformMSP',
      'SupplierMSP',
    ]);
  });

  it("validates the new org's transactions under the new config, its own peer endorsing its lot", () => {
    const mine = importerTxs();
    // On real Fabric the org's first transaction approves the chaincode definition for itself.
    const lots = mine.filter((t) => t.fn?.startsWith('lots:'));
    expect(lots.map((t) => t.fn)).toEqual(['lots:RegisterLot', 'lots:ShipLot']);
    for (const t of mine) {
      expect(t.auditedCode).toBe(0);
      expect(t.block).toBeGreaterThan(configBlock);
      expect(t.endorserMspIds).toContain('ImporterMSP');
    }
    expect(replay.state.orgs.get('ImporterMSP')).toMatchObject({
      submitted: mine.length,
      valid: mine.length,
      invalid: 0,
    });
    expect(replay.state.world.get('provenance', `\u0000lot\u0000${GTIN_A}.IMP-1\u0000`)?.version.block).toBe(
      lots[1]!.block,
    );
  });

  it('locates a config block whose update carries too few admin signatures, though the orderer itself re-signed it', async () => {
    const key = await ordererKey();
    const found = await auditForged((bs) => {
      keepUpdateSignatures(bs[configBlock]!, (mspId) => mspId === 'PlatformMSP', key);
      rechain(bs, configBlock, key);
    });
    // The orderer's signatures hold: only the config update's mod_policy check can catch this.
    expect(found.filter((x) => x.check === 'orderer-signature' || x.check === 'previous-hash')).toEqual([]);
    expect(found[0]).toMatchObject({
      block: configBlock,
      tx: 0,
      check: 'validation-code',
      detail: expect.stringMatching(
        /block records VALID, re-validation gives INVALID_CONFIG_TRANSACTION: .*mod_policy/,
      ) as unknown,
    });
    // The update refused, the old config stays in force: the importer is no member of it.
    const [first] = importerTxs();
    expect(found).toContainEqual(
      expect.objectContaining({
        block: first!.block,
        tx: first!.tx,
        check: 'validation-code',
        detail: expect.stringMatching(/BAD_CREATOR_SIGNATURE/) as unknown,
      }),
    );
  });

  it("locates a config block whose content was edited and re-signed with the forger's own key", async () => {
    const ca = await newCa('forger');
    const forger = forgerKey('OrdererMSP', await issue(ca, { cn: 'orderer.forger', ou: 'orderer' }));
    const found = await auditForged((bs) => {
      // The forger makes its own CA an orderer root from the config block on, then signs every block from there.
      addRootToGenesis(bs[configBlock]!, 'Orderer', ca.pem);
      rechain(bs, configBlock, forger);
    });
    expect(found.filter((x) => x.block < configBlock)).toEqual([]);
    expect(found).toContainEqual(expect.objectContaining({ block: configBlock, check: 'orderer-signature' }));
    expect(found).toContainEqual(
      expect.objectContaining({
        block: configBlock,
        tx: 0,
        check: 'config-update',
        detail: expect.stringMatching(
          /\/Channel\/Orderer\/.*changed in the new configuration without a signed update/,
        ) as unknown,
      }),
    );
    // The forged config is never adopted, so the forger's key signs no later block validly either.
    for (let n = configBlock + 1; n < blocks.length; n++)
      expect(found).toContainEqual(expect.objectContaining({ block: n, check: 'orderer-signature' }));
  });

  it("rebuilds a state every peer's signed answers agree with, the new org's included", async () => {
    for (const org of ORGS) {
      const c = await compareWithPeer(a.as(`${org}/User1`).connection, replay.state, 'provenance');
      expect(c.differences).toEqual([]);
      expect(c.keysCompared).toBeGreaterThan(0);
    }
  });

  it('runs as `alliance audit --compare` through Deliver as the new org, exit 0 with a clean report', async () => {
    const run = await a.cli(
      'importer/User1',
      '--json',
      'audit',
      '--genesis-hash',
      genesisHash,
      '--compare',
      '--workers',
      '1',
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out) as {
      clean: boolean;
      summary: { blocks: number; transactions: number; invalid: number };
      stateComparison: { peerMspId: string; differences: unknown[]; keysCompared: number };
    };
    expect(report.clean).toBe(true);
    expect(report.summary).toMatchObject({ blocks: blocks.length, transactions: replay.state.txs.length });
    expect(report.stateComparison).toMatchObject({ peerMspId: 'ImporterMSP', differences: [] });
    expect(report.stateComparison.keysCompared).toBeGreaterThan(0);
  });

  itOn(['embedded'], "it reads the embedded peers' stored state (nodes/<peer>)")(
    "rebuilds exactly every peer's stored state, versions included",
    async () => {
      await joining?.stop();
      joining = undefined;
      await a.net.network.stop();
      const orgs = [...a.net.definition.orgs, ...addedOrgs(a.net.stateDir)];
      expect(orgs.map((o) => o.name)).toEqual(ORGS);
      const namespaces = ['provenance', '_lifecycle'];
      for (const org of orgs)
        expect(await storedState(stateLayout(a.net.stateDir).nodeDir(org.peer.host), namespaces)).toEqual(
          replayedState(replay.state.world, namespaces),
        );
    },
  );
});
