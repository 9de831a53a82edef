import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { BlockSourceError, type BlockSource } from './block-source';

/** Each record: 4-byte big-endian payload length, then the first 4 bytes of SHA-256(payload). */
const RECORD_HEADER = 8;

/**
 * Reads the block store of an embedded-network peer (or orderer) straight from disk, without the
 * network's code: `<node dir>/blocks/chain.dat` is an append-only run of records, one per block,
 * each `[u32 BE length][first 4 bytes of SHA-256(block)][block bytes]`. The offsets file beside
 * it (`index.dat`) is not needed; a torn last record (a crash mid-append) ends the chain there.
 * @param dir - the node's data directory, its `blocks` folder, or the `chain.dat` file itself
 * @throws BlockSourceError SOURCE_NOT_FOUND when there is no chain file
 */
export function peerStoreBlockSource(dir: string): BlockSource {
  const path = [join(dir, 'blocks', 'chain.dat'), join(dir, 'chain.dat'), dir].find(
    (p) => existsSync(p) && p.endsWith('chain.dat'),
  );
  if (!path) throw new BlockSourceError('SOURCE_NOT_FOUND', `no block store (blocks/chain.dat) under ${dir}`);
  let offsets: number[] | undefined;
  const scan = (): number[] => (offsets ??= recordOffsets(path));
  return {
    description: `peer block store ${path}`,
    height: () => Promise.resolve(scan().length),
    blocks: async function* (from, to) {
      const at = scan();
      const fd = openSync(path, 'r');
      try {
        for (let n = from; n < to; n++) {
          const offset = at[n];
          if (offset === undefined)
            throw new BlockSourceError('SOURCE_GAP', `block ${n} is beyond the store's ${at.length} blocks`);
          yield await Promise.resolve(readRecord(fd, offset).payload);
        }
      } finally {
        closeSync(fd);
      }
    },
    close: () => Promise.resolve(),
  };
}

/** Offsets of the whole, checksummed records, from the start of the file. */
function recordOffsets(path: string): number[] {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const out: number[] = [];
    for (let at = 0; at + RECORD_HEADER <= size;) {
      const header = Buffer.alloc(RECORD_HEADER);
      readSync(fd, header, 0, RECORD_HEADER, at);
      const next = at + RECORD_HEADER + header.readUInt32BE(0);
      if (next > size) break; // torn tail
      out.push(at);
      at = next;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

function readRecord(fd: number, offset: number): { payload: Buffer } {
  const header = Buffer.alloc(RECORD_HEADER);
  readSync(fd, header, 0, RECORD_HEADER, offset);
  const payload = Buffer.alloc(header.readUInt32BE(0));
  readSync(fd, payload, 0, payload.length, offset + RECORD_HEADER);
  const sum = createHash('sha256').update(payload).digest().subarray(0, 4);
  if (!sum.equals(header.subarray(4)))
    throw new BlockSourceError('SOURCE_CORRUPT', `block record at offset ${offset} fails its checksum`);
  return { payload };
}
