import { gateway, peer } from '@hyperledger/fabric-protos';
import {
  ChaincodeError,
  connectAllianceClient,
  identityFromPem,
  type AllianceClient,
} from '@alliance/gateway';
import { startGatewayServer, type RunningGatewayServer } from './support/gateway-server';
import { proposalArgs } from './support/fabric-tx';
import { issue, newCa } from './support/pki';

let server: RunningGatewayServer;
let client: AllianceClient;

beforeAll(async () => {
  server = await startGatewayServer();
  const user = await issue(await newCa('supplier'), { cn: 'User1' });
  client = connectAllianceClient({
    identity: identityFromPem({
      mspId: 'SupplierMSP',
      certificatePem: user.certPem,
      privateKeyPem: user.keyPem,
    }),
    peer: { endpoint: server.endpoint, tlsCaPem: server.tlsCaPem, tlsHostName: server.tlsHostName },
    channel: 'alliance',
    chaincode: 'provenance',
  });
});
afterAll(async () => {
  client.close();
  await server.stop();
});

describe('typed facades', () => {
  it('send `<contract>:<Tx>` with one JSON argument and return the parsed typed result', async () => {
    const calls: string[][] = [];
    server.script.evaluate = (req) => {
      calls.push(proposalArgs(req.getProposedTransaction()!));
      const r = new peer.Response();
      r.setStatus(200);
      r.setPayload(Buffer.from('{"children":[{"children":[],"id":"B1","via":"T1"}],"id":"L1"}'));
      const res = new gateway.EvaluateResponse();
      res.setResult(r);
      return res;
    };
    const tree = await client.lots.traceForward({ lotId: '09506000134352.L1' });
    expect(tree.children[0]?.id).toBe('B1');
    expect(calls).toEqual([['lots:TraceForward', '{"lotId":"09506000134352.L1"}']]);
  });

  it('refuse bad input with the model’s VALIDATION_FAILED issues before anything is sent', async () => {
    const before = server.calls.length;
    const err = await client.members
      .addMember({ mspId: '', name: '', roles: [], reason: '' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChaincodeError);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', stage: 'input' });
    expect((err as ChaincodeError).issues.map((i) => i.path)).toEqual(expect.arrayContaining(['mspId']));
    expect(server.calls.length).toBe(before);
  });

  it('send no argument for transactions without input', async () => {
    const calls: string[][] = [];
    server.script.evaluate = (req) => {
      calls.push(proposalArgs(req.getProposedTransaction()!));
      const r = new peer.Response();
      r.setStatus(200);
      r.setPayload(Buffer.from('[]'));
      const res = new gateway.EvaluateResponse();
      res.setResult(r);
      return res;
    };
    await expect(client.members.list()).resolves.toEqual([]);
    expect(calls).toEqual([['members:ListMembers']]);
  });

  it("read a record's audit trail through audit:GetAuditTrail, refusing a bad reference before sending", async () => {
    const calls: string[][] = [];
    const entry = {
      record: { key: 'policy.current' },
      txId: 't1',
      transaction: 'policy:AmendPolicy',
      at: 'T',
      by: { mspId: 'PlatformMSP', userId: 'u', printedName: 'Admin' },
      reason: 'vote',
      previousVersionHash: 'a',
      versionHash: 'b',
      changes: [{ field: 'version', kind: 'MODIFIED', old: 1, new: 2 }],
    };
    server.script.evaluate = (req) => {
      calls.push(proposalArgs(req.getProposedTransaction()!));
      const r = new peer.Response();
      r.setStatus(200);
      r.setPayload(Buffer.from(JSON.stringify([entry])));
      const res = new gateway.EvaluateResponse();
      res.setResult(r);
      return res;
    };
    await expect(
      client.audit.trail({ objectType: 'lot', attributes: ['09506000134352.L1'] }),
    ).resolves.toEqual([entry]);
    expect(calls).toEqual([
      ['audit:GetAuditTrail', '{"attributes":["09506000134352.L1"],"objectType":"lot"}'],
    ]);
    const err = await client.audit
      .trail({ objectType: 'lot', attributes: ['bad\u0000id'] })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', stage: 'input' });
    expect(calls).toHaveLength(1);
  });
});
