import { ChaincodeSupportError, createTxSimulator } from '@alliance/network/chaincode';
import { MemoryState } from '../support/memory-state';
import { decodeRwSet } from '../support/decode-rwset';

const bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8');
const text = (b: Uint8Array | undefined): string | undefined =>
  b ? Buffer.from(b).toString('utf8') : undefined;

function committed(): MemoryState {
  const state = new MemoryState();
  state.commit([
    {
      txId: 't1',
      writes: [
        { ns: 'cc', key: 'a', value: 'A1' },
        { ns: 'cc', key: 'b', value: 'B1' },
      ],
    },
  ]);
  state.commit([
    { txId: 't2', writes: [{ ns: 'cc', key: 'c', value: 'C1' }] },
    {
      txId: 't3',
      writes: [{ ns: 'cc', key: 'a', value: 'A2', metadata: { VALIDATION_PARAMETER: bytes('p') } }],
    },
  ]);
  return state;
}

describe('TxSimulator', () => {
  it('encodes a single read exactly as Fabric (hand-computed bytes)', () => {
    const sim = createTxSimulator(new MemoryState(), () => []);
    sim.getState('cc', 'a');
    expect(Buffer.from(sim.results().rwset).toString('hex')).toBe('120b0a02636312050a030a0161');
  });

  it('records committed versions, absent versions for missing keys, and never reads its own writes', () => {
    const state = committed();
    const sim = createTxSimulator(state, state.history);
    expect(text(sim.getState('cc', 'a'))).toBe('A2');
    sim.putState('cc', 'a', bytes('mine'));
    expect(text(sim.getState('cc', 'a'))).toBe('A2');
    expect(sim.getState('cc', 'zz')).toBeUndefined();
    const [ns] = decodeRwSet(sim.results().rwset);
    expect(ns?.reads).toEqual([{ key: 'a', version: { blockNum: 2, txNum: 1 } }, { key: 'zz' }]);
    expect(ns?.writes).toEqual([{ key: 'a', isDelete: false, value: 'mine' }]);
  });

  it('sorts namespaces and keys by UTF-8 bytes, and turns empty values into deletes', () => {
    const sim = createTxSimulator(new MemoryState(), () => []);
    sim.putState('zeta', 'k', bytes('1'));
    sim.putState('alpha', '\u{10FFFF}', bytes('x'));
    sim.putState('alpha', '\uE000', bytes('y'));
    sim.putState('alpha', 'b', new Uint8Array());
    sim.delState('alpha', 'a');
    const decoded = decodeRwSet(sim.results().rwset);
    expect(decoded.map((n) => n.namespace)).toEqual(['alpha', 'zeta']);
    expect(decoded[0]?.writes).toEqual([
      { key: 'a', isDelete: true, value: '' },
      { key: 'b', isDelete: true, value: '' },
      { key: '\uE000', isDelete: false, value: 'y' },
      { key: '\u{10FFFF}', isDelete: false, value: 'x' },
    ]);
  });

  it('reads metadata with a recorded read and writes whole metadata maps (null clears)', () => {
    const state = committed();
    const sim = createTxSimulator(state, state.history);
    expect(text(sim.getStateMetadata('cc', 'a')['VALIDATION_PARAMETER'])).toBe('p');
    expect(sim.getStateMetadata('cc', 'none')).toEqual({});
    sim.setStateMetadata('cc', 'b', { z: bytes('2'), a: bytes('1') });
    sim.setStateMetadata('cc', 'c', null);
    const results = sim.results();
    const [ns] = decodeRwSet(results.rwset);
    expect(ns?.reads).toEqual([{ key: 'a', version: { blockNum: 2, txNum: 1 } }, { key: 'none' }]);
    expect(ns?.metadataWrites).toEqual([
      {
        key: 'b',
        entries: [
          { name: 'a', value: '1' },
          { name: 'z', value: '2' },
        ],
      },
      { key: 'c', entries: [] },
    ]);
    expect(results.readOnly).toBe(false);
  });

  it('records range scans for phantom protection: caller start key, moving end key, exhaustion', () => {
    const state = committed();
    const sim = createTxSimulator(state, state.history);
    const full = sim.rangeScan('cc', '\u0001', '');
    while (full.next()) {
      // drain
    }
    const partial = sim.rangeScan('cc', 'a', 'c');
    expect(partial.next()?.key).toBe('a');
    sim.rangeScan('cc', 'x', 'y').next();
    const [ns] = decodeRwSet(sim.results().rwset);
    expect(ns?.reads).toEqual([]);
    expect(ns?.ranges).toEqual([
      { startKey: '\u0001', endKey: '', exhausted: true, reads: ['a', 'b', 'c'] },
      { startKey: 'a', endKey: 'a', exhausted: false, reads: ['a'] },
      { startKey: 'x', endKey: 'y', exhausted: true, reads: undefined },
    ]);
  });

  it('keeps one range info per (start, end, exhausted)', () => {
    const state = committed();
    const sim = createTxSimulator(state, state.history);
    for (let i = 0; i < 2; i++) {
      const scan = sim.rangeScan('cc', 'a', 'b');
      while (scan.next()) {
        // drain
      }
    }
    expect(decodeRwSet(sim.results().rwset)[0]?.ranges).toHaveLength(1);
  });

  it('makes a transaction read-only after a paginated scan, and refuses one after a write', () => {
    const state = committed();
    const paged = createTxSimulator(state, state.history, 'tx1');
    paged.paginatedRangeScan('cc', '', '');
    expect(() => {
      paged.putState('cc', 'k', bytes('v'));
    }).toThrow(
      'txid [tx1]: unsuppored transaction. Transaction has already performed a paginated query. Writes are not allowed',
    );
    expect(() => {
      paged.setStateMetadata('cc', 'k', null);
    }).toThrow(ChaincodeSupportError);
    expect(paged.results().readOnly).toBe(true);

    const written = createTxSimulator(state, state.history, 'tx2');
    written.putState('cc', 'k', bytes('v'));
    expect(() => written.paginatedRangeScan('cc', '', '')).toThrow(
      'txid [tx2]: unsuppored transaction. Paginated queries are supported only in a read-only transaction',
    );
  });

  it('gives a pagination bookmark that is the next key after what was read', () => {
    const state = committed();
    const sim = createTxSimulator(state, state.history);
    const scan = sim.paginatedRangeScan('cc', 'a', '');
    scan.next();
    expect(scan.bookmarkAndClose()).toBe('b');
    expect(scan.next()).toBeUndefined();
  });

  it('returns history without recording reads, and can be finished once only', () => {
    const state = committed();
    const sim = createTxSimulator(state, state.history);
    expect(sim.history('cc', 'a').map((h) => h.txId)).toEqual(['t3', 't1']);
    const results = sim.results();
    expect(decodeRwSet(results.rwset)).toEqual([]);
    expect(() => sim.results()).toThrow(ChaincodeSupportError);
    expect(() => sim.getState('cc', 'a')).toThrow('This instance should not be used after calling Done()');
  });
});

describe('range query summaries', () => {
  it('keeps up to 50 results as raw reads and summarises more as Fabric does', () => {
    const state = new MemoryState();
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${String(i).padStart(3, '0')}`);
    state.commit([{ txId: 't', writes: keys(120).map((key) => ({ ns: 'cc', key, value: key })) }]);
    const sim = createTxSimulator(state, state.history);
    for (const end of ['k050', 'k051', '']) {
      const scan = sim.rangeScan('cc', 'k000', end);
      while (scan.next()) {
        // drain
      }
    }
    const ranges = decodeRwSet(sim.results().rwset)[0]?.ranges;
    expect(ranges?.map((r) => [r.reads?.length, r.merkle])).toEqual([
      [50, undefined],
      [undefined, [50, 1, 1]],
      [undefined, [50, 1, 3]],
    ]);
  });
});
