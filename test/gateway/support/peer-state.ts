// A namespace's state as rows `[key, value (base64), block, tx]`, read from an embedded peer's own
// LevelDB or from the auditor's rebuilt state, so that a test can compare them row for row.
import type { WorldState } from '@alliance/gateway';
import { openPeerLedger } from '@alliance/network/ledger';

/** One key of a state: key, value in base64, and the version that wrote it. */
export type StateRow = [string, string, number, number];

/** The rows of each namespace as a stopped embedded peer stores them (its node directory). */
export async function storedState(nodeDir: string, namespaces: readonly string[]): Promise<StateRow[][]> {
  const peer = await openPeerLedger(nodeDir);
  try {
    return namespaces.map((ns) =>
      [...peer.state.range(ns, '', '')].map(([k, v]): StateRow => [
        k,
        Buffer.from(v.value).toString('base64'),
        v.version.blockNum,
        v.version.txNum,
      ]),
    );
  } finally {
    await peer.close();
  }
}

/** The rows of each namespace of the rebuilt state. */
export function replayedState(world: WorldState, namespaces: readonly string[]): StateRow[][] {
  return namespaces.map((ns) =>
    world
      .entries(ns)
      .map(([k, e]): StateRow => [k, Buffer.from(e.value).toString('base64'), e.version.block, e.version.tx]),
  );
}
