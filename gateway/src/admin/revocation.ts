// @peculiar/x509 resolves its ASN.1 services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { createPrivateKey, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { AdminError } from './errors';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** A revoked certificate as a CRL lists it. */
export interface RevokedEntry {
  /** Serial number, lower-case hex without leading zeros. */
  readonly serial: string;
  readonly revokedAt: Date;
}

/** A CRL of an org's MSP, read for display and for adding to. */
export interface RevocationListInfo {
  /** The CRL as it is stored in the MSP config. */
  readonly bytes: Uint8Array;
  /** The issuing CA's distinguished name. */
  readonly issuer: string;
  /** The issuing CA's key identifier (the CRL's authority key identifier), lower-case hex. */
  readonly authorityKeyId: string | undefined;
  readonly thisUpdate: Date;
  readonly revoked: readonly RevokedEntry[];
}

/** A serial number in one canonical form: lower-case hex, no leading zeros. */
export function normalizeSerial(hex: string): string {
  return hex.toLowerCase().replace(/^0+(?=.)/, '');
}

function keyIdOf(ext: x509.Extension | null): string | undefined {
  if (ext instanceof x509.AuthorityKeyIdentifierExtension) return ext.keyId?.toLowerCase();
  if (ext instanceof x509.SubjectKeyIdentifierExtension) return ext.keyId.toLowerCase();
  return undefined;
}

/**
 * Reads a CRL (PEM or DER) as an MSP config stores it.
 * @throws {@link AdminError} `CONFIG_INVALID` when it is not a CRL
 */
export function readRevocationList(bytes: Uint8Array): RevocationListInfo {
  let crl: x509.X509Crl;
  try {
    const text = Buffer.from(bytes).toString('latin1');
    crl = new x509.X509Crl(text.includes('-----BEGIN') ? text : bytes);
  } catch (cause) {
    throw new AdminError('CONFIG_INVALID', 'an MSP revocation list is not a CRL', { cause });
  }
  return {
    bytes,
    issuer: crl.issuer,
    authorityKeyId: keyIdOf(crl.getExtension(x509.AuthorityKeyIdentifierExtension)),
    thisUpdate: crl.thisUpdate,
    revoked: crl.entries.map((e) => ({
      serial: normalizeSerial(e.serialNumber),
      revokedAt: e.revocationDate,
    })),
  };
}

/** A CA able to sign CRLs: its certificate and PEM private key. */
export interface SigningAuthority {
  readonly certPem: string;
  readonly keyPem: string;
}

/** The key identifier of a CA certificate (its subject key identifier), lower-case hex. */
export function subjectKeyIdOf(certPem: string): string | undefined {
  return keyIdOf(new x509.X509Certificate(certPem).getExtension(x509.SubjectKeyIdentifierExtension));
}

/**
 * True when `list` was issued by `ca`: Fabric matches a CRL to a CA by the CRL's authority key
 * identifier, so that is compared first; lists without one are matched by issuer name.
 */
export function issuedBy(list: RevocationListInfo, caCertPem: string): boolean {
  const ski = subjectKeyIdOf(caCertPem);
  if (list.authorityKeyId && ski) return list.authorityKeyId === ski;
  return list.issuer === new x509.X509Certificate(caCertPem).subject;
}

/**
 * Builds a CRL signed by the CA, listing `entries`, with the authority key identifier Fabric's MSP
 * uses to find the CA a CRL belongs to. Returns its PEM.
 */
export async function buildRevocationList(
  ca: SigningAuthority,
  entries: readonly RevokedEntry[],
  now = new Date(),
): Promise<string> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const ski = subjectKeyIdOf(ca.certPem);
  if (!ski)
    throw new AdminError(
      'CA_NOT_FOUND',
      `CA certificate ${caCert.subject} has no subject key identifier; Fabric could not match a CRL to it`,
    );
  const der = createPrivateKey(ca.keyPem).export({ type: 'pkcs8', format: 'der' });
  const signingKey = await webcrypto.subtle.importKey(
    'pkcs8',
    der,
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  const nextUpdate = new Date(now.getTime() + 365 * 24 * 3600 * 1000);
  const crl = await x509.X509CrlGenerator.create({
    issuer: caCert.subjectName,
    thisUpdate: now,
    nextUpdate,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    signingKey,
    extensions: [new x509.AuthorityKeyIdentifierExtension(ski)],
    entries: entries.map((e) => ({
      serialNumber: e.serial,
      revocationDate: e.revokedAt,
      reason: x509.X509CrlReason.keyCompromise,
    })),
  });
  return crl.toString('pem');
}
