import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ChaincodeStub, ClientIdentity } from 'fabric-shim';
import { fabricMspConfig } from '@alliance/network/channel';
import {
  type CryptoMaterial,
  CryptoError,
  generateCryptoMaterial,
  issueUserIdentity,
  loadCryptoMaterial,
} from '@alliance/network/crypto';
import { defaultNetworkDefinition } from '@alliance/network/definition';
import { createChannelMsps, serializeIdentity } from '@alliance/network/identity';

// Generating a whole network takes well under a second on an idle machine; leave room for a busy one.
const GENERATION_TIMEOUT_MS = 60_000;
const def = defaultNetworkDefinition();
let root: string;
let material: CryptoMaterial;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'crypto-'));
  material = await generateCryptoMaterial(def, root);
}, GENERATION_TIMEOUT_MS);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function subjectOf(pem: string): string {
  return new X509Certificate(pem).subject.replace(/\n/g, ', ');
}

/** fabric-shim's real ClientIdentity over a stub that answers what its constructor asks. */
function clientIdentity(mspId: string, certPem: string): ClientIdentity {
  const stub = {
    getChannelID: () => 'alliance',
    getTxID: () => 'tx1',
    getCreator: () => ({ mspid: mspId, idBytes: Buffer.from(certPem) }),
  };
  return new ClientIdentity(stub as unknown as ChaincodeStub);
}

