/**
 * Waiting for every org's peer to commit a block. A submit returns once the submitting org's
 * peer has committed it; the other peers validate and commit the same block on their own, a
 * little later (as on real Fabric). The next step of the story may be endorsed on those peers,
 * so it waits until each of them has the block: otherwise a chaincode would see the state
 * before it.
 */
import { peerLedgerSource } from '../verify/ledger-source';
import type { Actor, Actors } from './actors';

/** One identity per org, to ask each org's peer for its height. */
const ONE_PER_ORG: readonly Actor[] = ['auditor', 'supplier', 'brandUser', 'labAnalyst', 'verifierAnalyst'];

/**
 * Resolves when every org's peer holds block `blockNumber`.
 * @throws Error after `timeoutMs` with the peers still behind
 */
export async function awaitBlockOnEveryPeer(actors: Actors, blockNumber: bigint, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let behind = [...ONE_PER_ORG];
  while (behind.length > 0) {
    const heights = await Promise.all(behind.map((a) => peerLedgerSource(actors.client(a).connection).height()));
    behind = behind.filter((_a, i) => (heights[i] ?? 0n) <= blockNumber);
    if (behind.length === 0) return;
    if (Date.now() > deadline) throw new Error(`peers of ${behind.map((a) => actors.name(a)).join(', ')} have not committed block ${blockNumber.toString()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
