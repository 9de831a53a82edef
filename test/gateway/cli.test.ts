import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { gateway, peer } from '@hyperledger/fabric-protos';
import { AllianceError, encodeAllianceError } from '@alliance/chaincode/model';
import { runCli } from '@alliance/gateway';
import { startGatewayServer, RpcFailure, type RunningGatewayServer } from './support/gateway-server';
import { proposalArgs } from './support/fabric-tx';
import { issue, newCa, tempDir, writeMsp } from './support/pki';

let server: RunningGatewayServer;
let profile: string;
let dir: string;

const ok = (payload: string): gateway.EvaluateResponse => {
  const r = new peer.Response();
  r.setStatus(200);
  r.setPayload(Buffer.from(payload));
  const res = new gateway.EvaluateResponse();
  res.setResult(r);
  return res;
};

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const r = await runCli(['--profile', profile, '--as', 'supplier/User1', ...args], {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
  });
  return { code: r.exitCode, out, err };
}

beforeAll(async () => {
  server = await startGatewayServer();
  dir = tempDir();
  const user = await issue(await newCa('supplier'), {
    cn: 'User1@supplier',
    attrs: { 'alliance.role': 'member' },
  });
  const files = writeMsp(join(dir, 'user1'), user);
  writeFileSync(join(dir, 'tls-ca.pem'), server.tlsCaPem);
  const [host, port] = server.endpoint.split(':');
  profile = join(dir, 'network.json');
  writeFileSync(
    profile,
    JSON.stringify({
      channel: 'alliance',
      chaincode: 'provenance',
      orderer: {
        mspId: 'OrdererMSP',
        endpoint: `${host}:1`,
        tlsCaFile: 'tls-ca.pem',
        tlsHostName: 'orderer',
      },
      orgs: {
        supplier: {
          mspId: 'SupplierMSP',
          roles: ['SUPPLIER'],
          peer: { endpoint: `${host}:${port}`, tlsCaFile: 'tls-ca.pem', tlsHostName: server.tlsHostName },
          identities: { User1: files },
        },
      },
    }),
  );
});
afterAll(async () => {
  await server.stop();
});

