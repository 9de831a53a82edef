import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
<<<<<<< HEAD
=======
import { signBlock } from '@alliance/network/block';
>>>>>>> h/net-ledger
import {
  buildGenesisBlock,
  configFromBlock,
  parseChannelConfig,
  type ChannelConfig,
} from '@alliance/network/channel';
<<<<<<< HEAD
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
=======
import type { ChaincodeDefinitionView } from '@alliance/network/committer';
import { generateCryptoMaterial, type CryptoMaterial } from '@alliance/network/crypto';
import { defaultNetworkDefinition, type NetworkDefinition } from '@alliance/network/definition';
import { createSigner, type Signer } from '@alliance/network/identity';
import { channelPolicyReference } from '@alliance/network/policy';
import type { common } from '@alliance/network/protos';

/** A channel with real crypto material, its genesis block and parsed config, for validation tests. */
export interface TestChannel {
  readonly def: NetworkDefinition;
  readonly crypto: CryptoMaterial;
  readonly genesis: common.Block;
  readonly config: ChannelConfig;
  /** A user of an org ('User1' by default). */
  user(org: string, name?: string): Signer;
  /** The org's peer: the identity that endorses (the orgs' Endorsement policies name `.peer`). */
  peer(org: string): Signer;
  /** The orderer's identity. */
  orderer(): Signer;
  /** Signs a block as the orderer does. */
  signAsOrderer(block: common.Block, lastConfigIndex?: number): common.Block;
  /** Removes the crypto material. */
  cleanup(): void;
}

/**
 * Builds a channel from the default network definition, keeping only the named orgs (fewer
 * orgs generate faster). Real ECDSA P-256 certificates with NodeOUs, real genesis config.
 */
export async function createTestChannel(orgs = ['platform', 'brand', 'supplier']): Promise<TestChannel> {
  const base = defaultNetworkDefinition();
  const def: NetworkDefinition = { ...base, orgs: base.orgs.filter((o) => orgs.includes(o.name)) };
  const root = mkdtempSync(join(tmpdir(), 'channel-'));
  const crypto = await generateCryptoMaterial(def, root);
  const genesis = buildGenesisBlock(def, crypto);
  const { channelId, config } = configFromBlock(genesis);
  const parsed = parseChannelConfig(config, channelId);
  const org = (name: string): CryptoMaterial['orgs'][string] => {
    const found = crypto.orgs[name];
    if (!found) throw new Error(`no org ${name}`);
    return found;
  };
  const ordererSigner = createSigner(
    crypto.orderer.mspId,
    crypto.orderer.node.identity.certPem,
    crypto.orderer.node.identity.keyPem,
  );
  return {
    def,
    crypto,
    genesis,
    config: parsed,
    user: (name, userName = 'User1') => {
      const files = org(name).users[userName];
      if (!files) throw new Error(`no user ${userName} in ${name}`);
      return createSigner(org(name).mspId, files.certPem, files.keyPem);
    },
    peer: (name) =>
      createSigner(org(name).mspId, org(name).node.identity.certPem, org(name).node.identity.keyPem),
    orderer: () => ordererSigner,
    signAsOrderer: (block, lastConfigIndex = 0) => {
      signBlock(block, ordererSigner, lastConfigIndex);
      return block;
    },
    cleanup: () => {
>>>>>>> h/net-ledger
      rmSync(root, { recursive: true, force: true });
    },
  };
}
<<<<<<< HEAD
=======

/** Chaincode definitions held in memory: each name with version '1.0' and the given policy. */
export function chaincodeDefinitions(
  policies: Record<string, Uint8Array> = {
    provenance: channelPolicyReference('/Channel/Application/Endorsement'),
  },
): ChaincodeDefinitionView {
  return {
    get: (name) => {
      const endorsementPolicy = policies[name];
      return endorsementPolicy ? { version: '1.0', sequence: 1, endorsementPolicy } : undefined;
    },
  };
}
>>>>>>> h/net-ledger
