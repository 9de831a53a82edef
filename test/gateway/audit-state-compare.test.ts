// The two sides of a state comparison: a range scan a peer signed against the same scan of the
// rebuilt state (keys only the peer has, keys only the replay has, other versions, Merkle
// summaries), and the probes chosen from what the replay holds and what it refused.
import { ledger } from '../../gateway/node_modules/@hyperledger/fabric-protos';
import { merkleSummary } from '@alliance/network/committer/merkle';
import { WorldState } from '@alliance/gateway';
import { noteRefusedWrites } from '@alliance/gateway/audit/refused-writes';
import { compareRange } from '@alliance/gateway/audit/range-compare';
import { emptyReplayState } from '@alliance/gateway/audit/replay-state';
import { chooseProbes } from '@alliance/gateway/audit/state-probes';

const { kvrwset } = ledger.rwset;
const key = (type: string, ...attrs: string[]): string => `\u0000${[type, ...attrs].join('\u0000')}\u0000`;
const entry = (block: number, tx = 0) => ({
  value: Buffer.from('v'),
  version: { block, tx },
  txId: `t${block}.${tx}`,
});

function read(k: string, block: number, tx = 0): ledger.rwset.kvrwset.KVRead {
  const r = new kvrwset.KVRead();
  r.setKey(k);
  const v = new kvrwset.Version();
  v.setBlockNum(block);
  v.setTxNum(tx);
  r.setVersion(v);
  return r;
}

/** A range scan over every lot event of lot `L`, as a peer records it: raw results, or a summary past `degree`. */
function scan(reads: ledger.rwset.kvrwset.KVRead[], degree = 50): ledger.rwset.kvrwset.RangeQueryInfo {
  const info = new kvrwset.RangeQueryInfo();
  info.setStartKey(key('lot~event', 'L').slice(0, -1));
  info.setEndKey(`${key('lot~event', 'L').slice(0, -1)}\u{10FFFF}`);
  info.setItrExhausted(true);
  const summary = merkleSummary(reads, degree);
  if (summary) info.setReadsMerkleHashes(summary);
  else {
    const raw = new kvrwset.QueryReads();
    raw.setKvReadsList(reads);
    info.setRawReads(raw);
  }
  return info;
}

describe('a range scan a peer signed, against the rebuilt state', () => {
  const world = new WorldState();
  world.put('cc', key('lot~event', 'L', 'e1'), entry(3));
  world.put('cc', key('lot~event', 'L', 'e2'), entry(4, 1));
  world.put('cc', key('lot~event', 'M', 'e9'), entry(5));

  it('finds nothing when both sides hold the same keys at the same versions', () => {
    const c = compareRange(
      world,
      'cc',
      scan([read(key('lot~event', 'L', 'e1'), 3), read(key('lot~event', 'L', 'e2'), 4, 1)]),
    );
    expect(c.differences).toEqual([]);
    expect(c.keys).toHaveLength(2);
  });

  it('reports a key only the peer returned, a key only the replay holds and a key at another version', () => {
    const c = compareRange(
      world,
      'cc',
      scan([read(key('lot~event', 'L', 'e1'), 3, 2), read(key('lot~event', 'L', 'e3'), 7)]),
    );
    expect(c.differences.map((d) => [d.key, d.theirs, d.ours?.version])).toEqual([
      [key('lot~event', 'L', 'e1'), { block: 3, tx: 2 }, { block: 3, tx: 0 }],
      [key('lot~event', 'L', 'e2'), undefined, { block: 4, tx: 1 }],
      [key('lot~event', 'L', 'e3'), { block: 7, tx: 0 }, undefined],
    ]);
  });

  it('checks a long scan the peer signed as a Merkle summary against the replay’s keys', () => {
    const many = new WorldState();
    const reads = Array.from({ length: 7 }, (_, i) => {
      many.put('cc', key('lot~event', 'L', `e${i}`), entry(i + 1));
      return read(key('lot~event', 'L', `e${i}`), i + 1);
    });
    expect(compareRange(many, 'cc', scan(reads, 3)).summaryMatches).toBe(true);
    many.put('cc', key('lot~event', 'L', 'e99'), entry(9));
    expect(compareRange(many, 'cc', scan(reads, 3)).summaryMatches).toBe(false);
  });
});

describe('the probes of a comparison', () => {
  const fns = (ps: ReturnType<typeof chooseProbes>) =>
    ps.map((p) => `${p.contract ?? p.chaincode ?? ''}:${p.fn}:${JSON.stringify(p.input)}`);

  it('asks for the definition and whole-type listings even when the replay holds nothing', () => {
    expect(fns(chooseProbes(emptyReplayState(), 'cc'))).toEqual([
      '_lifecycle:QueryChaincodeDefinition:{"name":"cc"}',
      'members:ListMembers:undefined',
      'policy:PolicyHistory:undefined',
      'products:ListProducts:undefined',
    ]);
  });

  it('asks about the records of keys the peers wrote and the replay refused, once per record', () => {
    const s = emptyReplayState();
    s.world.put('cc', key('lot', 'A'), entry(2));
    noteRefusedWrites(
      s.refusedWrites,
      [
        {
          namespace: 'cc',
          reads: [],
          ranges: [],
          writes: [
            { key: key('lot', 'B'), isDelete: false, value: Buffer.from('x') },
            { key: key('lot~event', 'B', 'e1'), isDelete: false, value: Buffer.from('x') },
          ],
          metadataWrites: [],
          collectionCount: 0,
        },
        {
          namespace: 'other',
          reads: [],
          ranges: [],
          writes: [{ key: key('lot', 'C'), isDelete: false, value: Buffer.from('x') }],
          metadataWrites: [],
          collectionCount: 0,
        },
      ],
      { block: 5, tx: 1, txId: 'refused' },
    );
    const lots = fns(chooseProbes(s, 'cc')).filter((f) => f.startsWith('lots:GetLot:'));
    expect(lots).toEqual(['lots:GetLot:{"lotId":"A"}', 'lots:GetLot:{"lotId":"B"}']);
    expect(fns(chooseProbes(s, 'cc', 1)).filter((f) => f.startsWith('lots:GetLot:'))).toEqual([
      'lots:GetLot:{"lotId":"A"}',
    ]);
  });
});
