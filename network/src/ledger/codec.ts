/** Small length-prefixed binary records for the LevelDB keys and values of the ledger. */

/** Builds a record field by field. */
export class ByteWriter {
  private readonly parts: Uint8Array[] = [];

  /** Appends an unsigned 32-bit integer. */
  u32(value: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(value);
    this.parts.push(b);
    return this;
  }

  /** Appends a non-negative integer up to 2^53 (block numbers, seconds). */
  u64(value: number): this {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(value));
    this.parts.push(b);
    return this;
  }

  /** Appends a length-prefixed byte string. */
  bytes(value: Uint8Array): this {
    this.u32(value.length);
    this.parts.push(value);
    return this;
  }

  /** Appends a length-prefixed UTF-8 string. */
  text(value: string): this {
    return this.bytes(Buffer.from(value, 'utf8'));
  }

  /** The record. */
  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** Reads a record written by ByteWriter, field by field. */
export class ByteReader {
  private offset = 0;

  /** @param buffer the record to read */
  constructor(private readonly buffer: Buffer) {}

  /** Reads an unsigned 32-bit integer. */
  u32(): number {
    const value = this.buffer.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  /** Reads an integer written by `u64`. */
  u64(): number {
    const value = Number(this.buffer.readBigUInt64BE(this.offset));
    this.offset += 8;
    return value;
  }

  /** Reads a length-prefixed byte string (a copy). */
  bytes(): Uint8Array {
    const length = this.u32();
    if (this.offset + length > this.buffer.length) throw new RangeError('record truncated');
    const value = new Uint8Array(this.buffer.subarray(this.offset, this.offset + length));
    this.offset += length;
    return value;
  }

  /** Reads a length-prefixed UTF-8 string. */
  text(): string {
    return Buffer.from(this.bytes()).toString('utf8');
  }
}
