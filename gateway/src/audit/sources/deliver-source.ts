import type { AllianceConnection } from '../../connect/connection';
import { peerLedgerSource } from '../../verify/ledger-source';
import type { BlockSource } from './block-source';

/**
 * Reads blocks through the peer's Deliver service (the gateway client's block events), from a
 * start block up to the height the peer reports when asked (qscc GetChainInfo). Blocks arrive as
 * the peer serves them; the auditor checks each one, so a lying peer is caught, not believed.
 */
export function deliverBlockSource(conn: AllianceConnection): BlockSource {
  return {
    description: `Deliver from the peer of ${conn.identity.mspId} on channel ${conn.channel}`,
    height: async () => Number(await peerLedgerSource(conn).height()),
    blocks: async function* (from, to) {
      if (from >= to) return;
      const events = await conn.network.getBlockEvents({ startBlock: BigInt(from) });
      try {
        let expected = from;
        for await (const block of events) {
          const n = block.getHeader()?.getNumber() ?? -1;
          if (n !== expected) throw new Error(`Deliver sent block ${n} where block ${expected} was due`);
          yield block.serializeBinary();
          if (++expected >= to) break;
        }
      } finally {
        events.close();
      }
    },
    close: () => Promise.resolve(),
  };
}
