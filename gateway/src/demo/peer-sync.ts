/**
 * Waiting for several peers to commit a block. A submit returns once the submitting org's peer
 * has committed it; the other peers validate and commit the same block on their own, a little
 * later (as on real Fabric). A next step endorsed on those peers would see the state before the
 * block, so a story whose steps hop between orgs waits for every peer first.
 */
import type { LedgerSource } from '../verify/ledger-source';

/**
 * Resolves when every source's peer holds block `blockNumber`.
 * @param sources - one ledger source per peer (see `peerLedgerSource`)
 * @throws Error after `timeoutMs` naming how many peers are still behind
 */
export async function awaitBlockOnPeers(
  sources: readonly LedgerSource[],
  blockNumber: bigint,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let behind = [...sources];
  for (;;) {
    const heights = await Promise.all(behind.map((s) => s.height()));
    behind = behind.filter((_s, i) => (heights[i] ?? 0n) <= blockNumber);
    if (behind.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `${behind.length.toString()} peer(s) have not committed block ${blockNumber.toString()}`,
      );
    await new Promise((r) => setTimeout(r, 25));
  }
}
