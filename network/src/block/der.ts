/**
 * The few DER encodings Fabric uses for block headers (protoutil `BlockHeaderBytes`):
 * `SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }`.
 * Written by hand because it is three fields; numbers are non-negative and may exceed 2^53.
 */

const TAG_INTEGER = 0x02;
const TAG_OCTET_STRING = 0x04;
const TAG_SEQUENCE = 0x30;

/** DER length octets: short form below 128, long form (0x80 | count, big-endian bytes) above. */
function lengthOctets(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Uint8Array): Uint8Array {
  return Buffer.concat([Uint8Array.of(tag), lengthOctets(content.length), content]);
}

/** Minimal two's-complement content octets of a non-negative integer (a 0x00 lead when the top bit is set). */
function integerContent(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError(`block number must not be negative: ${value}`);
  const bytes: number[] = [];
  for (let rest = value; rest > 0n; rest >>= 8n) bytes.unshift(Number(rest & 0xffn));
  const first = bytes[0];
  if (first === undefined || first >= 0x80) bytes.unshift(0);
  return Uint8Array.from(bytes);
}

/**
 * The DER bytes of a block header, exactly as Fabric's `protoutil.BlockHeaderBytes` writes them.
 * @param number block number (a bigint for numbers beyond 2^53)
 * @param previousHash header hash of the previous block (empty for block 0)
 * @param dataHash SHA-256 over the block's envelopes
 */
export function blockHeaderDer(
  number: number | bigint,
  previousHash: Uint8Array,
  dataHash: Uint8Array,
): Uint8Array {
  const content = Buffer.concat([
    tlv(TAG_INTEGER, integerContent(BigInt(number))),
    tlv(TAG_OCTET_STRING, previousHash),
    tlv(TAG_OCTET_STRING, dataHash),
  ]);
  return tlv(TAG_SEQUENCE, content);
}
