// Real X.509 material for tests: a CA per org and ECDSA P-256 end-entity certificates with
// NodeOUs and, optionally, the Fabric CA attribute extension.
import 'reflect-metadata';
import { webcrypto, createPrivateKey, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type CryptoKeyPair = webcrypto.CryptoKeyPair;

const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface TestCa {
  name: string;
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
  pem: string;
}

export interface TestIdentity {
  certPem: string;
  keyPem: string;
  key: KeyObject;
}

let serial = 1;
const nextSerial = (): string => (serial++).toString(16).padStart(4, '0');

export async function newCa(name: string): Promise<TestCa> {
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: nextSerial(),
    name: `CN=ca.${name}, O=${name}`,
    notBefore: new Date(Date.now() - 3_600_000),
    notAfter: new Date(Date.now() + 365 * 86_400_000),
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true),
    ],
  });
  return { name, cert, keys, pem: cert.toString('pem') };
}

export interface IssueOptions {
  cn: string;
  ou?: string;
  attrs?: Record<string, string>;
  rawAttributeExtension?: string;
  notAfter?: Date;
  dnsNames?: string[];
}

export async function issue(ca: TestCa, o: IssueOptions): Promise<TestIdentity> {
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const extensions: x509.Extension[] = [];
  const attrText = o.rawAttributeExtension ?? (o.attrs ? JSON.stringify({ attrs: o.attrs }) : undefined);
  if (attrText !== undefined)
    extensions.push(new x509.Extension('1.2.3.4.5.6.7.8.1', false, Buffer.from(attrText)));
  if (o.dnsNames)
    extensions.push(
      new x509.SubjectAlternativeNameExtension(o.dnsNames.map((value) => ({ type: 'dns' as const, value }))),
    );
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: nextSerial(),
    subject: `CN=${o.cn}${o.ou ? `, OU=${o.ou}` : ''}`,
    issuer: ca.cert.subject,
    notBefore: new Date(Date.now() - 3_600_000),
    notAfter: o.notAfter ?? new Date(Date.now() + 30 * 86_400_000),
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: alg,
    extensions,
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd()}\n-----END PRIVATE KEY-----\n`;
  return { certPem: cert.toString('pem'), keyPem, key: createPrivateKey(keyPem) };
}

// Every folder tempDir made goes when the test file that imported this module ends.
const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the OS temp dir, removed after the importing test file's last test. */
export function tempDir(prefix = 'alliance-gw-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Writes an identity in the cryptogen MSP layout and returns its folder paths. */
export function writeMsp(dir: string, id: TestIdentity): { certFile: string; keyFile: string } {
  mkdirSync(join(dir, 'signcerts'), { recursive: true });
  mkdirSync(join(dir, 'keystore'), { recursive: true });
  const certFile = join(dir, 'signcerts', 'cert.pem');
  const keyFile = join(dir, 'keystore', 'priv_sk');
  writeFileSync(certFile, id.certPem);
  writeFileSync(keyFile, id.keyPem);
  return { certFile, keyFile };
}
