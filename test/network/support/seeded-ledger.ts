import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBlock, setTxFilter, signBlock, type BlockSigner } from '@alliance/network/block';
import { openPeerLedger, type PeerLedger, type WriteSet } from '@alliance/network/ledger';
import { common } from '@alliance/network/protos';

/** A write to seed: a string value, or none for a delete. */
export interface SeedWrite {
  ns: string;
  key: string;
  value?: string;
  /** A binary value (takes precedence over `value`). */
  bytes?: Uint8Array;
  metadata?: Record<string, Uint8Array>;
}

/** A real peer ledger in a temporary folder, filled through its commit API. */
export interface SeededLedger {
  readonly ledger: PeerLedger;
  /** Commits one block holding the given valid transactions, all with one timestamp. */
  commit(
    txs: { txId: string; writes: SeedWrite[] }[],
    timestamp?: { seconds: number; nanos: number },
  ): Promise<void>;
  /** Commits a given block (e.g. a genesis block) with no state writes, indexing the tx ids given. */
  commitBlock(block: common.Block, txIds?: { txId: string; code: number }[]): Promise<void>;
  close(): Promise<void>;
}

/** An envelope carrying only a channel header with the tx id: what the tx index reads. */
function envelopeFor(txId: string): Uint8Array {
  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setTxId(txId);
  const header = new common.Header();
  header.setChannelHeader(channelHeader.serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope.serializeBinary();
}

function toWriteSet(w: SeedWrite): WriteSet {
  const value = w.bytes ?? (w.value === undefined ? undefined : Buffer.from(w.value, 'utf8'));
  if (value === undefined) return { ns: w.ns, key: w.key };
  return {
    ns: w.ns,
    key: w.key,
    value,
    ...(w.metadata ? { metadata: w.metadata } : {}),
  };
}

/** Opens an empty ledger; blocks committed through it are numbered from 0 and signed by `signer` if given. */
export async function openSeededLedger(signer?: BlockSigner): Promise<SeededLedger> {
  const dir = mkdtempSync(join(tmpdir(), 'alliance-seeded-'));
  const ledger = await openPeerLedger(dir);
  return {
    ledger,
    async commit(txs, timestamp = { seconds: 1_700_000_000, nanos: 0 }) {
      const block = createBlock(
        ledger.height,
        ledger.currentHash(),
        txs.map((tx) => envelopeFor(tx.txId)),
      );
      setTxFilter(block, new Uint8Array(txs.length));
      if (signer) signBlock(block, signer, 0);
      await ledger.commit({
        block,
        writes: txs.map((tx, txNum) => ({
          txNum,
          txId: tx.txId,
          timestamp,
          writes: tx.writes.map(toWriteSet),
        })),
        txIds: txs.map((tx, txNum) => ({ txNum, txId: tx.txId, code: 0 })),
      });
    },
    async commitBlock(block, txIds = []) {
      const count = block.getData()?.getDataList().length ?? 0;
      const codes = new Uint8Array(count);
      txIds.forEach(({ code }, txNum) => {
        codes[txNum] = code;
      });
      setTxFilter(block, codes);
      await ledger.commit({ block, writes: [], txIds: txIds.map((t, txNum) => ({ ...t, txNum })) });
    },
    async close() {
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
