// Config updates end to end against the embedded network: a config change racing an endorsed
// transaction, adding an org through the CLI (refused with too few signatures, applied on every
// peer with enough), issuing and revoking a user.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Contract, Proposal, Transaction } from '@hyperledger/fabric-gateway';
import { addOrg } from '@alliance/network/runtime';
import { connectAlliance, runCli, submitTransaction, type AllianceConnection } from '@alliance/gateway';
import {
  applicationOrgs,
  computeConfigUpdate,
  fetchChannelConfig,
  newUpdateEnvelope,
  readOrgFile,
  signUpdate,
  submitConfigUpdate,
  withOrgAdded,
} from '@alliance/gateway/admin';
import { loadProfileIdentity } from '@alliance/gateway/connect/identity';
import { loadProfile } from '@alliance/gateway/connect/profile';
import { startTestNetwork, testDefinition, type TestNetwork } from '../network/harness/network';

jest.setTimeout(180_000);

let net: TestNetwork;
let profilePath: string;
let work: string;
const open: AllianceConnection[] = [];

function connect(identity: string): AllianceConnection {
  const conn = connectAlliance({ profile: profilePath, identity });
  open.push(conn);
  return conn;
}

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const run = await runCli(['--profile', profilePath, ...args], {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
  });
  return { code: run.exitCode, out, err };
}

