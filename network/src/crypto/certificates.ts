import { createHash, type KeyObject } from 'node:crypto';
import * as x509 from '../identity/x509';
import { FABRIC_ATTRIBUTES_OID } from '../identity/certificate';
import type { KeyPair } from './keys';
import { encodedSubject, signCertificate } from './sign-certificate';

/** A certificate authority: its certificate and key. */
export interface Authority {
  readonly certPem: string;
  readonly key: KeyPair;
  /** The CA's subject, as the issuer of what it signs. */
  readonly subject: string;
}

/** What kind of leaf certificate to issue. */
export type LeafKind = 'signing' | 'tls';

/** A leaf certificate to issue. */
export interface LeafRequest {
  readonly kind: LeafKind;
  readonly commonName: string;
  /** NodeOU of a signing certificate: client, admin, peer or orderer. */
  readonly organizationalUnit?: string;
  /** DNS names and IP addresses a TLS certificate is valid for. */
  readonly hosts?: readonly string[];
  /** Fabric CA attributes, written in the extension fabric-shim's ClientIdentity reads. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Validity period; by default from 5 minutes ago for 10 years. */
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

const VALIDITY_YEARS = 10;
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const SUBJECT_BASE = 'C=US, ST=California, L=San Francisco';
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** cryptogen's key identifier: SHA-256 of the uncompressed public point. */
function keyIdentifier(publicKey: KeyObject): string {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256')
    .update(spki.subarray(spki.length - 65))
    .digest('hex');
}

/** From 5 minutes ago (clock skew between nodes) for 10 years, as cryptogen does. */
function validity(): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  return { notBefore: new Date(now - CLOCK_SKEW_MS), notAfter };
}

/** A self-signed CA certificate, as cryptogen makes for `ca.<domain>` and `tlsca.<domain>`. */
export function issueAuthority(commonName: string, organization: string, key: KeyPair): Promise<Authority> {
  const subject = `${SUBJECT_BASE}, O=${organization}, CN=${commonName}`;
  const ski = keyIdentifier(key.publicKey);
  const certPem = signCertificate({
    ...validity(),
    subject,
    issuer: subject,
    publicKey: key.publicKey,
    signingKey: key.privateKey,
    extensions: [
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature |
          x509.KeyUsageFlags.keyEncipherment |
          x509.KeyUsageFlags.keyCertSign |
          x509.KeyUsageFlags.cRLSign,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([
        x509.ExtendedKeyUsage.clientAuth,
        x509.ExtendedKeyUsage.serverAuth,
      ]),
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.SubjectKeyIdentifierExtension(ski),
    ],
  });
  return Promise.resolve({ certPem, key, subject });
}

function leafExtensions(request: LeafRequest, ca: Authority): x509.Extension[] {
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.AuthorityKeyIdentifierExtension(keyIdentifier(ca.key.publicKey)),
  ];
  if (request.kind === 'tls') {
    extensions.push(
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([
        x509.ExtendedKeyUsage.serverAuth,
        x509.ExtendedKeyUsage.clientAuth,
      ]),
      new x509.SubjectAlternativeNameExtension(
        (request.hosts ?? []).map((h) => ({ type: IPV4.test(h) ? 'ip' : 'dns', value: h })),
      ),
    );
  } else {
    extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true));
  }
  if (request.attributes) {
    const json = JSON.stringify({ attrs: request.attributes });
    extensions.push(new x509.Extension(FABRIC_ATTRIBUTES_OID, false, Buffer.from(json, 'utf8')));
  }
  return extensions;
}

const issuerNames = new WeakMap<Authority, ReturnType<typeof encodedSubject>>();

function issuerName(ca: Authority): ReturnType<typeof encodedSubject> {
  let encoded = issuerNames.get(ca);
  if (!encoded) {
    encoded = encodedSubject(ca.certPem);
    issuerNames.set(ca, encoded);
  }
  return encoded;
}

/** A leaf certificate for `key`, signed by `ca`; returns its PEM. */
export function issueLeaf(request: LeafRequest, key: KeyPair, ca: Authority): Promise<string> {
  const ou = request.organizationalUnit ? `, OU=${request.organizationalUnit}` : '';
  return Promise.resolve(
    signCertificate({
      ...validity(),
      ...(request.notBefore ? { notBefore: request.notBefore } : {}),
      ...(request.notAfter ? { notAfter: request.notAfter } : {}),
      subject: `${SUBJECT_BASE}${ou}, CN=${request.commonName}`,
      issuer: issuerName(ca),
      publicKey: key.publicKey,
      signingKey: ca.key.privateKey,
      extensions: leafExtensions(request, ca),
    }),
  );
}

/** The subject of a PEM certificate in the form @peculiar/x509 writes issuers. */
export function subjectOf(certPem: string): string {
  return new x509.X509Certificate(certPem).subject;
}
