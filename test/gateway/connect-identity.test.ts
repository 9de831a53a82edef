import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  identityFromPem,
  loadIdentityFiles,
  loadProfileIdentity,
  parseIdentityName,
} from '@alliance/gateway';
import { parseProfile, loadProfile } from '@alliance/gateway';
import { readCertificateAttributes } from '@alliance/gateway';
import { ConfigurationError } from '@alliance/gateway';
import { issue, newCa, tempDir, writeMsp, type TestCa, type TestIdentity } from './support/pki';

let ca: TestCa;
let analyst: TestIdentity;
let other: TestIdentity;
let dir: string;

const expectCode = (fn: () => unknown, code: string): void => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    expect((e as ConfigurationError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
};

function profileJson(files: { certFile: string; keyFile: string }, roles: string[] = ['analyst']): unknown {
  return {
    runtime: 'embedded',
    channel: 'alliance',
    chaincode: 'provenance',
    orderer: {
      mspId: 'OrdererMSP',
      endpoint: '127.0.0.1:7050',
      tlsCaFile: 'tls/orderer.pem',
      tlsHostName: 'orderer.alliance.test',
    },
    orgs: {
      lab: {
        mspId: 'LabMSP',
        roles: ['LAB'],
        peer: {
          endpoint: '127.0.0.1:7051',
          tlsCaFile: 'tls/lab.pem',
          tlsHostName: 'peer0.lab.alliance.test',
        },
        identities: { analyst: { ...files, roles } },
      },
    },
  };
}

beforeAll(async () => {
  ca = await newCa('lab.alliance.test');
  analyst = await issue(ca, {
    cn: 'analyst@lab.alliance.test',
    ou: 'client',
    attrs: { 'alliance.role': 'analyst', other: 'x' },
  });
  other = await issue(ca, { cn: 'other@lab.alliance.test', ou: 'client' });
  dir = tempDir();
});

describe('identity loading', () => {
  it('loads a matching certificate and key and reads the role attribute', () => {
    const id = identityFromPem({
      mspId: 'LabMSP',
      certificatePem: analyst.certPem,
      privateKeyPem: analyst.keyPem,
    });
    expect(id.mspId).toBe('LabMSP');
    expect(id.role).toBe('analyst');
    expect(id.attributes).toEqual({ 'alliance.role': 'analyst', other: 'x' });
  });

  it('refuses a key that belongs to another certificate', () => {
    expectCode(
      () =>
        identityFromPem({ mspId: 'LabMSP', certificatePem: analyst.certPem, privateKeyPem: other.keyPem }),
      'KEY_CERT_MISMATCH',
    );
  });

  it('refuses garbage PEM, an empty MSP ID and an expired certificate', async () => {
    expectCode(
      () => identityFromPem({ mspId: 'LabMSP', certificatePem: 'nope', privateKeyPem: analyst.keyPem }),
      'IDENTITY_UNREADABLE',
    );
    expectCode(
      () => identityFromPem({ mspId: 'LabMSP', certificatePem: analyst.certPem, privateKeyPem: 'nope' }),
      'IDENTITY_UNREADABLE',
    );
    expectCode(
      () => identityFromPem({ mspId: ' ', certificatePem: analyst.certPem, privateKeyPem: analyst.keyPem }),
      'MSP_MISMATCH',
    );
    const old = await issue(ca, { cn: 'old', notAfter: new Date(Date.now() - 60_000) });
    expectCode(
      () => identityFromPem({ mspId: 'LabMSP', certificatePem: old.certPem, privateKeyPem: old.keyPem }),
      'IDENTITY_EXPIRED',
    );
  });

  it('has no role when the certificate carries no attributes, and rejects a malformed extension', async () => {
    expect(readCertificateAttributes(other.certPem)).toEqual({});
    const bad = await issue(ca, { cn: 'bad', rawAttributeExtension: '{"attrs":' });
    expectCode(() => readCertificateAttributes(bad.certPem), 'ROLE_ATTRIBUTE_INVALID');
    const noAttrs = await issue(ca, { cn: 'bad2', rawAttributeExtension: '{"x":1}' });
    expectCode(() => readCertificateAttributes(noAttrs.certPem), 'ROLE_ATTRIBUTE_INVALID');
  });

  it('reads MSP folders (first file of signcerts and keystore)', () => {
    const msp = join(dir, 'msp');
    writeMsp(msp, analyst);
    const id = loadIdentityFiles({
      mspId: 'LabMSP',
      certFile: join(msp, 'signcerts'),
      keyFile: join(msp, 'keystore'),
    });
    expect(id.certificatePem).toBe(analyst.certPem);
    expectCode(
      () =>
        loadIdentityFiles({
          mspId: 'LabMSP',
          certFile: join(dir, 'missing.pem'),
          keyFile: join(msp, 'keystore'),
        }),
      'IDENTITY_NOT_FOUND',
    );
  });
});

describe('profile', () => {
  it('validates and resolves relative paths against the profile folder', () => {
    const files = writeMsp(join(dir, 'p1'), analyst);
    const path = join(dir, 'network.json');
    writeFileSync(path, JSON.stringify(profileJson(files)));
    const profile = loadProfile(path);
    expect(profile.orgs.lab?.peer.tlsCaFile).toBe(join(dir, 'tls/lab.pem'));
    const id = loadProfileIdentity(profile, 'lab/analyst');
    expect(id).toMatchObject({ org: 'lab', user: 'analyst', mspId: 'LabMSP', role: 'analyst' });
  });

  it('names every problem of an invalid profile', () => {
    try {
      parseProfile({ channel: '', orgs: {} }, dir);
      throw new Error('no error');
    } catch (e) {
      expect((e as ConfigurationError).code).toBe('PROFILE_INVALID');
      expect((e as Error).message).toMatch(/channel/);
      expect((e as Error).message).toMatch(/orderer/);
    }
    expectCode(() => loadProfile(join(dir, 'none.json')), 'PROFILE_NOT_FOUND');
    writeFileSync(join(dir, 'bad.json'), '{');
    expectCode(() => loadProfile(join(dir, 'bad.json')), 'PROFILE_INVALID');
  });

  it('gives clear errors for unknown orgs, users, malformed names and a role the profile does not grant', () => {
    const files = writeMsp(join(dir, 'p2'), analyst);
    const profile = parseProfile(profileJson(files), dir);
    expectCode(() => loadProfileIdentity(profile, 'brand/User1'), 'ORG_NOT_FOUND');
    expectCode(() => loadProfileIdentity(profile, 'lab/User9'), 'IDENTITY_NOT_FOUND');
    expectCode(() => parseIdentityName('lab'), 'IDENTITY_NOT_FOUND');
    const strict = parseProfile(profileJson(files, ['approver']), dir);
    expectCode(() => loadProfileIdentity(strict, 'lab/analyst'), 'ROLE_ATTRIBUTE_INVALID');
  });
});
