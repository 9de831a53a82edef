import { readFileSync } from 'node:fs';
import type { NetworkDefinition, OrgDefinition } from '../definition';
import { readProfile } from '../profile/file';
import type { ConnectionProfile } from '../profile/types';
import { stateLayout, type StateLayout } from '../runtime/layout';
import { findFabricBinaries, type FabricBinaries } from './binaries';
import { fabricLayout, type FabricLayout } from './layout';
import { peerJoined } from './channel';
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

/** The context of the real-Fabric network started from `stateDir`, from its saved definition and profile. */
export function loadFabricContext(stateDir: string): FabricContext {
  const state = stateLayout(stateDir);
  return {
    bins: findFabricBinaries(),
    def: JSON.parse(readFileSync(state.definition, 'utf8')) as NetworkDefinition,
    state,
    fabric: fabricLayout(stateDir),
    profile: readProfile(state.profile),
  };
}

/** The org of this name in the context's definition. */
export function orgOf(ctx: FabricContext, name: string): OrgDefinition {
  const org = ctx.def.orgs.find((o) => o.name === name);
  if (!org) throw new Error(`org ${name} is not in ${ctx.state.definition}; run add-org first`);
  return org;
}

/**
 * The context narrowed to the orgs whose peers have joined the channel: an org that add-org added
 * waits for its config update, and cannot approve before; it approves the definition in force
 * once it joins.
 */
export async function channelMembers(ctx: FabricContext): Promise<FabricContext> {
  const joined = await Promise.all(
    ctx.def.orgs.map((org) =>
      peerJoined(peerCli(ctx.bins, ctx.fabric, ctx.profile, org.name, org.peer.host), ctx.def.channel),
    ),
  );
  return withOrgs(
    ctx,
    ctx.def.orgs.filter((_, i) => joined[i]),
  );
}

/** The context with only these orgs, in the definition and in the profile. */
export function withOrgs(ctx: FabricContext, orgs: readonly OrgDefinition[]): FabricContext {
  const names = new Set(orgs.map((o) => o.name));
  return {
    ...ctx,
    def: { ...ctx.def, orgs: [...orgs] },
    profile: {
      ...ctx.profile,
      orgs: Object.fromEntries(Object.entries(ctx.profile.orgs).filter(([name]) => names.has(name))),
    },
  };
}
