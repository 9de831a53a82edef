import type { common } from '@hyperledger/fabric-protos';
import { blockHeaderHash } from './block-hash';
import type { Finding } from './transaction-checks';
import type { TrustAnchor } from './trust-store';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/**
 * Proves that block `target` is part of the chain that contains a trusted block: walks the header
 * hashes between the nearest anchor and the target (forwards or backwards), fetching each block.
 * @returns the finding, and anchors for every block whose hash it proved (to remember for next time)
 */
export async function linkToAnchor(
  target: common.Block,
  anchors: readonly TrustAnchor[],
  fetch: (n: bigint) => Promise<common.Block>,
  onStep?: (done: number, total: number) => void,
): Promise<{ finding: Finding; proven: TrustAnchor[] }> {
  const targetNum = BigInt(target.getHeader()?.getNumber() ?? 0);
  const anchor = nearest(anchors, targetNum);
  if (!anchor)
    return { finding: { check: 'chain', ok: false, detail: 'no trusted block hash to link to' }, proven: [] };
  const lo = anchor.number < targetNum ? anchor.number : targetNum;
  const hi = anchor.number < targetNum ? targetNum : anchor.number;
  const total = Number(hi - lo);
  // Headers from lo to hi, in order; the target is already in hand.
  const headers = new Map<bigint, common.BlockHeader>();
  const th = target.getHeader();
  if (th) headers.set(targetNum, th);
  for (let n = lo, done = 0; n <= hi; n++) {
    if (!headers.has(n)) {
      const h = (await fetch(n)).getHeader();
      if (!h)
        return { finding: { check: 'chain', ok: false, detail: `block ${n} has no header` }, proven: [] };
      headers.set(n, h);
    }
    onStep?.(++done, total + 1);
  }
  const hashes = new Map<bigint, string>();
  for (const [n, h] of headers) hashes.set(n, hex(blockHeaderHash(h)));
  if (hashes.get(anchor.number) !== anchor.hash) {
    return {
      finding: {
        check: 'chain',
        ok: false,
        detail: `block ${anchor.number} hash differs from the trusted hash ${anchor.hash.slice(0, 16)}…`,
      },
      proven: [],
    };
  }
  for (let n = lo + 1n; n <= hi; n++) {
    const prev = hex(headers.get(n)?.getPreviousHash_asU8() ?? new Uint8Array());
    if (prev !== hashes.get(n - 1n)) {
      return {
        finding: {
          check: 'chain',
          ok: false,
          detail: `block ${n} does not link to block ${n - 1n} (previous hash mismatch)`,
        },
        proven: [],
      };
    }
  }
  const proven = [{ number: targetNum, hash: hashes.get(targetNum) ?? '' }];
  const detail = `block ${targetNum} links to trusted block ${anchor.number} through ${total} header hash${total === 1 ? '' : 'es'}`;
  return { finding: { check: 'chain', ok: true, detail }, proven };
}

function nearest(anchors: readonly TrustAnchor[], n: bigint): TrustAnchor | undefined {
  let best: TrustAnchor | undefined;
  for (const a of anchors) {
    const d = a.number > n ? a.number - n : n - a.number;
    const bd = best === undefined ? undefined : best.number > n ? best.number - n : n - best.number;
    if (bd === undefined || d < bd) best = a;
  }
  return best;
}
