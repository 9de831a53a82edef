import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { msp } from '@alliance/network/protos';
import { fabricMspConfig } from '@alliance/network/channel';
import { generateKeyPair, issueLeaf, keyPairFromPem } from '@alliance/network/crypto';
import { type PrincipalRole, rolePrincipal } from '@alliance/network/policy';
import {
  type ChannelMsps,
  IdentityError,
  createChannelMsps,
  isLowS,
  serializeIdentity,
  toLowS,
} from '@alliance/network/identity';
import { PKI_TIMEOUT_MS, type TestPki, createTestPki } from '../fixtures/pki';

let pki: TestPki;
let msps: ChannelMsps;

beforeAll(async () => {
  pki = await createTestPki(['a', 'b']);
  msps = createChannelMsps(pki.mspConfigs());
}, PKI_TIMEOUT_MS);

afterAll(() => {
  pki.remove();
});

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof IdentityError) return error.code;
    throw error;
  }
  return 'OK';
}

function authorityOf(orgName: string): {
  certPem: string;
  key: ReturnType<typeof keyPairFromPem>;
  subject: string;
} {
  const org = pki.org(orgName);
  return {
    certPem: org.caCertPem,
    key: keyPairFromPem(org.caKeyPem),
    subject: new x509.X509Certificate(org.caCertPem).subject,
  };
}

/** A certificate issued by org a's CA outside the generated material. */
async function extraCert(request: Parameters<typeof issueLeaf>[0]): Promise<Uint8Array> {
  const certPem = await issueLeaf(request, await generateKeyPair(), authorityOf('a'));
  return serializeIdentity('AMSP', certPem);
}

