import { createBlock, headerHash, setTxFilter } from '@alliance/network/block';
import type { PeerLedger } from '@alliance/network/ledger';
import { commitFromBlock } from '@alliance/network/ledger';
import type { common } from '@alliance/network/protos';

/** The next block of a ledger holding the given envelopes (unsigned, filter unset). */
export function nextBlock(ledger: PeerLedger, envelopes: Uint8Array[]): common.Block {
  const previous = ledger.height === 0 ? new Uint8Array(0) : ledger.currentHash();
  return createBlock(ledger.height, previous, envelopes);
}

/** Commits envelopes with the given codes (all VALID by default), deriving the writes from the rwsets. */
export async function commitEnvelopes(
  ledger: PeerLedger,
  envelopes: Uint8Array[],
  codes?: number[],
): Promise<common.Block> {
  const block = nextBlock(ledger, envelopes);
  setTxFilter(block, Uint8Array.from(codes ?? envelopes.map(() => 0)));
  await ledger.commit(commitFromBlock(block));
  return block;
}

/** Header hash helper re-exported for chain checks. */
export { headerHash };