async function eventually(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A property of a gateway object, methods bound to it (they use private fields a Proxy cannot reach). */
function member(target: object, p: string | symbol): unknown {
  const v: unknown = Reflect.get(target, p);
  return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
}

/** A connection whose first transaction waits for `between` after endorsement and before submission. */
function racing(conn: AllianceConnection, between: () => Promise<void>): AllianceConnection {
  let first = true;
  const tx = (t: Transaction): Transaction =>
    new Proxy(t, {
      get: (target, p) =>
        p === 'submit'
          ? async () => {
              if (first) {
                first = false;
                await between();
              }
              return target.submit();
            }
          : member(target, p),
    });
  const proposal = (pr: Proposal): Proposal =>
    new Proxy(pr, {
      get: (target, p) => (p === 'endorse' ? async () => tx(await target.endorse()) : member(target, p)),
    });
  const contract = (c: Contract): Contract =>
    new Proxy(c, {
      get: (target, p) =>
        p === 'newProposal'
          ? (...a: Parameters<Contract['newProposal']>) => proposal(target.newProposal(...a))
          : member(target, p),
    });
  return Object.assign(Object.create(conn) as AllianceConnection, {
    contract: (name?: string, cc?: string) => contract(conn.contract(name, cc)),
  });
}

beforeAll(async () => {
  net = await startTestNetwork(testDefinition({ orgs: 3 }));
  profilePath = net.network.profilePath;
  work = mkdtempSync(join(tmpdir(), 'admin-config-'));
});
afterAll(async () => {
  for (const c of open) c.close();
  await net.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('config updates on the embedded network', () => {
  it('a transaction endorsed before an org joins and committed after is re-endorsed, not lost', async () => {
    const added = await addOrg({ stateDir: net.stateDir, name: 'importer', roles: ['IMPORTER'] });
    const platformAdmin = connect('platform/Admin');
    const brandAdmin = loadProfileIdentity(loadProfile(profilePath), 'brand/Admin');
    const addImporter = async (): Promise<void> => {
      const { config } = await fetchChannelConfig(platformAdmin);
      const update = computeConfigUpdate(
        config,
        withOrgAdded(config, readOrgFile(added.definition.configGroupFile)),
        platformAdmin.channel,
      );
      await submitConfigUpdate(platformAdmin, signUpdate(newUpdateEnvelope(update), brandAdmin));
    };
    // Endorsed by a MAJORITY of 3 orgs (2); committed when the channel has 4 orgs (3 needed).
    const outcome = await submitTransaction(racing(connect('platform/User1'), addImporter), {
      contract: undefined,
      transaction: 'whoami',
    });
    expect(outcome.attempts).toBe(2);
    expect(applicationOrgs((await fetchChannelConfig(platformAdmin)).config).map((o) => o.name)).toContain(
      'importer',
    );
  });

  it('adds an org with the CLI: refused with the policy named when signatures fall short, applied on every peer when they suffice', async () => {
    const added = await addOrg({ stateDir: net.stateDir, name: 'customs', roles: ['IMPORTER'] });
    const config = join(work, 'config.pb');
    const update = join(work, 'add-customs.pb');
    expect((await cli('--as', 'platform/Admin', 'config', 'fetch', '-o', config)).out).toMatch(
      /importer\s+ImporterMSP/,
    );
    const built = await cli(
      '--as',
      'platform/Admin',
      'config',
      'update',
      '--add-org',
      added.definition.configGroupFile,
      '-o',
      update,
    );
    expect(built.code).toBe(0);
    expect(built.out).toMatch(/\+ org customs: MSP ID: CustomsMSP/);

    // 4 member orgs: MAJORITY Admins needs 3. The submitter's own signature plus brand's is 2.
    expect((await cli('--as', 'brand/Admin', 'config', 'sign', update)).code).toBe(0);
    const local = await cli('--as', 'platform/Admin', 'config', 'submit', update);
    expect(local.code).toBe(2);
    expect(local.err).toMatch(/POLICY_NOT_SATISFIED.*\/Channel\/Application\/Admins.*2 of 4 orgs satisfied/);
    const orderer = await cli('--as', 'platform/Admin', 'config', 'submit', update, '--force');
    expect(orderer.code).toBe(2);
    // The orderer's own refusal, as Fabric words it (BAD_REQUEST, naming the element and its policy).
    expect(orderer.err).toMatch(
      /BROADCAST_REFUSED: the orderer refused the update with BAD_REQUEST: .*policy for \[Group\]\s+\/Channel\/Application not satisfied.*'Admins' sub-policies/,
    );

    expect((await cli('--as', 'supplier/Admin', 'config', 'sign', update)).code).toBe(0);
    const shown = await cli('--as', 'platform/Admin', 'config', 'show', update, '--config', config);
    // Two signatures in the file; the submitter's (platform) is the third, added at submit.
    expect(shown.out).toMatch(
      /^NOT SATISFIED \/Channel\/Application\/Admins: .*2 of 4 orgs satisfied \(brand, supplier\), 3 required/m,
    );
    expect(shown.out).toMatch(/\+ org customs: MSP ID: CustomsMSP/);
    const applied = await cli('--as', 'platform/Admin', 'config', 'submit', update);
    expect(applied.err).toBe('');
    expect(applied.out).toMatch(/applied: config block \d+, sequence 2/);
    for (const org of ['platform', 'brand', 'supplier']) {
      const conn = connect(`${org}/User1`);
      await eventually(async () =>
        applicationOrgs((await fetchChannelConfig(conn)).config).some((o) => o.mspId === 'CustomsMSP'),
      );
    }
  });

  it('issues a user from the org CA; once revoked its submissions are refused while the org other users work', async () => {
    expect((await cli('identity', 'issue', 'brand/tester', '--roles', 'member')).code).toBe(0);
    const tester = connect('brand/tester');
    await tester.contract().submitTransaction('put', 'by-tester', 'before');
    const revoke = join(work, 'revoke.pb');
    const built = await cli('--as', 'brand/Admin', 'identity', 'revoke', 'brand/tester', '-o', revoke);
    expect(built.code).toBe(0);
    expect(built.out).toMatch(/~ org brand: revocation lists|\+ org brand: revocation lists/);
    const applied = await cli('--as', 'brand/Admin', 'config', 'submit', revoke);
    expect(applied.err).toBe('');
    const refused = await connect('brand/tester')
      .contract()
      .submitTransaction('put', 'by-tester', 'after')
      .then(
        () => 'committed',
        (e: unknown) => `${String(e)} ${JSON.stringify((e as { details?: unknown }).details ?? [])}`,
      );
    // Fabric's words: the peer refuses the revoked creator without saying why.
    expect(refused).toMatch(/EndorseError.*access denied: channel \[alliance\] creator org \[BrandMSP\]/s);
    await expect(
      connect('brand/User1').contract().submitTransaction('put', 'by-user1', 'after'),
    ).resolves.toBeDefined();
  });
});
