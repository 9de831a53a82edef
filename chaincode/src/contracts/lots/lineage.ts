/**
 * Lineage reads: the edges stored both ways as composite keys, walked into trace trees
 * (rules 32-33). Range scans only, so it runs on any LevelDB peer.
 */
import { downstreamOf, traceTree, type LineageLink, type TraceNode } from '../../rules/supply/lineage';
import type { LineageEdge } from '../../model/supply/transformation';
import type { AllianceContext } from '../context';
import { SUPPLY_KEYS } from './keys';

/** The batches made from `lotId`. */
export async function childrenOf(ctx: AllianceContext, lotId: string): Promise<LineageLink[]> {
  const edges = await ctx.store.list<LineageEdge>(SUPPLY_KEYS.lineageForward, [lotId]);
  return edges.map((e) => ({ id: e.value.outputLotId, transformationId: e.value.transformationId }));
}

/** The lots `lotId` was made from. */
export async function parentsOf(ctx: AllianceContext, lotId: string): Promise<LineageLink[]> {
  const edges = await ctx.store.list<LineageEdge>(SUPPLY_KEYS.lineageBackward, [lotId]);
  return edges.map((e) => ({ id: e.value.inputLotId, transformationId: e.value.transformationId }));
}

/** Everything made, directly or not, from `lotIds`. */
export function allDownstream(ctx: AllianceContext, lotIds: readonly string[]): Promise<string[]> {
  return downstreamOf(lotIds, (id) => childrenOf(ctx, id));
}

/** The forward trace tree of `lotId` (what it went into). */
export function traceForward(ctx: AllianceContext, lotId: string): Promise<TraceNode> {
  return traceTree(lotId, (id) => childrenOf(ctx, id));
}

/** The backward trace tree of `lotId` (what it was made from). */
export function traceBackward(ctx: AllianceContext, lotId: string): Promise<TraceNode> {
  return traceTree(lotId, (id) => parentsOf(ctx, id));
}
