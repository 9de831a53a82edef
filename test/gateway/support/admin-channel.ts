// A real channel config built by the network package (the genesis config of the default alliance),
// plus the crypto material of a sixth org that is not yet a member, for config update tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildChannelConfig } from '@alliance/network/channel';
import { generateCryptoMaterial, type CryptoMaterial, type OrgCrypto } from '@alliance/network/crypto';
import { defaultNetworkDefinition, type NetworkDefinition } from '@alliance/network/definition';
import { decodeConfig, type common } from '@alliance/gateway/admin';

/** The genesis config of the default alliance and a candidate org's definition file content. */
export interface AdminChannel {
  readonly def: NetworkDefinition;
  readonly crypto: CryptoMaterial;
  /** The channel's genesis config (sequence 0, every element at version 0). */
  readonly config: common.Config;
  /** The candidate org (`importer`, ImporterMSP), as an org definition file holds it. */
  readonly importer: Record<string, unknown>;
  /** The crypto folder. */
  readonly root: string;
  cleanup(): void;
}

/** An org definition file's content for an org of the crypto material. */
export function definitionFileOf(
  org: OrgCrypto,
  anchorPort: number,
  roles: string[],
): Record<string, unknown> {
  return {
    name: org.name,
    mspId: org.mspId,
    rootCerts: [org.caCertPem],
    tlsRootCerts: [org.tlsCaCertPem],
    anchorPeers: [{ host: org.node.host, port: anchorPort }],
    roles,
  };
}

/** Builds the default alliance's genesis config with real crypto, and an importer org outside it. */
export async function createAdminChannel(): Promise<AdminChannel> {
  const base = defaultNetworkDefinition();
  const importer = {
    name: 'importer',
    mspId: 'ImporterMSP',
    domain: 'importer.alliance.test',
    roles: ['IMPORTER'],
    peer: { host: 'peer0.importer.alliance.test', port: 7071 },
    users: [
      { name: 'Admin', roles: ['admin'] },
      { name: 'User1', roles: ['member'] },
    ],
  };
  const root = mkdtempSync(join(tmpdir(), 'admin-channel-'));
  const crypto = await generateCryptoMaterial({ ...base, orgs: [...base.orgs, importer] }, root);
  const importerCrypto = crypto.orgs.importer;
  if (!importerCrypto) throw new Error('no importer crypto');
  return {
    def: base,
    crypto,
    // Crossing packages as bytes: each package has its own copy of the protobuf classes.
    config: decodeConfig(buildChannelConfig(base, crypto).serializeBinary()),
    importer: definitionFileOf(importerCrypto, 7071, ['IMPORTER']),
    root,
    cleanup: () => {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