describe('channel MSPs', () => {
  it('deserializes valid identities with their NodeOU role and attributes', () => {
    const user = msps.deserialize(pki.signer('a/User1').serialized);
    expect(user).toMatchObject({
      mspId: 'AMSP',
      role: 'client',
      attributes: { 'alliance.role': 'member', 'hf.EnrollmentID': 'User1', 'hf.Type': 'client' },
    });
    expect(user.subject).toContain('CN=User1@a.alliance.test');
    expect(msps.deserialize(pki.signer('a/Admin').serialized).role).toBe('admin');
    expect(msps.deserialize(pki.signer('b/peer').serialized)).toMatchObject({
      mspId: 'BMSP',
      role: 'peer',
      attributes: {},
    });
    expect(msps.deserialize(pki.signer('b/User2').serialized).attributes['alliance.role']).toBe('analyst');
    expect(msps.mspIds()).toEqual(['AMSP', 'BMSP']);
  });

  it('caches identities by their bytes', () => {
    const bytes = pki.signer('a/User1').serialized;
    expect(msps.deserialize(Uint8Array.from(bytes))).toBe(msps.deserialize(bytes));
  });

  it('refuses an identity of an MSP outside the channel', () => {
    const org = pki.org('a');
    expect(codeOf(() => msps.deserialize(serializeIdentity('GhostMSP', org.users.User1!.certPem)))).toBe(
      'UNKNOWN_MSP',
    );
    const onlyB = createChannelMsps(pki.mspConfigs(['b']));
    expect(codeOf(() => onlyB.deserialize(pki.signer('a/User1').serialized))).toBe('UNKNOWN_MSP');
  });

  it('refuses a certificate issued by another MSP CA', () => {
    expect(codeOf(() => msps.deserialize(serializeIdentity('AMSP', pki.org('b').users.User1!.certPem)))).toBe(
      'NOT_VALID_CERT',
    );
  });

  it('refuses an expired certificate, and one not valid yet', async () => {
    const expired = await extraCert({
      kind: 'signing',
      commonName: 'old',
      organizationalUnit: 'client',
      notBefore: new Date(Date.now() - 2e9),
      notAfter: new Date(Date.now() - 1e9),
    });
    expect(codeOf(() => msps.deserialize(expired))).toBe('EXPIRED');
    const future = await extraCert({
      kind: 'signing',
      commonName: 'new',
      organizationalUnit: 'client',
      notBefore: new Date(Date.now() + 1e9),
      notAfter: new Date(Date.now() + 2e9),
    });
    expect(codeOf(() => msps.deserialize(future))).toBe('NOT_VALID_CERT');
    // Fabric's MSP itself ignores the validity period; replaying old blocks needs that.
    const lenient = createChannelMsps(pki.mspConfigs(), { ignoreExpiry: true });
    expect(lenient.deserialize(expired).mspId).toBe('AMSP');
  });

  it('notices expiry of a cached identity when the clock moves on', () => {
    let now = Date.now();
    const clocked = createChannelMsps(pki.mspConfigs(), { now: () => now });
    const bytes = pki.signer('a/User1').serialized;
    expect(clocked.deserialize(bytes).mspId).toBe('AMSP');
    now += 20 * 365 * 24 * 3600 * 1000;
    expect(codeOf(() => clocked.deserialize(bytes))).toBe('EXPIRED');
  });

  it('refuses a certificate revoked by a CRL its CA signed, and ignores CRLs of other CAs', async () => {
    const revokedPem = pki.org('a').users.User2!.certPem;
    const serial = new x509.X509Certificate(revokedPem).serialNumber;
    const crlBy = async (orgName: string): Promise<Uint8Array> => {
      const org = pki.org(orgName);
      const caKey = await webcrypto.subtle.importKey(
        'pkcs8',
        keyPairFromPem(org.caKeyPem).privateKey.export({ type: 'pkcs8', format: 'der' }),
        { name: 'ECDSA', namedCurve: 'P-256' },
        false,
        ['sign'],
      );
      const crl = await x509.X509CrlGenerator.create(
        {
          issuer: new x509.X509Certificate(org.caCertPem).subject,
          signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
          signingKey: caKey,
          entries: [{ serialNumber: serial }],
        },
        webcrypto,
      );
      return Buffer.from(crl.toString('pem'));
    };
    const withCrl = (crl: Uint8Array): ChannelMsps => {
      const config = fabricMspConfig(pki.org('a'));
      config.setRevocationListList([crl]);
      return createChannelMsps([config]);
    };
    const revoking = withCrl(await crlBy('a'));
    expect(codeOf(() => revoking.deserialize(serializeIdentity('AMSP', revokedPem)))).toBe('REVOKED');
    expect(codeOf(() => revoking.deserialize(pki.signer('a/User1').serialized))).toBe('OK');
    const otherCa = withCrl(await crlBy('b'));
    expect(codeOf(() => otherCa.deserialize(serializeIdentity('AMSP', revokedPem)))).toBe('OK');
  });

  it('refuses certificates without exactly one NodeOU, CA certificates and garbage', async () => {
    expect(codeOf(() => msps.deserialize(serializeIdentity('AMSP', pki.org('a').caCertPem)))).toBe(
      'NOT_VALID_CERT',
    );
    const noOu = await extraCert({ kind: 'signing', commonName: 'nobody' });
    expect(codeOf(() => msps.deserialize(noOu))).toBe('NOT_VALID_CERT');
    expect(codeOf(() => msps.deserialize(Uint8Array.of(0xff, 0x01)))).toBe('MALFORMED');
    expect(codeOf(() => msps.deserialize(serializeIdentity('AMSP', 'not a certificate')))).toBe('MALFORMED');
  });

  it('verifies signatures and rejects tampered data, tampered signatures and high-S', () => {
    const signer = pki.signer('a/User1');
    const identity = msps.deserialize(signer.serialized);
    const data = Buffer.from('proposal bytes');
    const signature = signer.sign(data);
    expect(msps.verify(identity, data, signature)).toBe(true);
    expect(msps.verify(identity, Buffer.from('proposal bytez'), signature)).toBe(false);
    const bad = Uint8Array.from(signature);
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 1;
    expect(msps.verify(identity, data, bad)).toBe(false);
    expect(msps.verify(msps.deserialize(pki.signer('b/User1').serialized), data, signature)).toBe(false);
    const highS = toHighS(signature);
    expect(isLowS(highS)).toBe(false);
    expect(toLowS(highS)).toEqual(signature);
    expect(msps.verify(identity, data, highS)).toBe(false);
  });

  it('verifies in the thread pool with the same verdicts as verify()', async () => {
    const signer = pki.signer('a/User1');
    const identity = msps.deserialize(signer.serialized);
    const data = Buffer.from('block of transactions');
    const signature = signer.sign(data);
    const bad = Uint8Array.from(signature);
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 1;
    const other = msps.deserialize(pki.signer('b/User1').serialized);
    expect(
      await Promise.all([
        msps.verifyInBackground(identity, data, signature),
        msps.verifyInBackground(identity, Buffer.from('block of transactionz'), signature),
        msps.verifyInBackground(identity, data, bad),
        msps.verifyInBackground(other, data, signature),
        msps.verifyInBackground(identity, data, toHighS(signature)),
        msps.verifyInBackground(identity, data, Buffer.from('not DER')),
      ]),
    ).toEqual([true, false, false, false, false, false]);
    expect(msps.verify(identity, data, signature)).toBe(true);
    expect(msps.verify(identity, data, bad)).toBe(false);
  });

  it('always signs low-S', () => {
    const signer = pki.signer('b/peer');
    for (let i = 0; i < 64; i++) expect(isLowS(signer.sign(Buffer.from([i])))).toBe(true);
  });

  it('matches ROLE, IDENTITY and ORGANIZATION_UNIT principals', () => {
    // Principals come from the network's own protos copy (the root one is fabric-shim's older copy).
    const role = (mspId: string, type: PrincipalRole): ReturnType<typeof rolePrincipal> =>
      rolePrincipal(mspId, type);
    const other = (classification: number, bytes: Uint8Array): ReturnType<typeof rolePrincipal> => {
      const p = rolePrincipal('AMSP', 'member');
      p.setPrincipalClassification(classification as 0);
      p.setPrincipal(bytes);
      return p;
    };
    const user = msps.deserialize(pki.signer('a/User1').serialized);
    const admin = msps.deserialize(pki.signer('a/Admin').serialized);
    const peer = msps.deserialize(pki.signer('a/peer').serialized);
    const table = [user, admin, peer].map((id) =>
      (['member', 'admin', 'client', 'peer', 'orderer'] as const).map((t) =>
        msps.satisfiesPrincipal(id, role('AMSP', t)),
      ),
    );
    expect(table).toEqual([
      [true, false, true, false, false],
      [true, true, false, false, false],
      [true, false, false, true, false],
    ]);
    expect(msps.satisfiesPrincipal(user, role('BMSP', 'member'))).toBe(false);

    const identityPrincipal = other(msp.MSPPrincipal.Classification.IDENTITY, user.serialized);
    expect(msps.satisfiesPrincipal(user, identityPrincipal)).toBe(true);
    expect(msps.satisfiesPrincipal(admin, identityPrincipal)).toBe(false);

    const ou = new msp.OrganizationUnit();
    ou.setMspIdentifier('AMSP');
    ou.setOrganizationalUnitIdentifier('client');
    ou.setCertifiersIdentifier(new Uint8Array(0));
    const ouPrincipal = other(msp.MSPPrincipal.Classification.ORGANIZATION_UNIT, ou.serializeBinary());
    // The certifiers identifier must name the issuing chain, as in Fabric.
    expect(msps.satisfiesPrincipal(user, ouPrincipal)).toBe(false);
  });
});

/** The same ECDSA signature with S replaced by n - S (valid for plain ECDSA, refused by Fabric). */
function toHighS(der: Uint8Array): Uint8Array {
  const n = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
  const rLen = der[3]!;
  const r = der.subarray(4, 4 + rLen);
  const sStart = 4 + rLen + 2;
  const s = BigInt(`0x${Buffer.from(der.subarray(sStart)).toString('hex')}`);
  let high = Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex');
  if (high[0]! >= 0x80) high = Buffer.concat([Buffer.of(0), high]);
  const body = Buffer.concat([Buffer.of(0x02, r.length), r, Buffer.of(0x02, high.length), high]);
  return Buffer.concat([Buffer.of(0x30, body.length), body]);
}
