import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { common } from '../../gateway/node_modules/@hyperledger/fabric-protos';
import { readFileSync } from 'node:fs';
import {
  blockHeaderHash,
  buildEvidence,
  compareWithPeer,
  runCli,
  connectAllianceClient,
  createSignaturePool,
  directoryBlockSource,
  peerStoreBlockSource,
  replayLedger,
  writeBlockFile,
  type AllianceClient,
  type Anomaly,
  type ReplayOutcome,
  type SignaturePool,
} from '@alliance/gateway';
import { stateLayout } from '@alliance/network/runtime';
import type { TestNetwork } from '../network/harness/network';
import { describeOn } from '../network/support/runtime';
import { FOUNDERS, startAllianceNetwork } from './support/alliance-network';
import {
  addRootToGenesis,
  dropTransaction,
  endorsementOf,
  flipWrittenValue,
  forgerKey,
  ordererMspId,
  rechain,
  swapEndorsement,
  type ForgerKey,
} from './support/ledger-forger';
import { replayedState, storedState } from './support/peer-state';
import { issue, newCa, tempDir } from './support/pki';

jest.setTimeout(180_000);

const SUPPLIER_GLN = '9506000130019';
const GTIN = '09506000134352';
const LOTS = 10;

let net: TestNetwork;
let pool: SignaturePool;
let blocks: Uint8Array[];
let genesisHash: string;
let clean: ReplayOutcome;
let forger: ForgerKey;
let forgerCaPem: string;
const clients: AllianceClient[] = [];
const as = (identity: string): AllianceClient => {
  const c = connectAllianceClient({ profile: net.network.profilePath, identity });
  clients.push(c);
  return c;
};
const when = (): { eventTime: string; eventTimeZoneOffset: string } => ({
  eventTime: new Date().toISOString(),
  eventTimeZoneOffset: '+08:00',
});
const peerDir = (org: string): string =>
  stateLayout(net.stateDir).nodeDir(net.definition.orgs.find((o) => o.name === org)!.peer.host);

/** A load run: lots registered concurrently, then shipped and received, so later transactions read earlier writes. */
async function loadRun(): Promise<void> {
  const platform = as('platform/Admin');
  const supplier = as('supplier/User1');
  const brand = as('brand/User1');
  await platform.members.bootstrap({ members: FOUNDERS.members.map((m) => ({ ...m, roles: [...m.roles] })) });
  const lots = await Promise.all(
    Array.from({ length: LOTS }, (_, i) =>
      supplier.lots.register({
        gtin: GTIN,
        lot: `L${i}`,
        supplierGln: SUPPLIER_GLN,
        countryOfOrigin: 'IN',
        expiryDate: '2027-12-31',
        quantity: 100,
        uom: 'KGM',
        ...when(),
      }),
    ),
  );
  const po = (i: number) => [
    { type: 'po' as const, bizTransaction: `urn:epcglobal:cbv:bt:${SUPPLIER_GLN}:PO-${i}` },
  ];
  await Promise.all(
    lots.map((l, i) =>
      supplier.lots.ship({ lotId: l.result.id, to: 'BrandMSP', bizTransactionList: po(i), ...when() }),
    ),
  );
  await Promise.all(
    lots
      .slice(0, LOTS / 2)
      .map((l, i) => brand.lots.receive({ lotId: l.result.id, bizTransactionList: po(i), ...when() })),
  );
}

async function copyBlocks(): Promise<Uint8Array[]> {
  const source = peerStoreBlockSource(peerDir('brand'));
  const out: Uint8Array[] = [];
  for await (const b of source.blocks(0, await source.height())) out.push(b);
  return out;
}

/** Writes the blocks, edited by a forger if asked, to a fresh directory. */
async function writeCopy(edit: (bs: common.Block[]) => void = () => undefined): Promise<string> {
  // Decoded bytes fields are views of the input: decode copies so the original blocks stay untouched.
  const bs = blocks.map((b) => common.Block.deserializeBinary(Uint8Array.from(b)));
  edit(bs);
  const dir = tempDir('alliance-audit-');
  for (const [n, b] of bs.entries()) await writeBlockFile(dir, n, b.serializeBinary());
  return dir;
}

/** Audits a forged copy and returns the errors found. */
async function auditCopy(edit: (bs: common.Block[]) => void): Promise<Anomaly[]> {
  const dir = await writeCopy(edit);
  const out = await replayLedger({ source: directoryBlockSource(dir), pool, genesisHash, window: 4 });
  return out.state.anomalies.filter((a) => a.severity === 'error');
}

