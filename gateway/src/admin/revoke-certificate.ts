import { X509Certificate } from 'node:crypto';
import type { common } from '@hyperledger/fabric-protos';
import { fabricMspOf, findConfigOrg, withRevocationList } from './config-edit';
import { AdminError } from './errors';
import {
  buildRevocationList,
  issuedBy,
  normalizeSerial,
  readRevocationList,
  type RevokedEntry,
  type SigningAuthority,
} from './revocation';

/** A config with one more certificate revoked, and what was revoked. */
export interface Revocation {
  readonly config: common.Config;
  readonly serial: string;
  readonly subject: string;
  /** Every serial the org CA's new CRL lists. */
  readonly revoked: readonly string[];
}

/**
 * The config with `certificatePem` added to its org's revocation list: the org CA's CRL is rebuilt
 * with its earlier entries plus this one and signed by the CA; CRLs of other CAs are kept.
 * @throws {@link AdminError} `ORG_NOT_FOUND`; `CA_NOT_FOUND` when `ca` is not one of the org's root or
 *   intermediate CAs; `NOT_ISSUED_BY_ORG` when the CA did not issue the certificate; `NO_DIFFERENCES`
 *   when it is revoked already
 */
export async function withCertificateRevoked(
  config: common.Config,
  org: string,
  certificatePem: string,
  ca: SigningAuthority,
  now = new Date(),
): Promise<Revocation> {
  const found = findConfigOrg(config, org);
  const fabric = fabricMspOf(found.group);
  const caCert = new X509Certificate(ca.certPem);
  const orgCas = [
    ...(fabric?.getRootCertsList_asU8() ?? []),
    ...(fabric?.getIntermediateCertsList_asU8() ?? []),
  ].map((c) => new X509Certificate(Buffer.from(c)));
  if (!orgCas.some((c) => c.fingerprint256 === caCert.fingerprint256)) {
    throw new AdminError(
      'CA_NOT_FOUND',
      `the CA ${caCert.subject.replace(/\n/g, ', ')} is not a CA of ${found.name}'s MSP (${found.mspId})`,
    );
  }
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certificatePem);
  } catch (cause) {
    throw new AdminError('NOT_ISSUED_BY_ORG', 'the certificate to revoke is not a PEM X.509 certificate', {
      cause,
    });
  }
  if (!cert.checkIssued(caCert) || !cert.verify(caCert.publicKey)) {
    throw new AdminError(
      'NOT_ISSUED_BY_ORG',
      `${cert.subject.replace(/\n/g, ', ')} was not issued by ${found.name}'s CA`,
    );
  }
  const serial = normalizeSerial(cert.serialNumber);
  const lists = (fabric?.getRevocationListList_asU8() ?? []).map((bytes) => ({
    bytes,
    info: readRevocationList(bytes),
  }));
  const ours = lists.filter((l) => issuedBy(l.info, ca.certPem));
  const earlier: RevokedEntry[] = ours.flatMap((l) => l.info.revoked);
  if (earlier.some((e) => e.serial === serial))
    throw new AdminError('NO_DIFFERENCES', `certificate ${serial} of ${found.name} is revoked already`);
  const entries = [...earlier, { serial, revokedAt: now }];
  const crl = await buildRevocationList(ca, entries, now);
  const kept = lists.filter((l) => !ours.includes(l)).map((l) => l.bytes);
  return {
    config: withRevocationList(config, found.name, [...kept, Buffer.from(crl)]),
    serial,
    subject: cert.subject.replace(/\n/g, ', '),
    revoked: entries.map((e) => e.serial),
  };
}
