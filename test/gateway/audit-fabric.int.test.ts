// The auditor on a ledger written by real Fabric 2.5: the lifecycle's approvals land as hashed
// writes in each org's implicit collection and the commit reads them, so the audit must replay
// private data it only knows by hashes. Skipped, with a notice, where the binaries are absent.
import {
  connectAllianceClient,
  createSignaturePool,
  deliverBlockSource,
  replayLedger,
  runAudit,
  runCli,
  type AllianceClient,
  type AuditReport,
} from '@alliance/gateway';
import { deployFabricChaincode } from '@alliance/network/fabric';
import { testDefinition, type TestNetwork } from '../network/harness/network';
import { fabricRuntimeAvailable, startRuntimeNetwork } from '../network/support/runtime';
import { ALLIANCE_CHAINCODE_DIR, FOUNDERS } from './support/alliance-network';

jest.setTimeout(300_000);

const SUPPLIER_GLN = '9506000130019';
const GTIN = '09506000134352';
const ORGS = ['platform', 'brand', 'supplier'];

const describeFabric = fabricRuntimeAvailable('audit-fabric.int.test.ts') ? describe : describe.skip;

describeFabric('auditor replay of a real Fabric 2.5 ledger (approvals as hashed private writes)', () => {
  let net: TestNetwork;
  const clients: AllianceClient[] = [];
  const as = (identity: string): AllianceClient => {
    const c = connectAllianceClient({ profile: net.network.profilePath, identity });
    clients.push(c);
    return c;
  };
  const when = () => ({ eventTime: new Date().toISOString(), eventTimeZoneOffset: '+08:00' });

  beforeAll(async () => {
    net = await startRuntimeNetwork(
      testDefinition({ orgs: 3, chaincode: 'provenance' }),
      ALLIANCE_CHAINCODE_DIR,
      'fabric',
    );
    await as('platform/Admin').members.bootstrap({
      members: FOUNDERS.members.map((m) => ({ ...m, roles: [...m.roles] })),
    });
    const supplier = as('supplier/User1');
    const lots = await Promise.all(
      ['A', 'B'].map((lot) =>
        supplier.lots.register({
          gtin: GTIN,
          lot,
          supplierGln: SUPPLIER_GLN,
          countryOfOrigin: 'IN',
          expiryDate: '2027-12-31',
          quantity: 100,
          uom: 'KGM',
          ...when(),
        }),
      ),
    );
    // An upgrade approves and commits sequence 2: new approval keys, a definition whose unchanged fields are not rewritten.
    await deployFabricChaincode({ stateDir: net.stateDir, name: 'provenance', path: ALLIANCE_CHAINCODE_DIR });
    await supplier.lots.ship({
      lotId: lots[0]!.result.id,
      to: 'BrandMSP',
      bizTransactionList: [{ type: 'po', bizTransaction: `urn:epcglobal:cbv:bt:${SUPPLIER_GLN}:PO-1` }],
      ...when(),
    });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await (net as TestNetwork | undefined)?.stop();
  });

  it('replays every block read through Deliver to a clean report, each approval and commit re-validated from hashes', async () => {
    const pool = createSignaturePool(1);
    try {
      const out = await replayLedger({ source: deliverBlockSource(as('brand/User1').connection), pool });
      expect(out.state.anomalies).toEqual([]);
      const fns = out.state.txs.map((t) => t.fn);
      expect(fns.filter((f) => f === 'ApproveChaincodeDefinitionForMyOrg')).toHaveLength(6);
      expect(fns.filter((f) => f === 'CommitChaincodeDefinition')).toHaveLength(2);
      for (const t of out.state.txs) expect(t.auditedCode).toBe(t.recordedCode);
      expect(out.state.txs.filter((t) => t.fn?.startsWith('lots:') && t.auditedCode === 0)).toHaveLength(3);
      expect(out.state.definitions.map((d) => [d.sequence, d.version, d.approvals, d.approvedBy])).toEqual([
        [1, expect.any(String), 'checked', ['BrandMSP', 'PlatformMSP', 'SupplierMSP']],
        [2, 'v2', 'checked', ['BrandMSP', 'PlatformMSP', 'SupplierMSP']],
      ]);
      expect(
        out.state.world.hashed.collection('_lifecycle', '_implicit_org_BrandMSP').length,
      ).toBeGreaterThanOrEqual(12);
    } finally {
      await pool.close();
    }
  });

  it("audits the whole ledger through Deliver with the rebuilt state equal to every peer's, hashed approvals included", async () => {
    for (const org of ORGS) {
      const report: AuditReport = await runAudit({
        source: deliverBlockSource(as(`${org}/User1`).connection),
        workers: 1,
        compare: { connection: as(`${org}/User1`).connection },
      });
      expect(report.anomalies).toEqual([]);
      expect(report.clean).toBe(true);
      const c = report.stateComparison!;
      expect(c.differences).toEqual([]);
      expect(c.keysCompared).toBeGreaterThan(5);
      // QueryChaincodeDefinition read every org's approval of sequence 2 (4 keys each) by hash.
      expect(c.hashedKeysCompared).toBe(12);
    }
  });

  it("runs as `alliance audit --compare` on the peer's blocks, exit 0", async () => {
    const out: string[] = [];
    const run = await runCli(
      [
        '--profile',
        net.network.profilePath,
        '--as',
        'platform/User1',
        '--json',
        'audit',
        '--compare',
        '--workers',
        '1',
      ],
      { stdout: (s) => out.push(s) },
    );
    expect(run.exitCode).toBe(0);
    const report = JSON.parse(out.join('')) as AuditReport;
    expect(report.clean).toBe(true);
    expect(report.notes).toContainEqual(
      expect.stringMatching(/^private data: \d+ keys in 3 collections are known by hashes only/),
    );
  });
});
