import { common } from '@hyperledger/fabric-protos';
import {
  ChaincodeError,
  connectAllianceClient,
  fileTrustStore,
  isChaincodeError,
  peerLedgerSource,
  runCli,
  verifyTransaction,
  type AllianceClient,
  type LedgerSource,
} from '@alliance/gateway';
import type { TestNetwork } from '../network/harness/network';
import { FOUNDERS, startAllianceNetwork } from './support/alliance-network';
import { forgeSubmit } from './support/forge';
import { tempDir } from './support/pki';
import { join } from 'node:path';

jest.setTimeout(120_000);

let net: TestNetwork;
let platform: AllianceClient;
let supplier: AllianceClient;
let bootstrapTx: string;
const clients: AllianceClient[] = [];
const as = (identity: string): AllianceClient => {
  const c = connectAllianceClient({ profile: net.network.profilePath, identity });
  clients.push(c);
  return c;
};

beforeAll(async () => {
  net = await startAllianceNetwork();
  platform = as('platform/Admin');
  supplier = as('supplier/User1');
  const boot = await platform.members.bootstrap({
    members: FOUNDERS.members.map((m) => ({ ...m, roles: [...m.roles] })),
  });
  bootstrapTx = boot.txId;
});
afterAll(async () => {
  for (const c of clients) c.close();
  await net.stop();
});

describe('gateway library against the embedded network and the real chaincode', () => {
  it('submits with tx id, block number and domain events, and evaluates typed results', async () => {
    const added = await platform.members.addMember({
      mspId: 'LabMSP',
      name: 'Lab',
      roles: ['LAB'],
      reason: 'joins the alliance',
    });
    expect(added.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(added.blockNumber).toBeGreaterThan(0n);
    expect(added.result.mspId).toBe('LabMSP');
    expect(added.events.map((e) => e.id)).toEqual(added.events.map((_e, i) => `${added.txId}:${i}`));
    const members = await supplier.members.list();
    expect(members.map((m) => m.mspId).sort()).toEqual(['BrandMSP', 'LabMSP', 'PlatformMSP', 'SupplierMSP']);
  });

  it('maps wrong role, bad input and not found to typed chaincode errors', async () => {
    const denied = await supplier.members
      .addMember({ mspId: 'XMSP', name: 'X', roles: ['LAB'], reason: 'r' })
      .catch((e: unknown) => e);
    expect(isChaincodeError(denied, 'ROLE_DENIED')).toBe(true);
    expect(denied).toMatchObject({ stage: 'endorse' });
    const bad = await platform.invoker
      .submit({ contract: 'members', name: 'AddMember', kind: 'submit' }, { mspId: 1 })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ChaincodeError);
    expect(bad).toMatchObject({ code: 'VALIDATION_FAILED', stage: 'endorse' });
    expect((bad as ChaincodeError).issues.length).toBeGreaterThan(0);
    const missing = await supplier.members.get({ mspId: 'NobodyMSP' }).catch((e: unknown) => e);
    expect(isChaincodeError(missing)).toBe(true);
    expect((missing as ChaincodeError).code).toMatch(/NOT_FOUND/);
  });

  it('verifies a committed transaction without trusting the peer', async () => {
    const v = await verifyTransaction(peerLedgerSource(platform.connection), bootstrapTx, {
      trustStore: fileTrustStore(join(tempDir(), 't.json')),
    });
    expect(v.findings.filter((f) => !f.ok)).toEqual([]);
    expect(v).toMatchObject({ verified: true, peerValidationName: 'VALID' });
  });

  it('fails verification when the peer flips an invalid transaction’s flag to VALID', async () => {
    // A lying peer: serves the real block of a transaction whose endorsements were tampered with, flag set to VALID.
    // Read through the submitter's peer: its commit status said the block is there (other peers commit on their own).
    const real = peerLedgerSource(platform.connection);
    const c = await forgedCommit();
    const lying: LedgerSource = {
      ...real,
      blockByTxId: async (id) => {
        const block = common.Block.deserializeBinary(await real.blockByTxId(id));
        const md = block.getMetadata()!.getMetadataList_asU8();
        md[2] = new Uint8Array(md[2]!.length).fill(0);
        block.getMetadata()!.setMetadataList(md);
        return block.serializeBinary();
      },
    };
    const honest = await verifyTransaction(real, c, {
      trustStore: fileTrustStore(join(tempDir(), 'a.json')),
    });
    expect(honest.peerValidationName).toBe('ENDORSEMENT_POLICY_FAILURE');
    expect(honest.verified).toBe(false);
    const lied = await verifyTransaction(lying, c, { trustStore: fileTrustStore(join(tempDir(), 'b.json')) });
    expect(lied).toMatchObject({ peerValidationName: 'VALID', verified: false, contradictsPeer: true });
  });

  it('fails verification, naming the policy, when the endorsers do not satisfy MAJORITY Endorsement', async () => {
    const txId = await forgeSubmit(platform.connection, 'drop');
    const v = await verifyTransaction(peerLedgerSource(platform.connection), txId, {
      trustStore: fileTrustStore(join(tempDir(), 'p.json')),
    });
    expect(v.findings.filter((f) => !f.ok).map((f) => f.check)).toEqual(['endorsement-policy']);
    expect(v.findings.find((f) => f.check === 'endorsement-policy')!.detail).toMatch(
      /MAJORITY Endorsement: 1 of 3 orgs/,
    );
    expect(v.peerValidationName).toBe('ENDORSEMENT_POLICY_FAILURE');
  });

  it('`alliance tx verify` exits 0 on a valid transaction and 4 naming the reason on a forged endorsement', async () => {
    let out = '';
    const ok = await runCli(
      [
        '--profile',
        net.network.profilePath,
        '--as',
        'brand/User1',
        'tx',
        'verify',
        bootstrapTx,
        '--trust-store',
        join(tempDir(), 't.json'),
      ],
      { stdout: (s) => (out += s) },
    );
    expect(ok.exitCode).toBe(0);
    expect(out).toMatch(/VERIFIED/);
    const forged = await forgedCommit();
    out = '';
    const bad = await runCli(
      [
        '--profile',
        net.network.profilePath,
        '--as',
        'platform/User1',
        'tx',
        'verify',
        forged,
        '--trust-store',
        join(tempDir(), 't.json'),
      ],
      { stdout: (s) => (out += s) },
    );
    expect(bad.exitCode).toBe(4);
    expect(out).toMatch(/FAIL endorsement\[\d\]\s+.*signature does not verify/);
    expect(out).toMatch(/VERIFICATION FAILED: .*endorsement-policy/);
  });
});

