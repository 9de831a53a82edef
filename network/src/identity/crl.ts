import { type KeyObject, verify } from 'node:crypto';
import * as x509 from './x509';
import * as asn1js from 'asn1js';
import { normalizeSerial } from './certificate';
import { IdentityError } from './errors';

/** A certificate revocation list from an MSP config, with its signed part kept as received. */
export interface RevocationList {
  readonly revokedSerials: ReadonlySet<string>;
  /** True when `caKey` signed this list. */
  signedBy(caKey: KeyObject): boolean;
}

/**
 * Parses a PEM or DER CRL. The signature is checked later, against the MSP's CAs, so that a CRL
 * counts only for the CA that issued it (as Fabric's MSP does).
 */
export function parseRevocationList(bytes: Uint8Array): RevocationList {
  let crl: x509.X509Crl;
  try {
    const text = Buffer.from(bytes).toString('utf8');
    crl = new x509.X509Crl(text.includes('-----BEGIN') ? text : Buffer.from(bytes));
  } catch (error) {
    throw new IdentityError('MALFORMED', `not a certificate revocation list: ${(error as Error).message}`);
  }
  // CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }:
  // the signature covers tbsCertList exactly as encoded, so take those bytes rather than re-encode.
  const outer = asn1js.fromBER(crl.rawData);
  const parts = outer.result instanceof asn1js.Sequence ? outer.result.valueBlock.value : [];
  const tbs = parts[0];
  const signature = parts[2];
  if (outer.offset === -1 || !tbs || !(signature instanceof asn1js.BitString)) {
    throw new IdentityError('MALFORMED', 'certificate revocation list has no signed part');
  }
  const tbsBytes = new Uint8Array(tbs.valueBeforeDecodeView);
  const signatureBytes = new Uint8Array(signature.valueBlock.valueHexView);
  const revokedSerials = new Set(crl.entries.map((e) => normalizeSerial(e.serialNumber)));
  return {
    revokedSerials,
    signedBy(caKey: KeyObject): boolean {
      try {
        return verify('sha256', tbsBytes, { key: caKey, dsaEncoding: 'der' }, signatureBytes);
      } catch {
        return false;
      }
    },
  };
}
