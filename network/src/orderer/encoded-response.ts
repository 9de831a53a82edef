/** Field 2 (`block`) of orderer.DeliverResponse, wire type 2 (length-delimited). */
const BLOCK_FIELD_TAG = 0x12;

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

/**
 * An `orderer.DeliverResponse` carrying a block, already in wire form: the stored block bytes
 * framed as the response's `block` field. The gRPC server serializes any message through
 * `serializeBinary`, so a stored block goes to every deliver stream without being decoded into
 * a Block and encoded again for each of them.
 */
export class EncodedBlockResponse {
  readonly #bytes: Uint8Array;

  constructor(blockBytes: Uint8Array) {
    const prefix = Uint8Array.from([BLOCK_FIELD_TAG, ...varint(blockBytes.length)]);
    this.#bytes = Buffer.concat([prefix, blockBytes]);
  }

  /** The DeliverResponse bytes. */
  serializeBinary(): Uint8Array {
    return this.#bytes;
  }
}
