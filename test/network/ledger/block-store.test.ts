import { readFileSync, statSync, truncateSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBlock, headerHash } from '@alliance/network/block';
import { openBlockStore, LedgerError } from '@alliance/network/ledger';
import { common } from '@alliance/network/protos';
import { tempDir } from './fixtures';

/** Reads every record of the block file by hand: 4-byte length, 4-byte checksum, payload. */
function recordsOf(file: string): common.Block[] {
  const bytes = readFileSync(file);
  const blocks: common.Block[] = [];
  for (let at = 0; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    blocks.push(common.Block.deserializeBinary(bytes.subarray(at + 8, at + 8 + length)));
    at += 8 + length;
  }
  return blocks;
}

async function appendChain(dir: string, count: number): Promise<void> {
  const store = await openBlockStore(dir);
  const target = store.height + count;
  while (store.height < target) {
    const last = store.height > 0 ? common.Block.deserializeBinary(store.get(store.height - 1)!) : undefined;
    const previous = last ? headerHash(last.getHeader()!) : new Uint8Array(0);
    await store.append(createBlock(store.height, previous, [Buffer.from(`tx ${store.height}`)]));
  }
  await store.close();
}

describe('block store', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => {
    cleanup();
  });

  it('writes a hash chain whose links hold when read back from the block file', async () => {
    await appendChain(dir, 5);
    const blocks = recordsOf(join(dir, 'blocks', 'chain.dat'));
    expect(blocks.map((b) => b.getHeader()!.getNumber())).toEqual([0, 1, 2, 3, 4]);
    for (let n = 1; n < blocks.length; n++) {
      expect(Buffer.from(blocks[n]!.getHeader()!.getPreviousHash_asU8())).toEqual(
        Buffer.from(headerHash(blocks[n - 1]!.getHeader()!)),
      );
    }
    const store = await openBlockStore(dir);
    expect(store.height).toBe(5);
    expect(Buffer.from(store.get(3)!)).toEqual(Buffer.from(blocks[3]!.serializeBinary()));
    expect(store.get(5)).toBeUndefined();
    await store.close();
  });

  it('refuses a wrong number, a broken link and a wrong data hash, and stores nothing', async () => {
    await appendChain(dir, 2);
    const store = await openBlockStore(dir);
    const last = common.Block.deserializeBinary(store.get(1)!);
    await expect(store.append(createBlock(3, headerHash(last.getHeader()!), []))).rejects.toMatchObject({
      code: 'BLOCK_OUT_OF_ORDER',
    });
    await expect(store.append(createBlock(2, Buffer.alloc(32), []))).rejects.toMatchObject({
      code: 'BROKEN_HASH_CHAIN',
    });
    const tampered = createBlock(2, headerHash(last.getHeader()!), [Buffer.from('x')]);
    tampered.getData()!.setDataList([Buffer.from('y')]);
    await expect(store.append(tampered)).rejects.toBeInstanceOf(LedgerError);
    expect(store.height).toBe(2);
    await store.close();
  });

  it('keeps appends in call order when the caller does not wait', async () => {
    const store = await openBlockStore(dir);
    const first = createBlock(0, new Uint8Array(0), [Buffer.from('a')]);
    const second = createBlock(1, headerHash(first.getHeader()!), [Buffer.from('b')]);
    await Promise.all([store.append(first), store.append(second)]);
    expect(store.height).toBe(2);
    await store.close();
  });

  it('cuts a torn last record and keeps appending after it', async () => {
    await appendChain(dir, 3);
    const file = join(dir, 'blocks', 'chain.dat');
    truncateSync(file, statSync(file).size - 5);
    await appendChain(dir, 2);
    const blocks = recordsOf(file);
    expect(blocks.map((b) => b.getHeader()!.getNumber())).toEqual([0, 1, 2, 3]);
    expect(Buffer.from(blocks[2]!.getHeader()!.getPreviousHash_asU8())).toEqual(
      Buffer.from(headerHash(blocks[1]!.getHeader()!)),
    );
  });

  it('drops a record with a bad checksum and rebuilds a lost or stale index', async () => {
    await appendChain(dir, 3);
    const file = join(dir, 'blocks', 'chain.dat');
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    writeFileSync(file, bytes);
    writeFileSync(join(dir, 'blocks', 'index.dat'), Buffer.alloc(0));
    const store = await openBlockStore(dir);
    expect(store.height).toBe(2);
    await store.close();
    appendFileSync(join(dir, 'blocks', 'index.dat'), Buffer.from([1, 2, 3]));
    const again = await openBlockStore(dir);
    expect(again.height).toBe(2);
    await again.close();
  });
});
