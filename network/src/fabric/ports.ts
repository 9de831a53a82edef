import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NetworkDefinition } from '../definition';
import { listenerPort } from '../runtime/ports';

/** The ports of one peer: clients and gossip, chaincode callbacks, operations (health). */
export interface PeerPorts {
  readonly listen: number;
  readonly chaincode: number;
  readonly operations: number;
}

/** Every port the real-Fabric network listens on (127.0.0.1 only). */
export interface FabricPorts {
  readonly orderer: { readonly listen: number; readonly admin: number; readonly operations: number };
  /** By org name. */
  readonly peers: Readonly<Record<string, PeerPorts>>;
}

/**
 * The ports for a definition: fixed ports as the definition gives them, free ports for the rest.
 * Ports chosen at the first start are kept in `file` and reused, because the channel config
 * (anchor peers, orderer endpoints) names them and restarts keep the ledgers. No two listeners
 * get the same port.
 */
export async function resolveFabricPorts(def: NetworkDefinition, file: string): Promise<FabricPorts> {
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FabricPorts) : undefined;
  const taken = new Set<number>();
  const pick = async (fixed: number, previous: number | undefined): Promise<number> => {
    let port = fixed !== 0 ? fixed : (previous ?? (await listenerPort()));
    // The OS may hand out a port again once it is released: every listener needs its own.
    while (taken.has(port) && fixed === 0) port = await listenerPort();
    taken.add(port);
    return port;
  };
  const orderer = {
    listen: await pick(def.orderer.port, kept?.orderer.listen),
    admin: await pick(0, kept?.orderer.admin),
    operations: await pick(0, kept?.orderer.operations),
  };
  const peers: Record<string, PeerPorts> = {};
  for (const org of def.orgs) {
    const previous = kept?.peers[org.name];
    peers[org.name] = {
      listen: await pick(org.peer.port, previous?.listen),
      chaincode: await pick(0, previous?.chaincode),
      operations: await pick(0, previous?.operations),
    };
  }
  const ports: FabricPorts = { orderer, peers };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(ports, null, 2));
  return ports;
}

/** Every port of `ports`, orderer first, then each peer's. */
export function allPorts(ports: FabricPorts): number[] {
  const { orderer, peers } = ports;
  return [
    orderer.listen,
    orderer.admin,
    orderer.operations,
    ...Object.values(peers).flatMap((p) => [p.listen, p.chaincode, p.operations]),
  ];
}
