import { createHash } from 'node:crypto';
import type { common } from '@hyperledger/fabric-protos';

/**
 * DER of `SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }`:
 * the bytes a block's hash is taken over (Fabric hashes this ASN.1 form, not the protobuf).
 */
export function blockHeaderDer(number: bigint, previousHash: Uint8Array, dataHash: Uint8Array): Uint8Array {
  const body = Buffer.concat([tlv(0x02, integerBytes(number)), tlv(0x04, previousHash), tlv(0x04, dataHash)]);
  return tlv(0x30, body);
}

/** SHA-256 of the header's DER: what the next block names as its previous hash. */
export function blockHeaderHash(header: common.BlockHeader): Uint8Array {
  const der = blockHeaderDer(
    BigInt(header.getNumber()),
    header.getPreviousHash_asU8(),
    header.getDataHash_asU8(),
  );
  return sha256(der);
}

/** SHA-256 over the concatenated envelopes of a block: what the header must name as data hash. */
export function blockDataHash(data: common.BlockData | undefined): Uint8Array {
  const h = createHash('sha256');
  for (const d of data?.getDataList_asU8() ?? []) h.update(d);
  return h.digest();
}

/** SHA-256 of bytes. */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** Minimal two's-complement big-endian encoding of a non-negative integer. */
function integerBytes(v: bigint): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const b = Buffer.from(hex, 'hex');
  return (b[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b;
}

/** Tag, DER length (short or long form), value. */
function tlv(tag: number, value: Uint8Array): Buffer {
  const len = value.length;
  let lenBytes: Buffer;
  if (len < 0x80) lenBytes = Buffer.from([len]);
  else {
    let hex = len.toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    const l = Buffer.from(hex, 'hex');
    lenBytes = Buffer.concat([Buffer.from([0x80 | l.length]), l]);
  }
  return Buffer.concat([Buffer.from([tag]), lenBytes, value]);
}
