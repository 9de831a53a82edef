import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '../errors/gateway-error';
import { ROLE_ATTRIBUTE, readCertificateAttributes } from './cert-attributes';
import type { NetworkProfile, OrgProfile } from './profile';

/** A checked signing identity: certificate and key match, MSP known, role attribute read. */
export interface LoadedIdentity {
  /** MSP the certificate belongs to. */
  readonly mspId: string;
  /** The PEM certificate, as sent to the network in every proposal. */
  readonly certificatePem: string;
  /** The parsed certificate. */
  readonly certificate: X509Certificate;
  /** The parsed private key (parsed once; signing never re-parses PEM). */
  readonly privateKey: KeyObject;
  /** The user's role in the alliance, from the certificate attribute `alliance.role`. */
  readonly role: string | undefined;
  /** Every Fabric CA attribute of the certificate. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Profile name of the org (`supplier`) when loaded through the profile. */
  readonly org?: string;
  /** Profile name of the user (`User1`) when loaded through the profile. */
  readonly user?: string;
}

/** Certificate and key given explicitly, with the MSP the certificate belongs to. */
export interface IdentityFiles {
  /** MSP ID of the identity's org. */
  readonly mspId: string;
  /** PEM certificate file, or an MSP folder's `signcerts` directory (the first file is used). */
  readonly certFile: string;
  /** PEM private key file, or an MSP folder's `keystore` directory (the first file is used). */
  readonly keyFile: string;
}

/**
 * Builds an identity from PEM text and checks it.
 * @throws {@link ConfigurationError} `IDENTITY_UNREADABLE`, `KEY_CERT_MISMATCH`, `ROLE_ATTRIBUTE_INVALID`
 */
export function identityFromPem(opts: {
  mspId: string;
  certificatePem: string;
  privateKeyPem: string;
  org?: string;
  user?: string;
}): LoadedIdentity {
  if (!opts.mspId.trim())
    throw new ConfigurationError('MSP_MISMATCH', 'an MSP ID is required for the identity');
  const label = opts.org && opts.user ? `${opts.org}/${opts.user}` : opts.mspId;
  let certificate: X509Certificate;
  let privateKey: KeyObject;
  try {
    certificate = new X509Certificate(opts.certificatePem);
  } catch (cause) {
    throw new ConfigurationError(
      'IDENTITY_UNREADABLE',
      `certificate of ${label} is not a PEM X.509 certificate`,
      { cause },
    );
  }
  try {
    privateKey = createPrivateKey(opts.privateKeyPem);
  } catch (cause) {
    throw new ConfigurationError('IDENTITY_UNREADABLE', `private key of ${label} is not a PEM private key`, {
      cause,
    });
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new ConfigurationError(
      'KEY_CERT_MISMATCH',
      `private key of ${label} does not belong to its certificate (${certificate.subject.replace(/\n/g, ', ')})`,
    );
  }
  if (Date.parse(certificate.validTo) < Date.now()) {
    throw new ConfigurationError(
      'IDENTITY_EXPIRED',
      `certificate of ${label} expired on ${certificate.validTo}`,
    );
  }
  const attributes = readCertificateAttributes(opts.certificatePem);
  return {
    mspId: opts.mspId,
    certificatePem: opts.certificatePem,
    certificate,
    privateKey,
    role: attributes[ROLE_ATTRIBUTE],
    attributes,
    ...(opts.org === undefined ? {} : { org: opts.org }),
    ...(opts.user === undefined ? {} : { user: opts.user }),
  };
}

/**
 * Loads an identity from explicit certificate and key files (or MSP `signcerts`/`keystore` folders).
 * @throws {@link ConfigurationError} `IDENTITY_NOT_FOUND` and the checks of {@link identityFromPem}
 */
export function loadIdentityFiles(files: IdentityFiles & { org?: string; user?: string }): LoadedIdentity {
  return identityFromPem({
    mspId: files.mspId,
    certificatePem: readPem(files.certFile, 'certificate'),
    privateKeyPem: readPem(files.keyFile, 'private key'),
    ...(files.org === undefined ? {} : { org: files.org }),
    ...(files.user === undefined ? {} : { user: files.user }),
  });
}

/**
 * Splits `org/user` (e.g. `supplier/User1`).
 * @throws {@link ConfigurationError} `IDENTITY_NOT_FOUND` when it is not of that form
 */
export function parseIdentityName(name: string): { org: string; user: string } {
  const m = /^([^/\s]+)\/([^/\s]+)$/.exec(name);
  if (!m?.[1] || !m[2])
    throw new ConfigurationError(
      'IDENTITY_NOT_FOUND',
      `identity "${name}" must be written org/user, e.g. supplier/User1`,
    );
  return { org: m[1], user: m[2] };
}

/**
 * Finds an org in the profile by its name.
 * @throws {@link ConfigurationError} `ORG_NOT_FOUND` naming the orgs that exist
 */
export function findOrg(profile: NetworkProfile, org: string): OrgProfile {
  const found = profile.orgs[org];
  if (!found)
    throw new ConfigurationError(
      'ORG_NOT_FOUND',
      `org "${org}" is not in the profile (known: ${Object.keys(profile.orgs).join(', ')})`,
    );
  return found;
}

/**
 * Loads the identity `org/user` from the connection profile.
 * @throws {@link ConfigurationError} `ORG_NOT_FOUND`, `IDENTITY_NOT_FOUND` and the checks of {@link identityFromPem}
 */
export function loadProfileIdentity(profile: NetworkProfile, name: string): LoadedIdentity {
  const { org, user } = parseIdentityName(name);
  const orgProfile = findOrg(profile, org);
  const files = orgProfile.identities[user];
  if (!files) {
    throw new ConfigurationError(
      'IDENTITY_NOT_FOUND',
      `user "${user}" is not in org "${org}" (known: ${Object.keys(orgProfile.identities).join(', ')})`,
    );
  }
  const identity = loadIdentityFiles({
    mspId: orgProfile.mspId,
    certFile: files.certFile,
    keyFile: files.keyFile,
    org,
    user,
  });
  const declared = files.roles;
  if (identity.role !== undefined && declared.length > 0 && !declared.includes(identity.role)) {
    throw new ConfigurationError(
      'ROLE_ATTRIBUTE_INVALID',
      `${name}: certificate role "${identity.role}" is not among the profile's roles (${declared.join(', ')})`,
    );
  }
  return identity;
}

/** Reads a PEM file, or the first file of a directory (MSP folders name their key files by hash). */
function readPem(path: string, what: string): string {
  try {
    const file = statSync(path).isDirectory() ? firstFile(path) : path;
    return readFileSync(file, 'utf8');
  } catch (cause) {
    if (cause instanceof ConfigurationError) throw cause;
    throw new ConfigurationError('IDENTITY_NOT_FOUND', `cannot read ${what} ${path}`, { cause });
  }
}

function firstFile(dir: string): string {
  const name = readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort()[0];
  if (!name) throw new ConfigurationError('IDENTITY_NOT_FOUND', `folder ${dir} is empty`);
  return join(dir, name);
}
