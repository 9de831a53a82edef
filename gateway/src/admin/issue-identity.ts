// @peculiar/x509 resolves its ASN.1 services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { FABRIC_ATTRIBUTES_OID, ROLE_ATTRIBUTE } from '../connect/cert-attributes';
import type { OrgCa } from './ca-store';
import { AdminError } from './errors';
import { subjectKeyIdOf } from './revocation';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** The user roles a certificate can carry (the chaincode reads one, for segregation of duties). */
export const USER_ROLES = ['analyst', 'reviewer', 'approver', 'auditor', 'admin', 'member'] as const;

/** A user identity written in the cryptogen layout. */
export interface IssuedIdentity {
  readonly certFile: string;
  readonly keyFile: string;
  readonly certificatePem: string;
  readonly role: string;
}

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SUBJECT_BASE = 'C=US, ST=California, L=San Francisco';

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64.trimEnd()}\n-----END ${label}-----\n`;
}

/**
 * Issues a user certificate from the org's CA with its role in the Fabric CA attribute extension
 * (`alliance.role`, `hf.EnrollmentID`, `hf.Type`), NodeOU `admin` for admins and `client` otherwise,
 * and writes it in the cryptogen layout (`users/<user>@<domain>/msp/{signcerts,keystore,cacerts}`),
 * so the network and every Fabric tool find it where they find the others.
 * @throws {@link AdminError} `IDENTITY_EXISTS` when the user's folder exists already
 */
export async function issueIdentity(
  ca: OrgCa,
  user: string,
  role: string,
  now = new Date(),
): Promise<IssuedIdentity> {
  if (!/^[A-Za-z0-9._-]+$/.test(user))
    throw new AdminError(
      'ORG_DEFINITION_INVALID',
      `user name "${user}" must be letters, digits, dots, dashes or underscores`,
    );
  const commonName = `${user}@${ca.domain}`;
  const mspDir = join(ca.orgDir, 'users', commonName, 'msp');
  if (existsSync(mspDir))
    throw new AdminError(
      'IDENTITY_EXISTS',
      `${mspDir} exists already; revoke and re-issue under another name`,
    );
  const caCert = new x509.X509Certificate(ca.certPem);
  const ski = subjectKeyIdOf(ca.certPem);
  const signingKey = await webcrypto.subtle.importKey(
    'pkcs8',
    createPrivateKey(ca.keyPem).export({ type: 'pkcs8', format: 'der' }),
    ECDSA_P256,
    false,
    ['sign'],
  );
  const keys = await webcrypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']);
  const attrs = JSON.stringify({
    attrs: {
      [ROLE_ATTRIBUTE]: role,
      'hf.EnrollmentID': user,
      'hf.Type': role === 'admin' ? 'admin' : 'client',
    },
  });
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 1);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial.toString('hex'),
    subject: `${SUBJECT_BASE}, OU=${role === 'admin' ? 'admin' : 'client'}, CN=${commonName}`,
    issuer: caCert.subjectName,
    notBefore: new Date(now.getTime() - 5 * 60_000),
    notAfter,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    publicKey: keys.publicKey,
    signingKey,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.BasicConstraintsExtension(false, undefined, true),
      ...(ski ? [new x509.AuthorityKeyIdentifierExtension(ski)] : []),
      new x509.Extension(FABRIC_ATTRIBUTES_OID, false, Buffer.from(attrs, 'utf8')),
    ],
  });
  const certificatePem = cert.toString('pem');
  const certFile = join(mspDir, 'signcerts', `${commonName}-cert.pem`);
  const keyFile = join(mspDir, 'keystore', 'priv_sk');
  for (const dir of ['signcerts', 'keystore', 'cacerts']) mkdirSync(join(mspDir, dir), { recursive: true });
  writeFileSync(certFile, `${certificatePem}\n`);
  writeFileSync(keyFile, pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)), {
    mode: 0o600,
  });
  writeFileSync(join(mspDir, 'cacerts', ca.certFileName), ca.certPem);
  return { certFile, keyFile, certificatePem: `${certificatePem}\n`, role };
}
