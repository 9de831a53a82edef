import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildGenesisBlock,
  configFromBlock,
  parseChannelConfig,
  type ChannelConfig,
} from '@alliance/network/channel';
import { generateCryptoMaterial, type CryptoMaterial, type OrgCrypto } from '@alliance/network/crypto';
import { defaultNetworkDefinition } from '@alliance/network/definition';
import { createSigner, type Signer } from '@alliance/network/identity';
import type { common } from '@alliance/network/protos';

/** The default network's crypto material and channel config, in a temporary folder. */
export interface TestChannel {
  crypto: CryptoMaterial;
  genesis: common.Block;
  config: ChannelConfig;
  /** A user's (or the peer's, with 'peer') signer of a member org, e.g. signer('platform', 'User1'). */
  signer(org: string, user: string): Signer;
  /** The ordering org's admin: a channel member that is in no application org. */
  ordererAdmin(): Signer;
  /** The orderer node's signer (signs blocks). */
  ordererNode(): Signer;
  remove(): void;
}

function signerOf(org: OrgCrypto, user: string): Signer {
  const files = user === 'peer' ? org.node.identity : org.users[user];
  if (!files) throw new Error(`no identity ${user} in ${org.name}`);
  return createSigner(org.mspId, files.certPem, files.keyPem);
}

/** Generates the default network's material and genesis config (five orgs, channel 'alliance'). */
export async function createTestChannel(): Promise<TestChannel> {
  const root = mkdtempSync(join(tmpdir(), 'alliance-endorser-'));
  const definition = defaultNetworkDefinition();
  const crypto = await generateCryptoMaterial(definition, root);
  const genesis = buildGenesisBlock(definition, crypto);
  const { channelId, config } = configFromBlock(genesis);
  return {
    crypto,
    genesis,
    config: parseChannelConfig(config, channelId),
    signer(org, user) {
      const orgCrypto = crypto.orgs[org];
      if (!orgCrypto) throw new Error(`no org ${org}`);
      return signerOf(orgCrypto, user);
    },
    ordererAdmin: () => signerOf(crypto.orderer, 'Admin'),
    ordererNode: () => signerOf(crypto.orderer, 'peer'),
    remove: () => {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