const find = (fn: string, from = 0) =>
  clean.state.txs.find((t) => t.fn === fn && t.auditedCode === 0 && t.block >= from)!;

beforeAll(async () => {
  net = await startAllianceNetwork();
  pool = createSignaturePool(2);
  await loadRun();
  blocks = await copyBlocks();
  genesisHash = Buffer.from(
    blockHeaderHash(common.Block.deserializeBinary(blocks[0]!).getHeader()!),
  ).toString('hex');
  clean = await replayLedger({
    source: peerStoreBlockSource(peerDir('brand')),
    pool,
    genesisHash,
    to: blocks.length,
  });
  const ca = await newCa('forger');
  forgerCaPem = ca.pem;
  forger = forgerKey(
    ordererMspId(common.Block.deserializeBinary(blocks[0]!)),
    await issue(ca, { cn: 'orderer.forger', ou: 'orderer' }),
  );
});
afterAll(async () => {
  for (const c of clients) c.close();
  await pool.close();
  await net.stop();
});

describeOn(['embedded'], "it replays and forges from the embedded peers' block files (nodes/<peer>/blocks)")(
  'auditor replay of a real ledger',
  () => {
    it('gives an untouched ledger a clean report and re-validates every recorded code', () => {
      expect(clean.state.anomalies).toEqual([]);
      expect(clean.blocksReplayed).toBe(blocks.length);
      expect(clean.state.txs.filter((t) => t.fn === 'lots:RegisterLot' && t.auditedCode === 0)).toHaveLength(
        LOTS,
      );
      for (const t of clean.state.txs) expect(t.auditedCode).toBe(t.recordedCode);
    });

    it('compares the rebuilt state with every peer through queries the peer signs', async () => {
      for (const org of ['platform', 'brand', 'supplier']) {
        const c = await compareWithPeer(as(`${org}/User1`).connection, clean.state, 'provenance');
        expect(c.differences).toEqual([]);
        expect(c.probes).toBeGreaterThan(LOTS);
        expect(c.keysCompared).toBeGreaterThan(LOTS * 2);
      }
    });

    it('reports a peer whose state differs, with key, block and tx', async () => {
      // A replay stopped before the lots were shipped stands for a peer whose state went another way.
      const shipped = find('lots:ShipLot');
      const copy = await replayLedger({
        source: directoryBlockSource(await writeCopy()),
        pool,
        genesisHash,
        to: shipped.block,
      });
      const c = await compareWithPeer(as('brand/User1').connection, copy.state, 'provenance', 2);
      const registered = find('lots:RegisterLot');
      const lotKey = clean.state.txs
        .filter((t) => t.fn === 'lots:RegisterLot')
        .map((t) => [t.block, t.tx, t.txId]);
      const diffs = c.differences.filter((d) => d.check === 'state-version' && !d.detail.endsWith('absent'));
      expect(diffs.length).toBeGreaterThan(0);
      for (const d of diffs) expect(lotKey).toContainEqual([d.block, d.tx, d.txId]);
      expect(diffs[0]!.detail).toMatch(
        /holds provenance key ·lot·.* at \(\d+,\d+\); the replay holds it at \(\d+,\d+\)/,
      );
      expect(registered.block).toBeLessThan(shipped.block);
    });

    it('reports what a peer holds and a replay lacks: with every application transaction replayed invalid', async () => {
      // A forged chaincode commit makes the replay refuse the definition, then every transaction of the chaincode.
      const commit = clean.state.txs.find(
        (t) => t.fn === 'CommitChaincodeDefinition' && t.auditedCode === 0,
      )!;
      const dir = await writeCopy((bs) => {
        flipWrittenValue(bs[commit.block]!, commit.tx, '_lifecycle');
        rechain(bs, commit.block, forger);
      });
      const forged = await replayLedger({ source: directoryBlockSource(dir), pool, genesisHash });
      const app = forged.state.txs.filter((t) => t.fn?.includes(':'));
      expect(app.length).toBeGreaterThan(LOTS * 2);
      expect(app.filter((t) => t.auditedCode === 0)).toEqual([]);
      expect(forged.state.world.entries('provenance')).toEqual([]);
      const c = await compareWithPeer(as('brand/User1').connection, forged.state, 'provenance');
      const versions = c.differences.filter((d) => d.check === 'state-version');
      const shown = (k: string): string => k.split('\u0000').join('·');
      // The definition the peer holds, located at the commit the replay refused.
      expect(versions).toContainEqual(
        expect.objectContaining({
          block: commit.block,
          tx: commit.tx,
          txId: commit.txId,
          detail: expect.stringMatching(
            /_lifecycle key namespaces\/\w+\/provenance.* the replay holds it at absent$/,
          ) as unknown,
        }),
      );
      // Every lot, lot event and member the peer holds, at the write the peer names.
      const held = clean.state.world
        .entries('provenance')
        .filter(([k]) => ['lot', 'lot~event', 'member'].includes(k.split('\u0000')[1] ?? ''));
      expect(held.length).toBeGreaterThan(LOTS * 3);
      for (const [k, e] of held)
        expect(versions).toContainEqual({
          block: e.version.block,
          tx: e.version.tx,
          txId: e.txId,
          check: 'state-version',
          detail: `BrandMSP's peer holds provenance key ${shown(k)} at (${e.version.block},${e.version.tx}); the replay holds it at absent`,
          severity: 'error',
        });
    });

    it('draws the evidence chain of a lot from replayed state, each step with its block and tx', () => {
      const lotId = `${GTIN}.L1`;
      const chain = buildEvidence(clean.state.world, 'provenance', lotId, clean.state.txs);
      expect(chain.found).toBe(true);
      const types = chain.nodes.map((n) => n.type);
      expect(types[0]).toBe('lot');
      expect(types).toContain('lot~event');
      for (const n of chain.nodes) {
        const tx = clean.state.txs.find((t) => t.txId === n.txId)!;
        expect([tx.block, tx.tx]).toEqual([n.block, n.tx]);
      }
      expect(buildEvidence(clean.state.world, 'provenance', 'NO-SUCH-LOT', clean.state.txs).found).toBe(
        false,
      );
    });

    it('runs as `alliance audit` with a JSON and an HTML report, exit 0 when clean and 4 on anomalies', async () => {
      const dir = await writeCopy();
      const html = join(dir, 'report.html');
      const out: string[] = [];
      const run = await runCli(
        [
          '--profile',
          net.network.profilePath,
          '--as',
          'brand/User1',
          '--json',
          'audit',
          '--blocks',
          dir,
          '--genesis-hash',
          genesisHash,
          '--compare',
          '3',
          '--lot',
          `${GTIN}.L2`,
          '--html',
          html,
          '--workers',
          '1',
        ],
        { stdout: (s) => out.push(s) },
      );
      expect(run.exitCode).toBe(0);
      const report = JSON.parse(out.join('')) as {
        clean: boolean;
        summary: { transactions: number; verifiedTxPerSecond: number };
        evidence: { nodes: unknown[] };
      };
      expect(report.clean).toBe(true);
      expect(report.summary.transactions).toBe(clean.state.txs.length);
      expect(report.evidence.nodes.length).toBeGreaterThan(1);
      const page = readFileSync(html, 'utf8');
      expect(page).toContain('<svg');
      expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
      const fetched = tempDir('alliance-fetch-');
      expect(
        (
          await runCli(
            ['--profile', net.network.profilePath, '--as', 'supplier/User1', 'audit', 'fetch', fetched],
            { stdout: () => undefined },
          )
        ).exitCode,
      ).toBe(0);
      const again = await replayLedger({
        source: directoryBlockSource(fetched),
        pool,
        genesisHash,
        to: blocks.length,
      });
      expect(again.state.anomalies).toEqual([]);
      expect(again.state.txs).toEqual(clean.state.txs);
      const forged = await writeCopy((bs) => {
        dropTransaction(bs[3]!, 0);
        rechain(bs, 3, forger);
      });
      const bad = await runCli(
        ['--profile', net.network.profilePath, 'audit', '--blocks', forged, '--genesis-hash', genesisHash],
        { stdout: () => undefined },
      );
      expect(bad.exitCode).toBe(4);
    });

    it('runs to its report as a process of its own, where only the worker threads are busy', async () => {
      // In-process runs keep the event loop alive for the pool; a real CLI process has nothing else.
      const dir = await writeCopy();
      const cli = join(__dirname, '..', '..', 'gateway', 'dist', 'cli', 'main.js');
      const { stdout } = await promisify(execFile)(process.execPath, [
        cli,
        '--profile',
        net.network.profilePath,
        '--as',
        'brand/User1',
        'audit',
        '--blocks',
        dir,
        '--genesis-hash',
        genesisHash,
        '--workers',
        '2',
      ]);
      expect(stdout).toContain(`${clean.state.txs.length} transactions`);
      expect(stdout).toContain('CLEAN: no anomalies');
    });

    it('rebuilds exactly the state and versions every peer holds after a load run', async () => {
      for (const org of ['platform', 'brand', 'supplier']) {
        const fromBlocks = await replayLedger({
          source: peerStoreBlockSource(peerDir(org)),
          pool,
          genesisHash,
          to: blocks.length,
        });
        expect(fromBlocks.state.anomalies).toEqual([]);
      }
      await net.network.stop();
      const namespaces = ['provenance', '_lifecycle'];
      const ours = replayedState(clean.state.world, namespaces);
      expect(await storedState(peerDir('supplier'), namespaces)).toEqual(ours);
      for (const rows of ours) expect(rows.length).toBeGreaterThan(0);
    });

    it('finds and locates a flipped byte in a written value, though the chain was re-hashed and re-signed', async () => {
      const t = find('lots:RegisterLot');
      const found = await auditCopy((bs) => {
        flipWrittenValue(bs[t.block]!, t.tx, 'provenance');
        rechain(bs, t.block, forger);
      });
      expect(found.filter((a) => a.check === 'previous-hash' || a.check === 'data-hash')).toEqual([]);
      expect(found).toContainEqual(
        expect.objectContaining({
          block: t.block,
          tx: t.tx,
          txId: t.txId,
          check: 'validation-code',
          detail: expect.stringMatching(/VALID, re-validation gives BAD_CREATOR_SIGNATURE/) as unknown,
        }),
      );
      expect(found).toContainEqual(expect.objectContaining({ block: t.block, check: 'orderer-signature' }));
    });

    it('finds a dropped transaction through the later reads of what it wrote', async () => {
      const t = find('lots:RegisterLot');
      const found = await auditCopy((bs) => {
        dropTransaction(bs[t.block]!, t.tx);
        rechain(bs, t.block, forger);
      });
      const reads = found.filter(
        (a) => a.check === 'validation-code' && a.detail.includes(`read at (${t.block},${t.tx})`),
      );
      expect(reads.length).toBeGreaterThan(0);
      expect(reads[0]!.detail).toMatch(/block records VALID, re-validation gives MVCC_READ_CONFLICT/);
      expect(reads[0]!.block).toBeGreaterThanOrEqual(t.block);
    });

    it('finds and locates an endorsement swapped in from another transaction', async () => {
      const t = find('lots:RegisterLot');
      const donor = clean.state.txs.find(
        (d) => d.kind === 'endorser' && d.txId !== t.txId && d.block > 0 && d.fn === 'lots:ShipLot',
      )!;
      const found = await auditCopy((bs) => {
        swapEndorsement(bs[t.block]!, t.tx, endorsementOf(bs[donor.block]!, donor.tx));
        rechain(bs, t.block, forger);
      });
      expect(found).toContainEqual(
        expect.objectContaining({
          block: t.block,
          tx: t.tx,
          check: 'endorsement-signature',
          detail: expect.stringMatching(/signature does not verify/) as unknown,
        }),
      );
      // The endorsements are inside the signed payload, so the creator's signature breaks first.
      expect(found).toContainEqual(
        expect.objectContaining({
          block: t.block,
          tx: t.tx,
          check: 'validation-code',
          detail: expect.stringMatching(/BAD_CREATOR_SIGNATURE/) as unknown,
        }),
      );
    });

    it('finds an edited config block even when the forger made its own key an orderer there', async () => {
      const found = await auditCopy((bs) => {
        addRootToGenesis(bs[0]!, 'Orderer', forgerCaPem);
        rechain(bs, 0, forger);
      });
      expect(found).toContainEqual(expect.objectContaining({ block: 0, check: 'genesis' }));
    });

    it('resumes from a checkpoint with the same result', async () => {
      const dir = tempDir('alliance-audit-');
      for (const [n, b] of blocks.entries()) await writeBlockFile(dir, n, b);
      const checkpoint = join(dir, 'checkpoint.json');
      const first = await replayLedger({
        source: directoryBlockSource(dir),
        pool,
        genesisHash,
        to: 3,
        checkpoint,
      });
      expect(first.blocksReplayed).toBe(3);
      const rest = await replayLedger({ source: directoryBlockSource(dir), pool, genesisHash, checkpoint });
      expect(rest.resumedAt).toBe(3);
      expect(rest.state.anomalies).toEqual([]);
      expect(rest.state.world.entries('provenance')).toEqual(clean.state.world.entries('provenance'));
      expect(rest.state.txs).toEqual(clean.state.txs);
    });
  },
);
