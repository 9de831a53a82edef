import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { common } from '@alliance/network/protos';
import { createBlock, headerHash, signBlock, type BlockSigner } from '@alliance/network/block';
import { toLowS } from '@alliance/network/identity';
import { openBlockStore, type BlockStore } from '@alliance/network/ledger';
import { AdaptiveLinger, OrderedChain } from '@alliance/network/orderer';

const policy = {
  maxMessageCount: 100,
  preferredMaxBytes: 2 * 1024 * 1024,
  absoluteMaxBytes: 10 * 1024 * 1024,
  timeoutMs: 250,
  cutOnDrain: true,
};

function blockSigner(): BlockSigner {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    serialized: Buffer.from('orderer identity'),
    sign: (data) => toLowS(sign('sha256', data, { key: privateKey, dsaEncoding: 'der' })),
  };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const envelope = (n: number): Uint8Array => Buffer.from(`envelope ${n}`);

describe('AdaptiveLinger', () => {
  it('stays at zero while every batch holds one envelope', () => {
    const linger = new AdaptiveLinger(250);
    for (let i = 0; i < 5; i++) linger.observe(1);
    expect(linger.ms).toBe(0);
  });

  it('starts at 1 ms on an overlapping batch, doubles up to its ceiling, and shrinks by a quarter back to zero', () => {
    const linger = new AdaptiveLinger(250);
    const seen: number[] = [];
    for (let i = 0; i < 7; i++) {
      linger.observe(3);
      seen.push(linger.ms);
    }
    expect(seen).toEqual([1, 2, 4, 8, 16, 20, 20]);
    const back: number[] = [];
    for (let i = 0; i < 12; i++) {
      linger.observe(1);
      back.push(Number(linger.ms.toFixed(2)));
    }
    expect(back).toEqual([15, 11.25, 8.44, 6.33, 4.75, 3.56, 2.67, 2, 1.5, 1.13, 0, 0]);
  });

  it('never waits longer than the batch timeout', () => {
    const linger = new AdaptiveLinger(3);
    for (let i = 0; i < 5; i++) linger.observe(2);
    expect(linger.ms).toBe(3);
  });
});

describe('OrderedChain cutting on drain (group commit)', () => {
  let dir: string;
  let store: BlockStore;
  let chain: OrderedChain;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'alliance-chain-'));
    store = await openBlockStore(dir);
    const signer = blockSigner();
    const genesis = createBlock(0, new Uint8Array(0), [Buffer.from('genesis')]);
    signBlock(genesis, signer, 0);
    await store.append(genesis);
    chain = OrderedChain.open(store, signer, policy);
  });
  afterEach(async () => {
    chain.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const envelopesOf = (num: number): string[] => {
    const block = common.Block.deserializeBinary(store.get(num) ?? new Uint8Array());
    return block
      .getData()!
      .getDataList_asU8()
      .map((e) => Buffer.from(e).toString());
  };
  const waitForHeight = (height: number): Promise<void> =>
    chain.heights.waitFor(height, new AbortController().signal);

  it('cuts a lone envelope on the next turn, alone in its block', async () => {
    chain.order(envelope(1));
    await waitForHeight(2);
    expect(envelopesOf(1)).toEqual(['envelope 1']);
  });

  it('gathers envelopes that arrive while a block is written into the next block, cut when the write ends', async () => {
    chain.order(envelope(1));
    await nextTurn(); // block 1 is cut and being written
    chain.order(envelope(2));
    chain.order(envelope(3));
    chain.order(envelope(4));
    await waitForHeight(3);
    expect(envelopesOf(1)).toEqual(['envelope 1']);
    expect(envelopesOf(2)).toEqual(['envelope 2', 'envelope 3', 'envelope 4']);
  });

  it('lets a batch linger once batches overlap', async () => {
    chain.order(envelope(1));
    await nextTurn();
    chain.order(envelope(2));
    chain.order(envelope(3));
    await waitForHeight(3); // block 2 held two envelopes: the linger is now 1 ms
    chain.order(envelope(4));
    await nextTurn(); // without a linger, envelope 4 would be cut alone here
    chain.order(envelope(5));
    await waitForHeight(4);
    expect(envelopesOf(3)).toEqual(['envelope 4', 'envelope 5']);
  });

  it('keeps the header hash chain and block numbers across pipelined writes', async () => {
    for (let i = 0; i < 30; i++) {
      chain.order(envelope(i));
      if (i % 3 === 0) await nextTurn();
    }
    await chain.flush();
    let count = 0;
    for (let num = 1; num < store.height; num++) {
      const block = common.Block.deserializeBinary(store.get(num)!);
      const previous = common.Block.deserializeBinary(store.get(num - 1)!);
      expect(block.getHeader()!.getNumber()).toBe(num);
      expect(Buffer.from(block.getHeader()!.getPreviousHash_asU8())).toEqual(
        Buffer.from(headerHash(previous.getHeader()!)),
      );
      count += block.getData()!.getDataList().length;
    }
    expect(count).toBe(30);
  });
});
