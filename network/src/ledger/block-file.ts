import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fdatasync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { LedgerError } from './errors';

/** Record header: 4-byte big-endian length, then the first 4 bytes of SHA-256(payload). */
const HEADER_BYTES = 8;
/** Each index entry is the 8-byte big-endian offset of one record. */
const INDEX_ENTRY_BYTES = 8;

function checksum(payload: Uint8Array): Buffer {
  return createHash('sha256').update(payload).digest().subarray(0, 4);
}

/**
 * An append-only file of length-prefixed, checksummed records (one per block) and a small index
 * of their offsets. The data file is the truth: the index is rebuilt from it when it is behind,
 * and a torn tail record (a crash mid-append) is cut off when the file is opened.
 */
export class BlockFile {
  private constructor(
    private readonly fd: number,
    private readonly indexFd: number,
    private readonly offsets: number[],
    private end: number,
  ) {}

  /** Opens (creating) `dir/chain.dat` and `dir/index.dat`, repairing a torn tail. */
  static open(dir: string): Promise<BlockFile> {
    try {
      return Promise.resolve(BlockFile.openNow(dir));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private static openNow(dir: string): BlockFile {
    mkdirSync(dir, { recursive: true });
    const dataPath = join(dir, 'chain.dat');
    const indexPath = join(dir, 'index.dat');
    if (!existsSync(dataPath)) writeFileSync(dataPath, new Uint8Array(0));
    const fd = openSync(dataPath, 'r+');
    try {
      const { offsets, end, indexStale } = recover(fd, readIndex(indexPath));
      if (indexStale) writeIndex(indexPath, offsets);
      return new BlockFile(fd, openSync(indexPath, existsSync(indexPath) ? 'r+' : 'w+'), offsets, end);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  /** Number of records. */
  get count(): number {
    return this.offsets.length;
  }

  /**
   * Appends one record and waits until it is on disk (fdatasync), then indexes it.
   * The writes go to the page cache synchronously (tens of µs) and only the flush waits in the
   * thread pool: each awaited fs/promises call costs a thread-pool round trip, ~4 per block.
   * The index is not flushed: it is rebuilt from the data file when it is behind.
   */
  async append(payload: Uint8Array): Promise<void> {
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32BE(payload.length, 0);
    checksum(payload).copy(header, 4);
    const record = Buffer.concat([header, payload]);
    writeSync(this.fd, record, 0, record.length, this.end);
    await new Promise<void>((resolve, reject) => {
      fdatasync(this.fd, (err) => {
        if (err) reject(err);
        else resolve();
      });
    });
    const offset = this.end;
    this.end += record.length;
    const entry = Buffer.alloc(INDEX_ENTRY_BYTES);
    entry.writeBigUInt64BE(BigInt(offset));
    writeSync(this.indexFd, entry, 0, INDEX_ENTRY_BYTES, this.offsets.length * INDEX_ENTRY_BYTES);
    this.offsets.push(offset);
  }

  /** The payload of record `num`, read synchronously; undefined beyond the end. */
  read(num: number): Uint8Array | undefined {
    const offset = this.offsets[num];
    if (offset === undefined) return undefined;
    return readRecord(this.fd, offset, this.end)?.payload;
  }

  /** Closes the files. */
  close(): Promise<void> {
    closeSync(this.fd);
    closeSync(this.indexFd);
    return Promise.resolve();
  }
}

function readRecord(
  fd: number,
  offset: number,
  fileSize: number,
): { payload: Buffer; next: number } | undefined {
  if (offset + HEADER_BYTES > fileSize) return undefined;
  const header = Buffer.alloc(HEADER_BYTES);
  readSync(fd, header, 0, HEADER_BYTES, offset);
  const length = header.readUInt32BE(0);
  const next = offset + HEADER_BYTES + length;
  if (next > fileSize) return undefined;
  const payload = Buffer.alloc(length);
  readSync(fd, payload, 0, length, offset + HEADER_BYTES);
  if (!checksum(payload).equals(header.subarray(4))) return undefined;
  return { payload, next };
}

function readIndex(indexPath: string): number[] {
  if (!existsSync(indexPath)) return [];
  const fd = openSync(indexPath, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.alloc(size - (size % INDEX_ENTRY_BYTES));
    readSync(fd, bytes, 0, bytes.length, 0);
    const offsets: number[] = [];
    for (let at = 0; at < bytes.length; at += INDEX_ENTRY_BYTES)
      offsets.push(Number(bytes.readBigUInt64BE(at)));
    return offsets;
  } finally {
    closeSync(fd);
  }
}

function writeIndex(indexPath: string, offsets: number[]): void {
  const bytes = Buffer.alloc(offsets.length * INDEX_ENTRY_BYTES);
  offsets.forEach((offset, i) => bytes.writeBigUInt64BE(BigInt(offset), i * INDEX_ENTRY_BYTES));
  writeFileSync(indexPath, bytes);
}

/**
 * Trusts the index up to its last entry that still points at a whole, checksummed record, then
 * scans forward for records the index missed and truncates whatever follows the last good one.
 */
function recover(fd: number, indexed: number[]): { offsets: number[]; end: number; indexStale: boolean } {
  const size = fstatSync(fd).size;
  const offsets = [...indexed];
  let end = 0;
  while (offsets.length > 0) {
    const last = offsets[offsets.length - 1] ?? 0;
    const record = readRecord(fd, last, size);
    if (record) {
      end = record.next;
      break;
    }
    offsets.pop();
  }
  if (offsets.length > 0 && offsets[0] !== 0)
    throw new LedgerError('CORRUPT_STORE', 'block index does not start at 0');
  for (let record = readRecord(fd, end, size); record; record = readRecord(fd, end, size)) {
    offsets.push(end);
    end = record.next;
  }
  if (end < size) ftruncateSync(fd, end);
  return {
    offsets,
    end,
    indexStale: offsets.length !== indexed.length || offsets.some((o, i) => o !== indexed[i]),
  };
}
