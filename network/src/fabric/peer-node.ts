import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrgCrypto } from '../crypto';
import type { NetworkDefinition, OrgDefinition } from '../definition';
import type { StateLayout } from '../runtime/layout';
import type { FabricBinaries } from './binaries';
import { peerCoreYaml } from './core-yaml';
import { externalBuilderDir, type FabricLayout } from './layout';
import { FABRIC_PID_PREFIX, launchNode } from './nodes';
import type { PeerPorts } from './ports';

/** The pid and log name of an org's peer process. */
export function peerNodeName(org: string): string {
  return `${FABRIC_PID_PREFIX}peer-${org}`;
}

/** Writes the org's peer `core.yaml` into its config folder (its FABRIC_CFG_PATH). */
export function writePeerConfig(
  def: NetworkDefinition,
  org: OrgDefinition,
  material: OrgCrypto,
  ports: PeerPorts,
  fabric: FabricLayout,
): void {
  const dir = fabric.configDir(org.peer.host);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'core.yaml'),
    peerCoreYaml({
      def,
      org: material,
      ports,
      dataDir: fabric.dataDir(org.peer.host),
      builderDir: externalBuilderDir(),
    }),
  );
}

/** The environment every Fabric node runs with: its config folder and the log level. */
export function nodeEnv(fabric: FabricLayout, host: string): Record<string, string> {
  return {
    FABRIC_CFG_PATH: fabric.configDir(host),
    FABRIC_LOGGING_SPEC: process.env.FABRIC_LOGGING_SPEC ?? 'info',
  };
}

/** Starts `peer node start` for the org from its config folder and waits until it is healthy; returns the pid. */
export function launchPeer(
  bins: FabricBinaries,
  state: StateLayout,
  fabric: FabricLayout,
  org: OrgDefinition,
  ports: PeerPorts,
): Promise<number> {
  return launchNode(state, {
    name: peerNodeName(org.name),
    program: bins.peer,
    args: ['node', 'start'],
    env: nodeEnv(fabric, org.peer.host),
    operationsPort: ports.operations,
    listenPort: ports.listen,
  });
}
