import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signBlock } from '@alliance/network/block';
import {
  buildGenesisBlock,
  configFromBlock,
  parseChannelConfig,
  type ChannelConfig,
} from '@alliance/network/channel';
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
  // Parsing a private key costs more than a signature: each identity's signer is made once.
  const signers = new Map<string, Signer>();
  const cached = (id: string, make: () => Signer): Signer => {
    const known = signers.get(id);
    if (known) return known;
    const made = make();
    signers.set(id, made);
    return made;
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
    user: (name, userName = 'User1') =>
      cached(`${name}/${userName}`, () => {
        const files = org(name).users[userName];
        if (!files) throw new Error(`no user ${userName} in ${name}`);
        return createSigner(org(name).mspId, files.certPem, files.keyPem);
      }),
    peer: (name) =>
      cached(`${name}/peer`, () =>
        createSigner(org(name).mspId, org(name).node.identity.certPem, org(name).node.identity.keyPem),
      ),
    orderer: () => ordererSigner,
    signAsOrderer: (block, lastConfigIndex = 0) => {
      signBlock(block, ordererSigner, lastConfigIndex);
      return block;
    },
    cleanup: () => {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

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
