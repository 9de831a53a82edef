import { BlockCutter } from '@alliance/network/orderer';

const settings = { maxMessageCount: 3, preferredMaxBytes: 100, absoluteMaxBytes: 1000, timeoutMs: 50 };
const msg = (size: number): Uint8Array => new Uint8Array(size);

describe('BlockCutter', () => {
  it('cuts when MaxMessageCount is reached', () => {
    const cutter = new BlockCutter(settings);
    expect(cutter.ordered(msg(10))).toEqual([]);
    expect(cutter.ordered(msg(10))).toEqual([]);
    const batches = cutter.ordered(msg(10));
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(3);
    expect(cutter.pendingCount).toBe(0);
  });

  it('cuts the pending batch before a message that would overflow PreferredMaxBytes', () => {
    const cutter = new BlockCutter(settings);
    cutter.ordered(msg(60));
    const batches = cutter.ordered(msg(50));
    expect(batches.map((b) => b.length)).toEqual([1]);
    expect(cutter.pendingCount).toBe(1);
  });

  it('puts a message larger than PreferredMaxBytes alone, after cutting what is pending', () => {
    const cutter = new BlockCutter(settings);
    cutter.ordered(msg(10));
    const batches = cutter.ordered(msg(150));
    expect(batches.map((b) => b.map((m) => m.length))).toEqual([[10], [150]]);
    expect(cutter.pendingCount).toBe(0);
  });

  it('cut() empties the pending batch', () => {
    const cutter = new BlockCutter(settings);
    cutter.ordered(msg(5));
    expect(cutter.cut()).toHaveLength(1);
    expect(cutter.cut()).toHaveLength(0);
  });
});
