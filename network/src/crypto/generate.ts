import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NetworkDefinition, UserDefinition } from '../definition/types';
import { CryptoError } from './errors';
import { OrgLayout } from './layout';
import { type OrgSpec, generateOrg, orgAuthorities, userIdentity } from './org';
import type { CryptoMaterial, IdentityFiles, OrgCrypto } from './types';

function specs(def: NetworkDefinition): { orderer: OrgSpec; orgs: OrgSpec[] } {
  const o = def.orderer;
  return {
    // The ordering org has an Admin for channel administration; it has no application users.
    orderer: {
      name: o.name,
      mspId: o.mspId,
      domain: o.domain,
      kind: 'orderer',
      nodeHost: o.host,
      users: [{ name: 'Admin', roles: ['admin'] }],
    },
    orgs: def.orgs.map((org) => ({
      name: org.name,
      mspId: org.mspId,
      domain: org.domain,
      kind: 'peer',
      nodeHost: org.peer.host,
      users: org.users,
    })),
  };
}

async function material(def: NetworkDefinition, root: string): Promise<CryptoMaterial> {
  const { orderer, orgs } = specs(def);
  const [ordererCrypto, ...orgCrypto] = await Promise.all([
    generateOrg(orderer, root),
    ...orgs.map((spec) => generateOrg(spec, root)),
  ]);
  return {
    root,
    orderer: ordererCrypto,
    orgs: Object.fromEntries(orgCrypto.map((o) => [o.name, o])),
  };
}

/**
 * Generates the network's crypto material in the cryptogen layout with NodeOUs under `root`
 * (`root/organizations/...`). Idempotent: certificates and keys already there, and still issued
 * by the org's CA, are kept; only what is missing is created.
 */
export async function generateCryptoMaterial(def: NetworkDefinition, root: string): Promise<CryptoMaterial> {
  return material(def, root);
}

/** Loads the crypto material generated earlier; throws CryptoError CRYPTO_MISSING when an org's CA is not there. */
export async function loadCryptoMaterial(def: NetworkDefinition, root: string): Promise<CryptoMaterial> {
  const { orderer, orgs } = specs(def);
  for (const spec of [orderer, ...orgs]) {
    const ca = OrgLayout.under(root, spec.kind, spec.domain).authority('ca');
    if (!existsSync(ca.certFile) || !existsSync(ca.keyFile)) {
      throw new CryptoError(
        'CRYPTO_MISSING',
        `no crypto material for org ${spec.name} (${spec.mspId}) under ${root}: ${ca.certFile} is missing`,
      );
    }
  }
  // Everything present is kept as it is, so loading reads the files and issues nothing new
  // unless a file was removed.
  return material(def, root);
}

/** Issues (or keeps) a user's identity in an org, for users added after the network was generated. */
export async function issueUserIdentity(org: OrgCrypto, user: UserDefinition): Promise<IdentityFiles> {
  const dir = dirname(org.mspDir);
  const kind = dir.includes('ordererOrganizations') ? 'orderer' : 'peer';
  const authorities = await orgAuthorities(new OrgLayout(dir, kind, org.domain));
  if (authorities.ca.certPem !== org.caCertPem) {
    throw new CryptoError(
      'CRYPTO_INVALID',
      `the CA of org ${org.name} on disk differs from the one in its crypto material`,
    );
  }
  return userIdentity(user, authorities);
}
