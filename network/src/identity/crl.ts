import { type KeyObject, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import { normalizeSerial } from './certificate';
import { IdentityError } from './errors';

/** A certificate revocation list from an MSP config, with its signed part kept as received. */
export interface RevocationList {
  readonly revokedSerials: ReadonlySet<string>;
  /** True when `caKey` signed this list. */
  signedBy(caKey: KeyObject): boolean;
}

function malformed(reason: string): IdentityError {
  return new IdentityError('MALFORMED', `not a certificate revocation list: ${reason}`);
}

function derOf(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  const pem =
    /-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----|-----BEGIN CRL-----([\s\S]*?)-----END CRL-----/.exec(
      text,
    );
  if (!pem) return bytes;
  return Buffer.from((pem[1] ?? pem[2] ?? '').replace(/\s+/g, ''), 'base64');
}

/**
 * Serials of tbsCertList's `revokedCertificates`: the SEQUENCE OF SEQUENCE { INTEGER, Time, ... }
 * that follows thisUpdate (and the optional nextUpdate).
 */
function revokedSerials(tbs: asn1js.Sequence): Set<string> {
  const fields = tbs.valueBlock.value;
  let at = fields.findIndex((f) => f instanceof asn1js.UTCTime || f instanceof asn1js.GeneralizedTime);
  if (at < 0) throw malformed('no thisUpdate time');
  const next = fields[at + 1];
  if (next instanceof asn1js.UTCTime || next instanceof asn1js.GeneralizedTime) at++;
  const revoked = fields[at + 1];
  const serials = new Set<string>();
  if (!(revoked instanceof asn1js.Sequence)) return serials;
  for (const entry of revoked.valueBlock.value) {
    const serial = entry instanceof asn1js.Sequence ? entry.valueBlock.value[0] : undefined;
    if (!(serial instanceof asn1js.Integer)) throw malformed('a revoked entry has no serial number');
    serials.add(normalizeSerial(Buffer.from(serial.valueBlock.valueHexView).toString('hex')));
  }
  return serials;
}

/**
 * Parses a PEM or DER CRL. The signature is checked later, against the MSP's CAs, so that a CRL
 * counts only for the CA that issued it (as Fabric's MSP does).
 */
export function parseRevocationList(bytes: Uint8Array): RevocationList {
  // CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }:
  // the signature covers tbsCertList exactly as encoded, so take those bytes rather than re-encode.
  const outer = asn1js.fromBER(derOf(bytes));
  const parts =
    outer.offset !== -1 && outer.result instanceof asn1js.Sequence ? outer.result.valueBlock.value : [];
  const [tbs, , signature] = parts;
  if (!(tbs instanceof asn1js.Sequence) || !(signature instanceof asn1js.BitString))
    throw malformed('it is not a signed list');
  const tbsBytes = new Uint8Array(tbs.valueBeforeDecodeView);
  const signatureBytes = new Uint8Array(signature.valueBlock.valueHexView);
  return {
    revokedSerials: revokedSerials(tbs),
    signedBy(caKey: KeyObject): boolean {
      try {
        return verify('sha256', tbsBytes, { key: caKey, dsaEncoding: 'der' }, signatureBytes);
      } catch {
        return false;
      }
    },
  };
}
