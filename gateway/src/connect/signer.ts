import { sign, type KeyObject } from 'node:crypto';
import type { Signer } from '@hyperledger/fabric-gateway';

/** Order of the P-256 group; Fabric accepts only signatures with s <= n/2 ("low-S"). */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const HALF_ORDER = P256_ORDER >> 1n;

/**
 * A signer backed by OpenSSL (node:crypto), about ten times faster than the pure-JS stock signer.
 * It receives the whole message (connect with `hash.none`) and hashes it with SHA-256 itself,
 * then normalises S because OpenSSL returns a high S about half the time and Fabric refuses those.
 * @param privateKey - an EC P-256 private key, kept as a parsed KeyObject (never re-parsed per call)
 */
export function newNodeCryptoSigner(privateKey: KeyObject): Signer {
  return (message: Uint8Array): Promise<Uint8Array> => Promise.resolve(signLowS(privateKey, message));
}

/**
 * Signs `message` with ECDSA P-256 / SHA-256 and returns a DER signature with a low S.
 * @param privateKey - the signing key
 * @param message - the bytes to sign (hashed here)
 */
export function signLowS(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  const raw = sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const r = toBigInt(raw.subarray(0, 32));
  let s = toBigInt(raw.subarray(32, 64));
  if (s > HALF_ORDER) s = P256_ORDER - s;
  return derSignature(r, s);
}

/** True when the DER signature's S is in the lower half of the group order, as Fabric requires. */
export function isLowS(derSig: Uint8Array): boolean {
  const { s } = parseDerSignature(derSig);
  return s <= HALF_ORDER;
}

/**
 * Splits a DER `SEQUENCE { INTEGER r, INTEGER s }`.
 * @throws Error when the bytes are not that structure
 */
export function parseDerSignature(der: Uint8Array): { r: bigint; s: bigint } {
  const bad = (): never => {
    throw new Error('malformed DER ECDSA signature');
  };
  if (der[0] !== 0x30 || der.length < 8) bad();
  let pos = der[1] === 0x81 ? 3 : 2;
  const readInt = (): bigint => {
    if (der[pos] !== 0x02) bad();
    const len = der[pos + 1] ?? bad();
    const start = pos + 2;
    if (start + len > der.length) bad();
    pos = start + len;
    return toBigInt(der.subarray(start, start + len));
  };
  const r = readInt();
  const s = readInt();
  if (pos !== der.length) bad();
  return { r, s };
}

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** Minimal two's-complement big-endian bytes of a non-negative integer, as DER INTEGER wants. */
function intBytes(v: bigint): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const b = Buffer.from(hex, 'hex');
  return (b[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b;
}

function derSignature(r: bigint, s: bigint): Uint8Array {
  const rb = intBytes(r);
  const sb = intBytes(s);
  const body = Buffer.concat([Buffer.from([0x02, rb.length]), rb, Buffer.from([0x02, sb.length]), sb]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}
