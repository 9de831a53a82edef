import { join, resolve } from 'node:path';

/** Where the real-Fabric runtime keeps its files, under `<stateDir>/fabric/`. */
export interface FabricLayout {
  readonly root: string;
  /** configtx.yaml (configtxgen reads it from this folder). */
  readonly configtxDir: string;
  /** The channel's genesis block, as configtxgen wrote it. */
  readonly channelBlock: string;
  /** The ports chosen at the first start (kept: the channel config names them). */
  readonly portsFile: string;
  /** A node's config folder (its FABRIC_CFG_PATH: core.yaml or orderer.yaml). */
  configDir(host: string): string;
  /** A node's ledger and data. */
  dataDir(host: string): string;
  /** Chaincode packages built here, by label. */
  packageFile(label: string): string;
  /** Chaincodes deployed (name, version, sequence, package id, address), one file per name. */
  deployedFile(name: string): string;
  readonly deployedDir: string;
  /** Scratch space for the peer CLI. */
  readonly scratchDir: string;
}

/** The layout of the real-Fabric runtime inside a state directory. */
export function fabricLayout(stateDir: string): FabricLayout {
  const root = join(stateDir, 'fabric');
  return {
    root,
    configtxDir: join(root, 'config', 'channel'),
    channelBlock: join(root, 'config', 'channel', 'genesis.block'),
    portsFile: join(root, 'ports.json'),
    configDir: (host) => join(root, 'config', host),
    dataDir: (host) => join(root, 'data', host),
    packageFile: (label) => join(root, 'packages', `${label}.tar.gz`),
    deployedFile: (name) => join(root, 'deployed', `${name}.json`),
    deployedDir: join(root, 'deployed'),
    scratchDir: join(root, 'tmp'),
  };
}

/**
 * The external builder shipped with the package (`detect`, `build`, `release`): the same folder
 * from the sources (tests) and from the build (`dist/`), as both sit one level under network/.
 */
export function externalBuilderDir(): string {
  return resolve(__dirname, '..', '..', 'src', 'fabric', 'builder');
}
