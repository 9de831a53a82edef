/**
 * Walking the lineage graph (rules 32-33): trace trees forwards and backwards, and the set of
 * everything downstream of some lots. The graph is read through a callback so the walk stays
 * free of the ledger; edges are transformation links between lot ids.
 */

/** One node of a trace tree. */
export interface TraceNode {
  id: string;
  /** The transformation that links this node to its parent in the tree (absent at the root). */
  via?: string;
  children: TraceNode[];
}

/** One edge as the walk sees it: the lot on the other side and the transformation between. */
export interface LineageLink {
  id: string;
  transformationId: string;
}

/**
 * Builds the tree reachable from `root` by `links` (children for a forward trace, parents for a
 * backward one). A node reached twice appears under each parent, but is expanded once per path
 * and never along a cycle, so a malformed graph cannot loop.
 */
export async function traceTree(
  root: string,
  links: (id: string) => Promise<readonly LineageLink[]>,
  maxDepth = 64,
): Promise<TraceNode> {
  const expand = async (
    id: string,
    via: string | undefined,
    path: ReadonlySet<string>,
  ): Promise<TraceNode> => {
    const node: TraceNode = via === undefined ? { id, children: [] } : { id, via, children: [] };
    if (path.size >= maxDepth) return node;
    const nextPath = new Set(path).add(id);
    for (const link of await links(id)) {
      if (nextPath.has(link.id)) continue;
      node.children.push(await expand(link.id, link.transformationId, nextPath));
    }
    return node;
  };
  return expand(root, undefined, new Set());
}

/** Every id strictly downstream of `roots`, each once, in the order first reached (breadth first). */
export async function downstreamOf(
  roots: readonly string[],
  links: (id: string) => Promise<readonly LineageLink[]>,
): Promise<string[]> {
  const seen = new Set(roots);
  const found: string[] = [];
  const queue = [...roots];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const link of await links(id)) {
      if (seen.has(link.id)) continue;
      seen.add(link.id);
      found.push(link.id);
      queue.push(link.id);
    }
  }
  return found;
}
