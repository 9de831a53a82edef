import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** The Fabric 2.5 programs the real-Fabric runtime runs. */
export const FABRIC_PROGRAMS = ['configtxgen', 'osnadmin', 'orderer', 'peer'] as const;

/** One of the Fabric programs. */
export type FabricProgram = (typeof FABRIC_PROGRAMS)[number];

/** Absolute paths of the Fabric programs. */
export type FabricBinaries = Readonly<Record<FabricProgram, string>>;

/** What to tell a user who has no Fabric binaries: how to get them and how to point at them. */
export const INSTALL_HINT = [
  'Install the Hyperledger Fabric 2.5 binaries (no Docker needed), either',
  '  curl -sSLO https://raw.githubusercontent.com/hyperledger/fabric/main/scripts/install-fabric.sh',
  '  chmod +x install-fabric.sh && ./install-fabric.sh --fabric-version 2.5.6 binary',
  'or unpack a release tarball (hyperledger-fabric-linux-amd64-2.5.6.tar.gz from',
  'https://github.com/hyperledger/fabric/releases), then either put its bin/ on the PATH or run',
  '  export FABRIC_BIN=/path/to/fabric/bin',
].join('\n');

/** A Fabric program is missing: the message says how to install the binaries. */
export class FabricBinariesMissingError extends Error {
  readonly code = 'FABRIC_BINARIES_MISSING';
  constructor(
    readonly missing: readonly FabricProgram[],
    searched: string,
  ) {
    super(`the real-Fabric runtime needs ${missing.join(', ')}, not found in ${searched}.\n${INSTALL_HINT}`);
    this.name = 'FabricBinariesMissingError';
  }
}

/**
 * Finds the Fabric programs: in `FABRIC_BIN` when it is set (and only there, so a stray copy on
 * the PATH never mixes in), otherwise on the PATH. Throws FabricBinariesMissingError.
 */
export function findFabricBinaries(env: NodeJS.ProcessEnv = process.env): FabricBinaries {
  const fabricBin = env.FABRIC_BIN?.trim();
  const dirs = fabricBin ? [resolve(fabricBin)] : (env.PATH ?? '').split(delimiter).filter(Boolean);
  const found: Partial<Record<FabricProgram, string>> = {};
  for (const program of FABRIC_PROGRAMS) {
    const file = dirs.map((dir) => join(dir, program)).find(isExecutable);
    if (file) found[program] = file;
  }
  const missing = FABRIC_PROGRAMS.filter((p) => found[p] === undefined);
  if (missing.length > 0)
    throw new FabricBinariesMissingError(missing, fabricBin ? `FABRIC_BIN=${fabricBin}` : 'the PATH');
  return found as FabricBinaries;
}

/** True when every Fabric program can be found (tests use it to decide whether to run). */
export function fabricBinariesPresent(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    findFabricBinaries(env);
    return true;
  } catch {
    return false;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