describe('alliance CLI', () => {
  it('runs a query from a positional id and prints a readable record, or JSON with --json', async () => {
    const seen: string[][] = [];
    server.script.evaluate = (req) => {
      seen.push(proposalArgs(req.getProposedTransaction()!));
      return ok('{"lotId":"L1","state":"RELEASED"}');
    };
    const human = await cli('lot', 'get', '09506000134352.L1');
    expect(human).toMatchObject({ code: 0, err: '' });
    expect(human.out).toMatch(/lotId\s+L1\nstate\s+RELEASED/);
    const json = await cli('--json', 'lot', 'get', '09506000134352.L1');
    expect(JSON.parse(json.out)).toEqual({ lotId: 'L1', state: 'RELEASED' });
    expect(seen[0]).toEqual(['lots:GetLot', '{"lotId":"09506000134352.L1"}']);
  });

  it('builds inputs from a file, --data and --set (dotted keys nest)', async () => {
    const seen: string[][] = [];
    server.script.evaluate = (req) => {
      seen.push(proposalArgs(req.getProposedTransaction()!));
      return ok('{}');
    };
    const file = join(dir, 'in.json');
    writeFileSync(file, '{"a":1,"b":{"c":"x"}}');
    await cli(
      'invoke',
      'runs:GetRun',
      '--evaluate',
      '-i',
      file,
      '-d',
      '{"a":2}',
      '-s',
      'b.d=3',
      '-s',
      'e=text',
    );
    expect(seen[0]).toEqual(['runs:GetRun', '{"a":2,"b":{"c":"x","d":3},"e":"text"}']);
  });

  it('prints a trace as a tree', async () => {
    server.script.evaluate = () =>
      ok('{"children":[{"children":[{"children":[],"id":"B2","via":"T2"}],"id":"B1","via":"T1"}],"id":"L1"}');
    const r = await cli('trace', '09506000134352.L1', '--forward');
    expect(r.out).toBe('went into (forward):\nL1\n└─ B1  (via T1)\n   └─ B2  (via T2)\n');
  });

  it("prints a record's audit trail, naming it by object type and attributes or by a plain key", async () => {
    const seen: string[][] = [];
    const entry = {
      record: { objectType: 'lot', attributes: ['L1'] }, txId: 'ab'.repeat(32), transaction: 'lots:ShipLot', at: '2025-05-01T00:00:00.000Z',
      by: { mspId: 'SupplierMSP', userId: 'u', printedName: 'User1@supplier' }, reason: 'lots:ShipLot', eventTime: '2025-05-01T08:00:00+08:00', eventTimeZoneOffset: '+08:00',
      previousVersionHash: '12'.repeat(32), versionHash: '34'.repeat(32),
      changes: [{ field: 'owner', kind: 'MODIFIED', old: 'SupplierMSP', new: 'BrandMSP' }, { field: 'inTransitTo', kind: 'REMOVED', old: { mspId: 'BrandMSP' } }],
    }; // prettier-ignore
    server.script.evaluate = (req) => {
      seen.push(proposalArgs(req.getProposedTransaction()!));
      return ok(JSON.stringify([entry]));
    };
    const human = await cli('audit', 'trail', 'lot', 'L1');
    expect(human.code).toBe(0);
    expect(human.out).toBe(
      [
        `2025-05-01T00:00:00.000Z (event time 2025-05-01T08:00:00+08:00, +08:00)  User1@supplier (SupplierMSP)  lots:ShipLot  tx ${'ab'.repeat(8)}…`,
        '  reason: lots:ShipLot',
        `  version ${'12'.repeat(6)}… → ${'34'.repeat(6)}…`,
        '  ~ owner: "SupplierMSP" → "BrandMSP"',
        '  - inTransitTo: {"mspId":"BrandMSP"}',
        '',
      ].join('\n'),
    );
    await cli('--json', 'audit', 'trail', '--key', 'policy.current');
    expect(seen).toEqual([
      ['audit:GetAuditTrail', '{"attributes":["L1"],"objectType":"lot"}'],
      ['audit:GetAuditTrail', '{"key":"policy.current"}'],
    ]);
    expect((await cli('audit', 'trail', 'lot', 'L1', '--key', 'policy.current')).code).toBe(1);
  });

  it('exits 2 with the chaincode code and issues on a refusal, without a stack trace', async () => {
    server.script.evaluate = () => {
      throw new RpcFailure(
        grpc.status.UNKNOWN,
        `chaincode response 500, ${encodeAllianceError(new AllianceError('LOT_NOT_FOUND', 'no lot L9'))}`,
      );
    };
    const r = await cli('lot', 'get', '09506000134352.L9');
    expect(r.code).toBe(2);
    expect(r.err).toBe('alliance: refused by the chaincode: LOT_NOT_FOUND: no lot L9\n');
  });

  it('exits 2 on input the model refuses before sending, naming each issue', async () => {
    const r = await cli('member', 'add', '-d', '{"mspId":""}');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/VALIDATION_FAILED/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('exits 3 on a Fabric or network failure', async () => {
    server.script.evaluate = () => {
      throw new RpcFailure(grpc.status.UNAVAILABLE, 'no peers available');
    };
    const r = await cli('member', 'list');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^alliance: evaluate failed \[UNAVAILABLE\]/);
  });

  it('exits 1 on usage errors: unknown identity, bad target, unreadable input', async () => {
    expect(
      (
        await runCli(['--profile', profile, '--as', 'supplier/Nobody', 'member', 'list'], {
          stderr: () => undefined,
        })
      ).exitCode,
    ).toBe(1);
    expect((await cli('invoke', 'nothing')).code).toBe(1);
    expect((await cli('lot', 'register', '-i', join(dir, 'missing.json'))).code).toBe(1);
    expect((await runCli(['nope'], { stderr: () => undefined })).exitCode).toBe(1);
  });

  it('exits 4 when a document does not match the anchored hash, 0 when it does', async () => {
    const file = join(dir, 'raw.csv');
    writeFileSync(file, 'x');
    const good = '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881';
    expect((await cli('document', 'verify', file, '--sha256', good)).code).toBe(0);
    server.script.evaluate = () => ok(`{"rawData":[{"sha256":"${'0'.repeat(64)}"}]}`);
    const r = await cli('document', 'verify', file, '--from', 'runs:GetRun', '-s', 'runId=R1');
    expect(r).toMatchObject({ code: 4 });
    expect(r.out).toMatch(/NO MATCH/);
  });
});
