import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A chaincode package "installed" on the peers: as with Fabric's chaincode-as-a-service
 * packages, it names the package id and the address where its server listens.
 */
export interface InstalledChaincode {
  readonly name: string;
  readonly version: string;
  /** `<label>:<hash>`, the id the chaincode server registers with. */
  readonly packageId: string;
  /** host:port of the chaincode server (plaintext on loopback, like `tls_required: false`). */
  readonly address: string;
  /** The chaincode directory, so a restarted network can serve it again. */
  readonly path: string;
}

/** Every installed package. */
export function listInstalled(dir: string): InstalledChaincode[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => readInstalled(dir, f.slice(0, -5)))
      .filter((c): c is InstalledChaincode => c !== undefined);
  } catch {
    return [];
  }
}

/** Records an installed package (one file per chaincode name, replaced atomically). */
export function writeInstalled(dir: string, chaincode: InstalledChaincode): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${chaincode.name}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify(chaincode, null, 2));
  renameSync(`${file}.tmp`, file);
}

/** The installed package of `name`, if any. */
export function readInstalled(dir: string, name: string): InstalledChaincode | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as InstalledChaincode;
  } catch {
    return undefined;
  }
}
