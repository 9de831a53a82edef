// @peculiar/x509 resolves its ASN.1 services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { ConfigurationError } from '../errors/gateway-error';

/** The X.509 extension Fabric CA writes enrolment attributes into. */
export const FABRIC_ATTRIBUTES_OID = '1.2.3.4.5.6.7.8.1';
/** The attribute carrying the user's role in the alliance (analyst, reviewer, approver, auditor, admin, member). */
export const ROLE_ATTRIBUTE = 'alliance.role';

/**
 * Reads the Fabric CA attributes (`{"attrs":{...}}`) of a certificate.
 * @param certificatePem - the certificate
 * @returns the attributes, empty when the certificate has none
 * @throws {@link ConfigurationError} `ROLE_ATTRIBUTE_INVALID` when the extension is not that JSON shape
 */
export function readCertificateAttributes(certificatePem: string): Readonly<Record<string, string>> {
  const ext = new x509.X509Certificate(certificatePem).getExtension(FABRIC_ATTRIBUTES_OID);
  if (!ext) return {};
  const text = Buffer.from(ext.value).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ConfigurationError(
      'ROLE_ATTRIBUTE_INVALID',
      `certificate attribute extension is not JSON: ${text.slice(0, 80)}`,
      { cause },
    );
  }
  const attrs = (parsed as { attrs?: unknown } | null)?.attrs;
  if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) {
    throw new ConfigurationError(
      'ROLE_ATTRIBUTE_INVALID',
      'certificate attribute extension has no "attrs" object',
    );
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v !== 'string')
      throw new ConfigurationError('ROLE_ATTRIBUTE_INVALID', `certificate attribute ${k} is not a string`);
    out[k] = v;
  }
  return out;
}