describe('alliance CLI against the embedded network', () => {
  const cli = async (as: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const r = await runCli(['--profile', net.network.profilePath, '--as', as, ...args], {
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
    });
    return { code: r.exitCode, out, err };
  };

  it('queries and submits with typed output, and exits 2 on refusals', async () => {
    const list = await cli('supplier/User1', '--json', 'member', 'list');
    expect(list.code).toBe(0);
    expect((JSON.parse(list.out) as { mspId: string }[]).map((m) => m.mspId)).toContain('PlatformMSP');
    const get = await cli('brand/User1', 'member', 'get', 'BrandMSP');
    expect(get).toMatchObject({ code: 0 });
    expect(get.out).toMatch(/mspId\s+BrandMSP/);
    const add = await cli(
      'platform/Admin',
      'member',
      'add',
      '-d',
      '{"mspId":"CliMSP","name":"Cli","roles":["SUPPLIER"],"reason":"cli test"}',
    );
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/^committed tx [0-9a-f]{64} in block \d+/);
    const denied = await cli(
      'supplier/User1',
      'member',
      'add',
      '-d',
      '{"mspId":"NoMSP","name":"No","roles":["SUPPLIER"],"reason":"x"}',
    );
    expect(denied.code).toBe(2);
    expect(denied.err).toMatch(/ROLE_DENIED/);
    const missing = await cli('supplier/User1', 'lot', 'get', '09506000134352.NOPE');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/NOT_FOUND/);
  });

  it('prints events from the ledger with --json and stops at --limit', async () => {
    const r = await cli('brand/User1', '--json', 'events', '--limit', '2');
    expect(r.code).toBe(0);
    const events = r.out
      .trim()
      .split(/\n(?=\{)/)
      .map((t) => JSON.parse(t) as { id: string; blockNumber: string });
    expect(events).toHaveLength(2);
    expect(events[0]!.id).toMatch(new RegExp(`^${bootstrapTx}:0$`));
  });
});

/** Endorses a real proposal, forges one endorsement's signature, signs and submits it: the peers mark it invalid. */
function forgedCommit(): Promise<string> {
  return forgeSubmit(platform.connection);
}
