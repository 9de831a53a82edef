// The auditor on the demo's ledger: replayed through Deliver, its rebuilt state equals every
// peer's, and the evidence chains of the trusted batch (before the CRM revocation) and of the held
// batch (after it) carry the chaincode's own reasons and the records its verdict names.
import {
  connectAlliance,
  createSignaturePool,
  deliverBlockSource,
  replayLedger,
  buildEvidence,
  compareWithPeer,
  runDemo,
  type DemoResult,
  type EvidenceChain,
  type ReplayOutcome,
  type SignaturePool,
} from '@alliance/gateway';
import { stateLayout } from '@alliance/network/runtime';
import { itOn } from '../network/support/runtime';
import { replayedState, storedState } from './support/peer-state';
import { startMemberNetwork, type MemberNetwork } from './support/member-network';

jest.setTimeout(600_000);

let m: MemberNetwork;
let demo: DemoResult;
let pool: SignaturePool;
let replay: ReplayOutcome;
let trusted: EvidenceChain;
let held: EvidenceChain;

beforeAll(async () => {
  m = await startMemberNetwork(5);
  demo = await runDemo({ profile: m.profilePath, write: () => undefined });
  pool = createSignaturePool(2);
  const conn = connectAlliance({ profile: m.profilePath, identity: 'platform/auditor' });
  try {
    replay = await replayLedger({ source: deliverBlockSource(conn), pool });
    const revoked = demo.transactions.find((t) => t.step === 'crm.revoke')!;
    const before = await replayLedger({
      source: deliverBlockSource(conn),
      pool,
      to: Number(revoked.blockNumber),
    });
    trusted = buildEvidence(before.state.world, 'provenance', demo.batchId, before.state.txs);
    held = buildEvidence(replay.state.world, 'provenance', demo.batchId, replay.state.txs);
  } finally {
    conn.close();
  }
});
afterAll(async () => {
  await pool.close();
  await m.stop();
});

const facts = (c: EvidenceChain): string => c.nodes.flatMap((n) => n.facts).join('\n');
const ids = (c: EvidenceChain): string[] => c.nodes.map((n) => n.id);

describe('auditing the demo ledger', () => {
  it('replays the demo through Deliver with a clean report', () => {
    expect(replay.state.anomalies).toEqual([]);
    for (const t of demo.transactions)
      expect(replay.state.txIndex.get(t.txId)).toMatchObject({ block: Number(t.blockNumber), code: 0 });
  });

  it("finds every record the chaincode's verdict names in the trusted batch's evidence chain", () => {
    expect(demo.batchVerdict.trusted).toBe(true);
    const e = demo.batchVerdict.evidence;
    for (const id of [...e.reports, ...e.runs, ...e.instruments, ...e.calibrations])
      expect(ids(trusted).some((n) => n.endsWith(`/${id}`))).toBe(true);
    expect(facts(trusted)).toMatch(/SPECIATION_ANALYTE/);
    expect(facts(trusted)).toMatch(/SATISFACTORY/);
    expect(facts(trusted)).toMatch(/signature: APPROVAL by/);
    expect(trusted.nodes.filter((n) => n.type === 'lot~hold')).toEqual([]);
  });

  it("shows the held batch's hold with the revocation's cause, and the instrument as it stood at run time", () => {
    const holds = held.nodes.filter((n) => n.type === 'lot~hold');
    expect(holds.length).toBeGreaterThan(0);
    for (const h of demo.revocation.batchHolds) expect(facts(held)).toContain(h.cause.reason);
    const revokedAt = demo.transactions.find((t) => t.step === 'crm.revoke')!;
    expect(holds.some((h) => h.block === Number(revokedAt.blockNumber))).toBe(true);
    const suspended = held.nodes.filter((n) =>
      demo.revocation.suspendedInstruments.some((i) => n.id === `instrument/${i}`),
    );
    expect(suspended.length).toBeGreaterThan(0);
    expect(suspended.some((n) => n.asOfLink !== undefined)).toBe(true);
  });

  it("rebuilds exactly every peer's state after the demo, as each peer answers signed queries", async () => {
    for (const org of ['platform', 'brand', 'supplier', 'lab', 'verifier']) {
      const c = await compareWithPeer(m.as(`${org}/User1`).connection, replay.state, 'provenance');
      expect(c.differences).toEqual([]);
    }
  });

  itOn(['embedded'], "it reads the embedded peers' stored state (nodes/<peer>)")(
    "rebuilds exactly every peer's stored state, versions included",
    async () => {
      await m.net.network.stop();
      for (const org of m.net.definition.orgs)
        expect(await storedState(stateLayout(m.net.stateDir).nodeDir(org.peer.host), ['provenance'])).toEqual(
          replayedState(replay.state.world, ['provenance']),
        );
    },
  );
});
