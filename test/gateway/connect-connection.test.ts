import { createPublicKey, verify } from 'node:crypto';
import { gateway, peer } from '@hyperledger/fabric-protos';
import { connectAlliance } from '@alliance/gateway';
import { identityFromPem } from '@alliance/gateway';
import { ConfigurationError } from '@alliance/gateway';
import { startGatewayServer, type RunningGatewayServer } from './support/gateway-server';
import { issue, newCa, type TestIdentity } from './support/pki';

let server: RunningGatewayServer;
let user: TestIdentity;

beforeAll(async () => {
  server = await startGatewayServer();
  user = await issue(await newCa('brand.alliance.test'), {
    cn: 'User1@brand',
    ou: 'client',
    attrs: { 'alliance.role': 'member' },
  });
});
afterAll(async () => {
  await server.stop();
});

function open(timeouts = {}) {
  return connectAlliance({
    identity: identityFromPem({
      mspId: 'BrandMSP',
      certificatePem: user.certPem,
      privateKeyPem: user.keyPem,
    }),
    peer: { endpoint: server.endpoint, tlsCaPem: server.tlsCaPem, tlsHostName: server.tlsHostName },
    channel: 'alliance',
    chaincode: 'provenance',
    timeouts,
  });
}

describe('connection', () => {
  it('dials over TLS with host-name override, signs with a Fabric-valid signature and sets a deadline', async () => {
    let seen: gateway.EvaluateRequest | undefined;
    server.script.evaluate = (req) => {
      seen = req;
      const res = new gateway.EvaluateResponse();
      const r = new peer.Response();
      r.setStatus(200);
      r.setPayload(Buffer.from('{"ok":true}'));
      res.setResult(r);
      return res;
    };
    const conn = open({ evaluateMs: 1234 });
    const before = Date.now();
    const out = await conn.contract('members').evaluateTransaction('GetMember', '{}');
    conn.close();
    expect(Buffer.from(out).toString()).toBe('{"ok":true}');
    const signed = seen!.getProposedTransaction()!;
    expect(
      verify(
        'sha256',
        signed.getProposalBytes_asU8(),
        { key: createPublicKey(user.certPem), dsaEncoding: 'der' },
        signed.getSignature_asU8(),
      ),
    ).toBe(true);
    const call = server.calls.at(-1)!;
    const deadline = call.deadline instanceof Date ? call.deadline.getTime() : call.deadline;
    expect(deadline).toBeGreaterThanOrEqual(before + 1000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 1234);
  });

  it('refuses a peer whose TLS certificate does not carry the expected host name', async () => {
    server.script.evaluate = () => new gateway.EvaluateResponse();
    const conn = connectAlliance({
      identity: identityFromPem({
        mspId: 'BrandMSP',
        certificatePem: user.certPem,
        privateKeyPem: user.keyPem,
      }),
      peer: {
        endpoint: server.endpoint,
        tlsCaPem: server.tlsCaPem,
        tlsHostName: 'peer0.other.alliance.test',
      },
      channel: 'alliance',
      chaincode: 'provenance',
      timeouts: { evaluateMs: 2000 },
    });
    await expect(conn.contract().evaluateTransaction('x')).rejects.toMatchObject({ code: 14 });
    conn.close();
  });

  it('closes tracked streams with the connection, and closing twice is harmless', () => {
    const conn = open();
    const closed: string[] = [];
    conn.track({ close: () => closed.push('a') });
    conn.close();
    conn.close();
    conn.track({ close: () => closed.push('late') });
    expect(closed).toEqual(['a', 'late']);
  });

  it('needs channel and chaincode names without a profile', () => {
    expect(() =>
      connectAlliance({
        identity: identityFromPem({
          mspId: 'BrandMSP',
          certificatePem: user.certPem,
          privateKeyPem: user.keyPem,
        }),
        peer: { endpoint: server.endpoint, tlsCaPem: server.tlsCaPem, tlsHostName: server.tlsHostName },
      }),
    ).toThrow(ConfigurationError);
  });
});
