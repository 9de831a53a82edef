import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { defaultNetworkDefinition, loadNetworkDefinition, type NetworkDefinition } from '../definition';

/** Options every command shares. */
export interface CommonOptions {
  /** The state directory (default `<repo>/.alliance`). */
  stateDir?: string;
  /** The network definition file (default `<repo>/network/network.yaml`). */
  definition?: string;
}

/** The repository root: the command runs from it (scripts cd there), or finds it from its own location. */
export function repoRoot(): string {
  const fromPackage = resolve(__dirname, '..', '..', '..');
  return existsSync(join(process.cwd(), 'network', 'package.json')) ? process.cwd() : fromPackage;
}

/** The state directory for these options. */
export function stateDirOf(opts: CommonOptions): string {
  return resolve(opts.stateDir ?? join(repoRoot(), '.alliance'));
}

/** The network definition for these options: the file given, the repository's network.yaml, or the built-in default. */
export function definitionOf(opts: CommonOptions): NetworkDefinition {
  if (opts.definition) return loadNetworkDefinition(resolve(opts.definition));
  const file = join(repoRoot(), 'network', 'network.yaml');
  return existsSync(file) ? loadNetworkDefinition(file) : defaultNetworkDefinition();
}

/** A chaincode path from the definition, relative to the repository root. */
export function chaincodePathOf(def: NetworkDefinition): string {
  return isAbsolute(def.chaincode.path) ? def.chaincode.path : join(repoRoot(), def.chaincode.path);
}