describe('crypto material', () => {
  it('writes the cryptogen layout with NodeOUs', () => {
    const lab = join(root, 'organizations/peerOrganizations/lab.alliance.test');
    const expected = [
      'ca/ca.lab.alliance.test-cert.pem',
      'ca/priv_sk',
      'tlsca/tlsca.lab.alliance.test-cert.pem',
      'msp/cacerts/ca.lab.alliance.test-cert.pem',
      'msp/tlscacerts/tlsca.lab.alliance.test-cert.pem',
      'msp/config.yaml',
      'peers/peer0.lab.alliance.test/msp/signcerts/peer0.lab.alliance.test-cert.pem',
      'peers/peer0.lab.alliance.test/msp/keystore/priv_sk',
      'peers/peer0.lab.alliance.test/msp/config.yaml',
      'peers/peer0.lab.alliance.test/tls/server.crt',
      'peers/peer0.lab.alliance.test/tls/server.key',
      'peers/peer0.lab.alliance.test/tls/ca.crt',
      'users/User1@lab.alliance.test/msp/signcerts/User1@lab.alliance.test-cert.pem',
      'users/User1@lab.alliance.test/msp/keystore/priv_sk',
      'users/User1@lab.alliance.test/msp/cacerts/ca.lab.alliance.test-cert.pem',
      'users/User1@lab.alliance.test/msp/config.yaml',
      'users/analyst@lab.alliance.test/tls/client.crt',
    ];
    expect(expected.filter((file) => !existsSync(join(lab, file)))).toEqual([]);
    expect(
      existsSync(
        join(
          root,
          'organizations/ordererOrganizations/alliance.test/orderers/orderer.alliance.test/tls/server.crt',
        ),
      ),
    ).toBe(true);
    const config = readFileSync(join(lab, 'msp/config.yaml'), 'utf8');
    expect(config).toContain(
      'NodeOUs:\n  Enable: true\n  ClientOUIdentifier:\n    Certificate: cacerts/ca.lab.alliance.test-cert.pem\n    OrganizationalUnitIdentifier: client\n',
    );
    expect(config).toContain('OrganizationalUnitIdentifier: orderer');
    const user = material.orgs.lab!.users.User1!;
    expect(relative(root, user.keyFile)).toBe(
      'organizations/peerOrganizations/lab.alliance.test/users/User1@lab.alliance.test/msp/keystore/priv_sk',
    );
  });

  it('keeps keys as PKCS#8 PEM that match their certificates', () => {
    for (const org of [material.orderer, ...Object.values(material.orgs)]) {
      for (const files of [org.node.identity, org.node.tls, ...Object.values(org.users)]) {
        expect(files.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
        expect(readFileSync(files.keyFile, 'utf8')).toBe(files.keyPem);
        expect(new X509Certificate(files.certPem).checkPrivateKey(createPrivateKey(files.keyPem))).toBe(true);
      }
    }
  });

  it('issues certificates with the NodeOU of each role, P-256 keys and the CA chain', () => {
    const lab = material.orgs.lab!;
    expect(subjectOf(lab.users.User1!.certPem)).toMatch(/OU=client, CN=User1@lab.alliance.test$/);
    expect(subjectOf(lab.users.Admin!.certPem)).toMatch(/OU=admin, CN=Admin@lab.alliance.test$/);
    expect(subjectOf(lab.node.identity.certPem)).toMatch(/OU=peer, CN=peer0.lab.alliance.test$/);
    expect(subjectOf(material.orderer.node.identity.certPem)).toMatch(
      /OU=orderer, CN=orderer.alliance.test$/,
    );
    const ca = new X509Certificate(lab.caCertPem);
    expect(ca.ca).toBe(true);
    expect(ca.subject).toContain('CN=ca.lab.alliance.test');
    expect(new X509Certificate(lab.users.User1!.certPem).verify(ca.publicKey)).toBe(true);
    expect(
      new X509Certificate(lab.node.tls.certPem).verify(new X509Certificate(lab.tlsCaCertPem).publicKey),
    ).toBe(true);
    expect(ca.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
  });

  it('makes TLS server certificates valid for the host, localhost and 127.0.0.1', () => {
    const tls = new X509Certificate(material.orgs.supplier!.node.tls.certPem);
    expect(tls.checkHost('peer0.supplier.alliance.test')).toBe('peer0.supplier.alliance.test');
    expect(tls.checkHost('localhost')).toBe('localhost');
    expect(tls.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(tls.checkHost('peer0.brand.alliance.test')).toBeUndefined();
    expect(new X509Certificate(material.orderer.node.tls.certPem).checkHost('orderer.alliance.test')).toBe(
      'orderer.alliance.test',
    );
  });

  it('puts the user role where fabric-shim ClientIdentity reads it', () => {
    const lab = material.orgs.lab!;
    const analyst = clientIdentity('LabMSP', lab.users.analyst!.certPem);
    expect(analyst.getAttributeValue('alliance.role')).toBe('analyst');
    expect(analyst.getAttributeValue('hf.EnrollmentID')).toBe('analyst');
    expect(analyst.assertAttributeValue('hf.Type', 'client')).toBe(true);
    expect(analyst.getID()).toContain('CN=analyst@lab.alliance.test');
    expect(clientIdentity('LabMSP', lab.users.Admin!.certPem).getAttributeValue('alliance.role')).toBe(
      'admin',
    );
    expect(
      clientIdentity('PlatformMSP', material.orgs.platform!.users.auditor!.certPem).getAttributeValue(
        'alliance.role',
      ),
    ).toBe('auditor');
    expect(clientIdentity('LabMSP', lab.node.identity.certPem).getAttributeValue('alliance.role')).toBeNull();
  });

  it(
    'is idempotent: a second run keeps everything, a removed file is reissued alone',
    async () => {
      const again = await generateCryptoMaterial(def, root);
      expect(again).toEqual(material);
      const brand = material.orgs.brand!;
      rmSync(brand.users.User1!.certFile);
      const repaired = await generateCryptoMaterial(def, root);
      expect(repaired.orgs.brand!.users.User1!.certPem).not.toBe(brand.users.User1!.certPem);
      expect(repaired.orgs.brand!.users.Admin).toEqual(brand.users.Admin);
      expect(repaired.orgs.brand!.caCertPem).toBe(brand.caCertPem);
      material = repaired;
      expect(await loadCryptoMaterial(def, root)).toEqual(material);
    },
    GENERATION_TIMEOUT_MS,
  );

  it('refuses to load material that was never generated', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'crypto-empty-'));
    await expect(loadCryptoMaterial(def, empty)).rejects.toThrow(CryptoError);
    await expect(loadCryptoMaterial(def, empty)).rejects.toThrow(/no crypto material for org orderer/);
    rmSync(empty, { recursive: true, force: true });
  });

  it(
    'issues identities for users added later, valid for the org MSP',
    async () => {
      const verifier = material.orgs.verifier!;
      const files = await issueUserIdentity(verifier, { name: 'analyst2', roles: ['analyst'] });
      expect(relative(root, files.certFile)).toBe(
        'organizations/peerOrganizations/verifier.alliance.test/users/analyst2@verifier.alliance.test/msp/signcerts/analyst2@verifier.alliance.test-cert.pem',
      );
      const msps = createChannelMsps([fabricMspConfig(verifier)]);
      expect(msps.deserialize(serializeIdentity('VerifierMSP', files.certPem))).toMatchObject({
        role: 'client',
        attributes: { 'alliance.role': 'analyst' },
      });
      expect(await issueUserIdentity(verifier, { name: 'analyst2', roles: ['analyst'] })).toEqual(files);
    },
    GENERATION_TIMEOUT_MS,
  );
});
