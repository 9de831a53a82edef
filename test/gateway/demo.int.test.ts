// The demo story end to end on a fresh five-org embedded network with the real chaincode: the
// batch is TRUSTED, the CRM revocation puts it on hold with its cause, each org's transaction
// verifies, and a second run on the same ledger makes fresh ids.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDemo, verifyDocument, type DemoResult } from '@alliance/gateway';
import { startMemberNetwork, type MemberNetwork } from './support/member-network';

jest.setTimeout(600_000);

let m: MemberNetwork;
let demo: DemoResult;
const printed: string[] = [];

beforeAll(async () => {
  m = await startMemberNetwork(5);
  demo = await runDemo({ profile: m.profilePath, write: (l) => printed.push(l) });
});
afterAll(async () => {
  await m.stop();
});

describe('the demo story', () => {
  it('prints every committed step with its tx id and block, in block order', () => {
    expect(demo.transactions.length).toBeGreaterThan(40);
    const blocks = demo.transactions.map((t) => t.blockNumber);
    expect([...blocks].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(blocks);
    for (const t of demo.transactions) {
      expect(t.txId).toMatch(/^[0-9a-f]{64}$/);
      expect(printed).toContain(
        `                     tx ${t.txId.slice(0, 16)}… block ${t.blockNumber.toString()}`,
      );
    }
    const signers = new Set(demo.transactions.map((t) => t.actor));
    expect([...signers].sort()).toEqual([
      'brand/Admin', 'brand/User1', 'brand/approver', 'lab/Admin', 'lab/analyst', 'lab/approver', 'lab/reviewer',
      'platform/Admin', 'platform/auditor', 'supplier/User1', 'verifier/analyst', 'verifier/approver',
    ]); // prettier-ignore
  });

  it('recognises both reports conditionally and the comparative verification ends SATISFACTORY', () => {
    expect(demo.recognitions.map((r) => [r.reportId, r.status])).toEqual([
      [demo.ids.reportMetals, 'CONDITIONALLY_RECOGNIZED'],
      [demo.ids.reportTocopherol, 'CONDITIONALLY_RECOGNIZED'],
    ]);
    expect(demo.recognitions.flatMap((r) => r.reasons.map((x) => x.code))).toEqual(
      Array(4).fill('SPECIATION_ANALYTE'),
    );
    expect(demo.verification.aggregate).toBe('SATISFACTORY');
    expect(demo.verification.evaluations.map((e) => [e.analyte, e.outcome])).toEqual(
      ['Pb', 'Cd', 'As', 'Hg', 'VITAMIN_E'].map((a) => [a, 'SATISFACTORY']),
    );
  });

  it('gives the batch a TRUSTED verdict with every USP element within its PDE', () => {
    expect(demo.batchVerdict).toMatchObject({
      lotId: demo.batchId,
      kind: 'BATCH',
      releasable: true,
      trusted: true,
      reasons: [],
    });
    expect(demo.batchVerdict.exposure?.map((e) => [e.element, e.basis, e.withinPde])).toEqual(
      ['As/inorganic', 'Cd', 'Hg', 'Hg/MeHg', 'Pb'].map((e) => [e, 'INPUTS', true]),
    );
  });

  it('holds the lot and the batch when the CRM certificate is revoked, with the cause', () => {
    const { revocation, ids, lotId, batchId } = demo;
    expect(revocation.suspendedInstruments).toEqual([ids.icpMs]);
    expect([...revocation.heldLots].sort()).toEqual([batchId, lotId].sort());
    expect(revocation.batchVerdict).toMatchObject({
      state: 'HOLD_ADDITIONAL_VERIFICATION',
      releasable: false,
      trusted: false,
    });
    const open = revocation.batchHolds.filter((h) => h.status === 'OPEN');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      lotId: batchId,
      originLotId: lotId,
      cause: { kind: 'CRM_REVOKED', refId: ids.crmMetals },
    });
    expect(open[0]?.cause.reason).toMatch(/withdrew certificate/);
    expect(printed.some((l) => l.includes(`CRM_REVOKED ${ids.crmMetals}`))).toBe(true);
  });

  it('verifies one transaction of each org with the library', () => {
    expect(
      demo.orgVerifications.map((v) => [v.org, v.verification.verified, v.verification.peerValidationName]),
    ).toEqual(['platform', 'supplier', 'brand', 'lab', 'verifier'].map((org) => [org, true, 'VALID']));
  });

  it('anchors the SHA-256 of the raw-data files it wrote', async () => {
    const run = await m.as('verifier/analyst').runs.get({ runId: demo.ids.runMetals });
    const file = join(demo.evidenceDir, `${demo.ids.runMetals}.csv`);
    expect(readFileSync(file, 'utf8')).toContain(demo.lotId);
    expect(await verifyDocument(file, run)).toMatchObject({ matches: true, foundAt: 'rawData.0.sha256' });
  });

  it('runs again on the same ledger with fresh ids', async () => {
    const again = await runDemo({ profile: m.profilePath, write: () => undefined });
    expect(again.ids.suffix).not.toBe(demo.ids.suffix);
    expect(again.lotId).not.toBe(demo.lotId);
    expect(again.batchVerdict.trusted).toBe(true);
    expect(again.orgVerifications.every((v) => v.verification.verified)).toBe(true);
  });
});
