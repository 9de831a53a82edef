import type { NetworkDefinition } from '../definition';
import type { ConnectionProfile } from '../profile/types';
import type { StateLayout } from '../runtime/layout';
import type { FabricBinaries } from './binaries';
import type { FabricLayout } from './layout';
import { peerCli, type PeerCli } from './peer-cli';

/** Everything the real-Fabric runtime's steps share once the nodes are configured. */
export interface FabricContext {
  readonly bins: FabricBinaries;
  readonly def: NetworkDefinition;
  readonly state: StateLayout;
  readonly fabric: FabricLayout;
  /** The connection profile of the network (written to disk only when it is callable). */
  readonly profile: ConnectionProfile;
}

/** The peer CLI of every org, as its Admin, in definition order. */
export function orgClis(ctx: FabricContext): PeerCli[] {
  return ctx.def.orgs.map((org) => peerCli(ctx.bins, ctx.fabric, ctx.profile, org.name, org.peer.host));
}
