import { ledger, peer } from '@alliance/network/protos';
import { merkleSummary } from '@alliance/network/committer';
import { type RangeRead } from '../support';
import { useCommitHarness } from './harness';

const Code = peer.TxValidationCode;
const endorsers = ['platform', 'brand'];

describe('committer: MVCC and phantom reads', () => {
  const scope = useCommitHarness();

  const put = (key: string, value = key): Uint8Array =>
    scope.h.tx({ provenance: { writes: [{ key, value }] } }, endorsers).envelope;
  const version = (key: string): { blockNum: number; txNum: number } =>
    scope.h.ledger.state.get('provenance', key)!.version;

  it('gives the second of two conflicting transactions in a block MVCC_READ_CONFLICT', async () => {
    await scope.h.commit([put('balance', '10')]);
    const spend = (value: string): Uint8Array =>
      scope.h.tx(
        {
          provenance: {
            reads: [{ key: 'balance', version: version('balance') }],
            writes: [{ key: 'balance', value }],
          },
        },
        endorsers,
      ).envelope;
    expect(await scope.h.commit([spend('7'), spend('5')])).toEqual([Code.VALID, Code.MVCC_READ_CONFLICT]);
    expect(Buffer.from(scope.h.ledger.state.get('provenance', 'balance')!.value).toString()).toBe('7');
  });

  it('checks read versions against committed state, absent keys included', async () => {
    await scope.h.commit([put('k')]);
    const stale = scope.h.tx(
      { provenance: { reads: [{ key: 'k', version: { blockNum: 1, txNum: 9 } }] } },
      endorsers,
    );
    const current = scope.h.tx({ provenance: { reads: [{ key: 'k', version: version('k') }] } }, endorsers);
    const absentButExists = scope.h.tx({ provenance: { reads: [{ key: 'k' }] } }, endorsers);
    const absent = scope.h.tx({ provenance: { reads: [{ key: 'missing' }] } }, endorsers);
    expect(
      await scope.h.commit([stale.envelope, current.envelope, absentButExists.envelope, absent.envelope]),
    ).toEqual([Code.MVCC_READ_CONFLICT, Code.VALID, Code.MVCC_READ_CONFLICT, Code.VALID]);
  });

  it('does not let an invalid earlier transaction conflict with a later one', async () => {
    await scope.h.commit([put('k')]);
    const unendorsed = scope.h.tx({ provenance: { writes: [{ key: 'k', value: 'x' }] } }, ['platform']);
    const reader = scope.h.tx({ provenance: { reads: [{ key: 'k', version: version('k') }] } }, endorsers);
    expect(await scope.h.commit([unendorsed.envelope, reader.envelope])).toEqual([
      Code.ENDORSEMENT_POLICY_FAILURE,
      Code.VALID,
    ]);
  });

  function scan(start: string, end: string, exhausted = true): RangeRead {
    const reads = [...scope.h.ledger.state.range('provenance', start, exhausted ? end : `${end}\u0000`)].map(
      ([key, v]) => ({
        key,
        version: v.version,
      }),
    );
    return { start, end, exhausted, reads };
  }

  it('catches a phantom inserted earlier in the same block', async () => {
    await scope.h.commit([put('lot:1'), put('lot:3')]);
    const range = scan('lot:', 'lot;');
    const insert = put('lot:2');
    const scanner = scope.h.tx(
      { provenance: { ranges: [range], writes: [{ key: 'summary', value: '2 lots' }] } },
      endorsers,
    );
    const again = scope.h.tx({ provenance: { ranges: [range] } }, endorsers);
    expect(await scope.h.commit([scanner.envelope])).toEqual([Code.VALID]);
    expect(await scope.h.commit([insert, again.envelope])).toEqual([Code.VALID, Code.PHANTOM_READ_CONFLICT]);
  });

  it('catches phantoms from committed changes: insert, delete, update and inclusive end keys', async () => {
    await scope.h.commit([put('a'), put('b'), put('c')]);
    const full = scan('a', '');
    const upToB = scan('a', 'b', false);
    await scope.h.commit([put('b', 'changed')]);
    const fresh = scan('a', '');
    const afterEnd = scan('a', 'b', false);
    await scope.h.commit([put('d')]);
    const codes = await scope.h.commit([
      scope.h.tx({ provenance: { ranges: [full] } }, endorsers).envelope,
      scope.h.tx({ provenance: { ranges: [upToB] } }, endorsers).envelope,
      scope.h.tx({ provenance: { ranges: [fresh] } }, endorsers).envelope,
      scope.h.tx({ provenance: { ranges: [afterEnd] } }, endorsers).envelope,
    ]);
    expect(codes).toEqual([
      Code.PHANTOM_READ_CONFLICT,
      Code.PHANTOM_READ_CONFLICT,
      Code.PHANTOM_READ_CONFLICT, // 'd' appeared after the scan
      Code.VALID, // the scan stopped at 'b' (inclusive): 'd' is outside it
    ]);
  });

  it('validates range scans recorded as Merkle summaries', async () => {
    const keys = Array.from({ length: 120 }, (_, i) => `m${String(i).padStart(3, '0')}`);
    await scope.h.commit([
      scope.h.tx({ provenance: { writes: keys.map((key) => ({ key, value: key })) } }, endorsers).envelope,
    ]);
    const reads = scan('m', 'n').reads.map(({ key, version: v }) => {
      const read = new ledger.rwset.kvrwset.KVRead();
      read.setKey(key);
      const ver = new ledger.rwset.kvrwset.Version();
      ver.setBlockNum(v!.blockNum);
      ver.setTxNum(v!.txNum);
      read.setVersion(ver);
      return read;
    });
    const summary = merkleSummary(reads, 50)!;
    expect(summary.getMaxLevel()).toBe(1);
    expect(summary.getMaxLevelHashesList()).toHaveLength(3); // 51 + 51 + 18 reads
    expect(merkleSummary(reads.slice(0, 50), 50)).toBeUndefined();
    const info = new ledger.rwset.kvrwset.RangeQueryInfo();
    info.setStartKey('m');
    info.setEndKey('n');
    info.setItrExhausted(true);
    info.setReadsMerkleHashes(summary);
    const rwset = rwsetWithRange(info);
    const unchanged = scope.h.tx({}, endorsers, { rwset });
    expect(await scope.h.commit([unchanged.envelope])).toEqual([Code.VALID]);
    await scope.h.commit([put('m050', 'changed')]);
    const changed = scope.h.tx({}, endorsers, { rwset });
    expect(await scope.h.commit([changed.envelope])).toEqual([Code.PHANTOM_READ_CONFLICT]);
  });
});

function rwsetWithRange(info: ledger.rwset.kvrwset.RangeQueryInfo): Uint8Array {
  const kv = new ledger.rwset.kvrwset.KVRWSet();
  kv.setRangeQueriesInfoList([info]);
  const ns = new ledger.rwset.NsReadWriteSet();
  ns.setNamespace('provenance');
  ns.setRwset(kv.serializeBinary());
  const txRwset = new ledger.rwset.TxReadWriteSet();
  txRwset.setNsRwsetList([ns]);
  return txRwset.serializeBinary();
}
