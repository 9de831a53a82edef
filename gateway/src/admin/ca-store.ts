import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { NetworkProfile } from '../connect/profile';
import { AdminError } from './errors';
import type { SigningAuthority } from './revocation';

/** An org's folder in the cryptogen layout and its signing CA. */
export interface OrgCa extends SigningAuthority {
  /** `organizations/peerOrganizations/<domain>`. */
  readonly orgDir: string;
  readonly domain: string;
  /** The CA certificate's file name (what MSP folders keep in `cacerts/`). */
  readonly certFileName: string;
}

/** The org folder an identity file lives in (`.../peerOrganizations/<domain>/users/...`). */
function orgDirOf(file: string): string | undefined {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    if (basename(dirname(dir)) === 'peerOrganizations') return dir;
  }
  return undefined;
}

function caIn(dir: string): { certFile: string; keyFile: string } | undefined {
  if (!existsSync(dir)) return undefined;
  const cert = readdirSync(dir).find((f) => f.endsWith('-cert.pem'));
  const keyFile = join(dir, 'priv_sk');
  return cert && existsSync(keyFile) ? { certFile: join(dir, cert), keyFile } : undefined;
}

/**
 * Finds an org's CA in the network's crypto material (cryptogen layout: `<org dir>/ca/ca.<domain>-cert.pem`
 * and `priv_sk`), from the org's identities in the profile or from `caDir` (the `ca/` folder or the org folder).
 * @throws {@link AdminError} `CA_NOT_FOUND` saying where it looked
 */
export function findOrgCa(profile: NetworkProfile, org: string, caDir?: string): OrgCa {
  let orgDir: string | undefined;
  let found: { certFile: string; keyFile: string } | undefined;
  if (caDir) {
    found = caIn(caDir) ?? caIn(join(caDir, 'ca'));
    orgDir = found && (basename(dirname(found.certFile)) === 'ca' ? dirname(dirname(found.certFile)) : caDir);
  } else {
    const anyIdentity = Object.values(profile.orgs[org]?.identities ?? {})[0];
    orgDir = anyIdentity && orgDirOf(anyIdentity.certFile);
    found = orgDir ? caIn(join(orgDir, 'ca')) : undefined;
  }
  if (!found || !orgDir) {
    throw new AdminError(
      'CA_NOT_FOUND',
      `no CA certificate and priv_sk for org ${org} ${caDir ? `in ${caDir}` : 'beside its identities in the profile'}; pass --ca-dir <org>/ca`,
    );
  }
  return {
    orgDir,
    domain: basename(orgDir),
    certPem: readFileSync(found.certFile, 'utf8'),
    keyPem: readFileSync(found.keyFile, 'utf8'),
    certFileName: basename(found.certFile),
  };
}
