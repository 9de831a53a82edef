import { peer } from '@alliance/network/protos';
import { openChainStore, openPeerLedger, rebuildState, type PeerLedger } from '@alliance/network/ledger';
import { setTxFilter } from '@alliance/network/block';
import { commitEnvelopes, nextBlock } from '../support';
import { tempDir, tx } from './fixtures';
import { statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';

const text = (bytes: Uint8Array | undefined): string | undefined =>
  bytes ? Buffer.from(bytes).toString() : undefined;
const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s));
const policy = bytes('policy-bytes');

describe('peer ledger', () => {
  let dir: string;
  let cleanup: () => void;
  let ledger: PeerLedger;
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    ledger = await openPeerLedger(dir);
  });
  afterEach(async () => {
    await ledger.close();
    cleanup();
  });

  it('commits writes with (block, tx) versions and keeps metadata as Fabric does', async () => {
    const first = tx({
      cc: {
        writes: [
          { key: 'a', value: 'A1' },
          { key: 'b', value: 'B1' },
        ],
      },
    });
    const policyWrite = tx({
      cc: { metadataWrites: [{ key: 'a', entries: { VALIDATION_PARAMETER: policy } }] },
    });
    await commitEnvelopes(ledger, [first.envelope, policyWrite.envelope]);
    expect(ledger.height).toBe(1);
    expect(ledger.state.get('cc', 'a')).toEqual({
      value: bytes('A1'),
      version: { blockNum: 0, txNum: 1 },
      metadata: { VALIDATION_PARAMETER: policy },
    });
    expect(ledger.state.get('cc', 'b')!.version).toEqual({ blockNum: 0, txNum: 0 });

    const valueOnly = tx({ cc: { writes: [{ key: 'a', value: 'A2' }] } });
    const metadataOnMissing = tx({ cc: { metadataWrites: [{ key: 'zz', entries: { x: policy } }] } });
    const deleteB = tx({ cc: { writes: [{ key: 'b' }] } });
    await commitEnvelopes(ledger, [valueOnly.envelope, metadataOnMissing.envelope, deleteB.envelope]);
    expect(text(ledger.state.get('cc', 'a')!.value)).toBe('A2');
    expect(ledger.state.get('cc', 'a')!.metadata).toEqual({ VALIDATION_PARAMETER: policy });
    expect(ledger.state.get('cc', 'zz')).toBeUndefined();
    expect(ledger.state.get('cc', 'b')).toBeUndefined();

    const clearMetadata = tx({ cc: { metadataWrites: [{ key: 'a', entries: {} }] } });
    await commitEnvelopes(ledger, [clearMetadata.envelope]);
    expect(ledger.state.get('cc', 'a')).toEqual({ value: bytes('A2'), version: { blockNum: 2, txNum: 0 } });
  });

  it('skips the writes of invalid transactions but indexes them, first occurrence winning', async () => {
    const good = tx({ cc: { writes: [{ key: 'k', value: 'good' }] } });
    const bad = tx({ cc: { writes: [{ key: 'k', value: 'bad' }] } });
    await commitEnvelopes(
      ledger,
      [bad.envelope, good.envelope, bad.envelope],
      [
        peer.TxValidationCode.MVCC_READ_CONFLICT,
        peer.TxValidationCode.VALID,
        peer.TxValidationCode.DUPLICATE_TXID,
      ],
    );
    expect(text(ledger.state.get('cc', 'k')!.value)).toBe('good');
    expect(ledger.getTx(bad.txId)).toEqual({
      blockNum: 0,
      txNum: 0,
      code: peer.TxValidationCode.MVCC_READ_CONFLICT,
    });
    expect(ledger.getTx(good.txId)).toEqual({ blockNum: 0, txNum: 1, code: 0 });
    await commitEnvelopes(ledger, [good.envelope], [peer.TxValidationCode.DUPLICATE_TXID]);
    expect(ledger.getTx(good.txId)).toEqual({ blockNum: 0, txNum: 1, code: 0 });
    expect(ledger.getTx('unknown')).toBeUndefined();
  });

  it('keeps history newest first with the channel header timestamps, deletes included', async () => {
    const t1 = new Date('2026-03-01T10:00:00.123Z');
    const t2 = new Date('2026-02-01T10:00:00.000Z'); // client clocks are not monotonic
    const w1 = tx({ cc: { writes: [{ key: 'h', value: 'one' }] } }, t1);
    const w2 = tx({ cc: { writes: [{ key: 'h' }] } }, t2);
    const meta = tx({ cc: { metadataWrites: [{ key: 'h', entries: { x: policy } }] } });
    await commitEnvelopes(ledger, [w1.envelope]);
    await commitEnvelopes(ledger, [meta.envelope, w2.envelope]);
    const history = ledger.history('cc', 'h');
    expect(history.map((h) => [h.txId, h.isDelete, h.blockNum, h.txNum])).toEqual([
      [w2.txId, true, 1, 1],
      [w1.txId, false, 0, 0],
    ]);
    expect(history[1]!.timestamp).toEqual({ seconds: Math.floor(t1.getTime() / 1000), nanos: 123_000_000 });
    expect(text(history[1]!.value)).toBe('one');
    expect(history[0]!.value).toHaveLength(0);
    expect(ledger.history('cc', 'nothing')).toEqual([]);
  });

  it('survives reopening with state, history, index and chain intact', async () => {
    const w = tx({ cc: { writes: [{ key: 'p', value: 'v' }] } });
    const block = await commitEnvelopes(ledger, [w.envelope]);
    const hash = Buffer.from(ledger.currentHash());
    await ledger.close();
    ledger = await openPeerLedger(dir);
    expect(ledger.height).toBe(1);
    expect(Buffer.from(ledger.currentHash())).toEqual(hash);
    expect(text(ledger.state.get('cc', 'p')!.value)).toBe('v');
    expect(ledger.history('cc', 'p')).toHaveLength(1);
    expect(ledger.getTx(w.txId)).toBeDefined();
    expect(Buffer.from(ledger.getBlockBytes(0)!)).toEqual(Buffer.from(block.serializeBinary()));
    await expect(commitEnvelopes(ledger, [])).resolves.toBeDefined();
    const stale = nextBlock(ledger, []);
    stale.getHeader()!.setNumber(7);
    setTxFilter(stale, new Uint8Array(0));
    await expect(ledger.commit({ block: stale, writes: [], txIds: [] })).rejects.toMatchObject({
      code: 'BLOCK_OUT_OF_ORDER',
    });
  });

  it('re-applies a block that reached the block file but not the state store (crash between the two)', async () => {
    const w1 = tx({ cc: { writes: [{ key: 'x', value: '1' }] } });
    await commitEnvelopes(ledger, [w1.envelope]);
    const w2 = tx({
      cc: {
        writes: [
          { key: 'x', value: '2' },
          { key: 'y', value: 'new' },
        ],
      },
    });
    const block = nextBlock(ledger, [w2.envelope]);
    setTxFilter(block, Uint8Array.of(peer.TxValidationCode.VALID));
    await ledger.close();
    const blocksOnly = await openChainStore(dir);
    await blocksOnly.append(block); // the process dies here, before the state batch
    await blocksOnly.close();

    ledger = await openPeerLedger(dir);
    expect(ledger.height).toBe(2);
    expect(ledger.state.get('cc', 'x')).toMatchObject({
      value: bytes('2'),
      version: { blockNum: 1, txNum: 0 },
    });
    expect(text(ledger.state.get('cc', 'y')!.value)).toBe('new');
    expect(ledger.history('cc', 'x').map((h) => h.txId)).toEqual([w2.txId, w1.txId]);
    expect(ledger.getTx(w2.txId)).toEqual({ blockNum: 1, txNum: 0, code: 0 });
  });

  it('drops a block torn mid-write before its state was stored, and commits it again', async () => {
    const w1 = tx({ cc: { writes: [{ key: 't', value: '1' }] } });
    await commitEnvelopes(ledger, [w1.envelope]);
    const w2 = tx({ cc: { writes: [{ key: 't', value: '2' }] } });
    const block = nextBlock(ledger, [w2.envelope]);
    setTxFilter(block, Uint8Array.of(peer.TxValidationCode.VALID));
    await ledger.close();
    const blocksOnly = await openChainStore(dir);
    await blocksOnly.append(block);
    await blocksOnly.close();
    const file = join(dir, 'blocks', 'chain.dat');
    truncateSync(file, statSync(file).size - 10); // the process died mid-append

    ledger = await openPeerLedger(dir);
    expect(ledger.height).toBe(1);
    expect(text(ledger.state.get('cc', 't')!.value)).toBe('1');
    expect(ledger.getTx(w2.txId)).toBeUndefined();
    await commitEnvelopes(ledger, [w2.envelope]);
    expect(text(ledger.state.get('cc', 't')!.value)).toBe('2');
  });

  it('rebuilds the same state from blocks alone', async () => {
    await commitEnvelopes(ledger, [
      tx({
        cc: {
          writes: [
            { key: 'a', value: '1' },
            { key: 'b', value: '2' },
          ],
        },
      }).envelope,
    ]);
    await commitEnvelopes(ledger, [
      tx({ cc: { writes: [{ key: 'a' }] }, other: { writes: [{ key: 'c', value: '3' }] } }).envelope,
      tx({ cc: { metadataWrites: [{ key: 'b', entries: { VALIDATION_PARAMETER: policy } }] } }).envelope,
    ]);
    const out = join(dir, 'rebuilt');
    await rebuildState(dir, out);
    const rebuilt = await openPeerLedger(out);
    try {
      for (const ns of ['cc', 'other']) {
        expect([...rebuilt.state.range(ns, '', '')]).toEqual([...ledger.state.range(ns, '', '')]);
      }
      expect([...rebuilt.state.range('cc', '', '')].map(([k]) => k)).toEqual(['b']);
      expect(rebuilt.history('cc', 'a')).toEqual(ledger.history('cc', 'a'));
    } finally {
      await rebuilt.close();
    }
  });
});
