import { X509Certificate, createHash } from 'node:crypto';
import * as x509 from './x509';
import { IdentityError } from './errors';

/** OID of the Fabric CA attribute extension; its value is JSON `{"attrs":{...}}`. */
export const FABRIC_ATTRIBUTES_OID = '1.2.3.4.5.6.7.8.1';

// DER of the OID above (06 08 2a 03 04 05 06 07 08 01): a cheap test before parsing extensions.
const ATTRIBUTES_OID_DER = Buffer.from('06082a03040506070801', 'hex');

/** A certificate parsed once with what identity checks need. */
export interface ParsedCertificate {
  readonly x509: X509Certificate;
  readonly der: Buffer;
  /** Hex SHA-256 of the DER. */
  readonly id: string;
  readonly subject: string;
  readonly organizationalUnits: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly serialNumber: string;
}

/** Hex serial number without leading zeros, lower case: the form both node:crypto and CRL entries compare in. */
export function normalizeSerial(serial: string): string {
  return serial.toLowerCase().replace(/^0+(?=.)/, '');
}

function subjectFields(subject: string): [string, string][] {
  return subject
    .split('\n')
    .filter((line) => line.includes('='))
    .map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at), line.slice(at + 1)];
    });
}

function readAttributes(der: Buffer): Record<string, string> {
  if (der.indexOf(ATTRIBUTES_OID_DER) < 0) return {};
  const extension = new x509.X509Certificate(der).getExtension(FABRIC_ATTRIBUTES_OID);
  if (!extension) return {};
  try {
    const parsed = JSON.parse(Buffer.from(extension.value).toString('utf8')) as { attrs?: unknown };
    const attrs = parsed.attrs;
    if (typeof attrs !== 'object' || attrs === null) return {};
    return Object.fromEntries(
      Object.entries(attrs).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    throw new IdentityError('MALFORMED', 'the certificate attribute extension is not JSON');
  }
}

/** Parses a PEM certificate; throws IdentityError MALFORMED. */
export function parseCertificate(pem: string | Uint8Array): ParsedCertificate {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(typeof pem === 'string' ? pem : Buffer.from(pem));
  } catch (error) {
    throw new IdentityError('MALFORMED', `not an X.509 certificate: ${(error as Error).message}`);
  }
  const der = cert.raw;
  const fields = subjectFields(cert.subject);
  return {
    x509: cert,
    der,
    id: createHash('sha256').update(der).digest('hex'),
    subject: fields.map(([k, v]) => `${k}=${v}`).join(', '),
    organizationalUnits: fields.filter(([k]) => k === 'OU').map(([, v]) => v),
    attributes: readAttributes(der),
    notBefore: Date.parse(cert.validFrom),
    notAfter: Date.parse(cert.validTo),
    serialNumber: normalizeSerial(cert.serialNumber),
  };
}

/** PEM text of a DER certificate. */
export function toPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}
