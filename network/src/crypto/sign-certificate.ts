import { type KeyObject, randomBytes, sign } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import * as asn1 from '@peculiar/asn1-x509';
import { toPem } from '../identity/certificate';
import * as x509 from '../identity/x509';

/** Everything that goes into one X.509 v3 certificate. */
export interface CertificateParams {
  /** Distinguished names in the string form `C=US, O=..., CN=...`. */
  readonly subject: string;
  /** A DN string, or the issuer's subject exactly as encoded in its certificate. */
  readonly issuer: string | asn1.Name;
  readonly publicKey: KeyObject;
  /** The issuer's key (the subject's own key for a self-signed CA). */
  readonly signingKey: KeyObject;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: readonly x509.Extension[];
}

const ECDSA_WITH_SHA256 = new asn1.AlgorithmIdentifier({ algorithm: '1.2.840.10045.4.3.2' });

function name(text: string): asn1.Name {
  return AsnConvert.parse(new x509.Name(text).toArrayBuffer(), asn1.Name);
}

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** A positive 128-bit serial number: the top bit cleared so the DER INTEGER needs no sign byte. */
function serialNumber(): ArrayBuffer {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x01;
  return arrayBuffer(serial);
}

/**
 * The subject of a certificate as encoded in it. Go's chain building (and so Fabric's) compares
 * an issuer name with its CA's subject byte for byte, so leaves reuse these bytes.
 */
export function encodedSubject(certPem: string): asn1.Name {
  return AsnConvert.parse(new x509.X509Certificate(certPem).rawData, asn1.Certificate).tbsCertificate.subject;
}

/**
 * Builds and signs a certificate with @peculiar's ASN.1 schema and node:crypto. This is what
 * X509CertificateGenerator does, minus the WebCrypto key import and the re-parse of the result,
 * which made generating a network's ~60 certificates several times slower.
 */
export function signCertificate(params: CertificateParams): string {
  const tbs = new asn1.TBSCertificate({
    version: asn1.Version.v3,
    serialNumber: serialNumber(),
    signature: ECDSA_WITH_SHA256,
    issuer: typeof params.issuer === 'string' ? name(params.issuer) : params.issuer,
    validity: new asn1.Validity({ notBefore: params.notBefore, notAfter: params.notAfter }),
    subject: name(params.subject),
    subjectPublicKeyInfo: AsnConvert.parse(
      params.publicKey.export({ type: 'spki', format: 'der' }),
      asn1.SubjectPublicKeyInfo,
    ),
    extensions: new asn1.Extensions(
      params.extensions.map((e) => AsnConvert.parse(e.rawData, asn1.Extension)),
    ),
  });
  const signature = sign('sha256', Buffer.from(AsnConvert.serialize(tbs)), {
    key: params.signingKey,
    dsaEncoding: 'der',
  });
  const certificate = new asn1.Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: ECDSA_WITH_SHA256,
    signatureValue: arrayBuffer(signature),
  });
  return toPem(new Uint8Array(AsnConvert.serialize(certificate)));
}
