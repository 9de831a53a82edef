import { type KeyObject, sign, verify } from 'node:crypto';

// Order of the P-256 group, and half of it: Fabric accepts only signatures with S <= n/2.
const P256_N = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const P256_HALF_N = P256_N >> 1n;

interface DerSignature {
  r: Uint8Array;
  s: bigint;
}

function readInteger(der: Uint8Array, at: number): { value: Uint8Array; next: number } | undefined {
  if (der[at] !== 0x02) return undefined;
  const length = der[at + 1];
  if (length === undefined || length === 0 || length > 33) return undefined;
  const end = at + 2 + length;
  if (end > der.length) return undefined;
  return { value: der.subarray(at + 2, end), next: end };
}

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** Reads an ECDSA DER signature SEQUENCE { INTEGER r, INTEGER s } (short-form lengths, as P-256 needs). */
function parseDerSignature(der: Uint8Array): DerSignature | undefined {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const r = readInteger(der, 2);
  const s = r && readInteger(der, r.next);
  if (!r || !s || s.next !== der.length) return undefined;
  return { r: r.value, s: toBigInt(s.value) };
}

function encodeInteger(value: Uint8Array | bigint): Buffer {
  let bytes =
    typeof value === 'bigint' ? Buffer.from(value.toString(16).padStart(64, '0'), 'hex') : Buffer.from(value);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && (bytes[start + 1] ?? 0) < 0x80) start++;
  bytes = bytes.subarray(start);
  if ((bytes[0] ?? 0) >= 0x80) bytes = Buffer.concat([Buffer.of(0), bytes]);
  return Buffer.concat([Buffer.of(0x02, bytes.length), bytes]);
}

/** True when `der` is a well-formed ECDSA signature whose S is in the lower half of the P-256 order. */
export function isLowS(der: Uint8Array): boolean {
  const parsed = parseDerSignature(der);
  return parsed !== undefined && parsed.s > 0n && parsed.s <= P256_HALF_N;
}

/** Rewrites a high-S signature as the equivalent (r, n - s), the form Fabric requires. */
export function toLowS(der: Uint8Array): Uint8Array {
  const parsed = parseDerSignature(der);
  if (!parsed) throw new Error('not a DER ECDSA signature');
  if (parsed.s <= P256_HALF_N) return der;
  const body = Buffer.concat([encodeInteger(parsed.r), encodeInteger(P256_N - parsed.s)]);
  return Buffer.concat([Buffer.of(0x30, body.length), body]);
}

/** ECDSA-SHA256 verification that, like Fabric's BCCSP, refuses high-S signatures. */
export function verifyEcdsa(publicKey: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  if (!isLowS(signature)) return false;
  try {
    return verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}

/** {@link verifyEcdsa} in the libuv thread pool: the event loop only hands the check over. */
export function verifyEcdsaInBackground(
  publicKey: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (!isLowS(signature)) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, signature, (err, valid) => {
        resolve(!err && valid);
      });
    } catch {
      resolve(false);
    }
  });
}

/** ECDSA-SHA256 signature, DER, low-S normalised. */
export function signEcdsa(privateKey: KeyObject, data: Uint8Array): Uint8Array {
  return toLowS(sign('sha256', data, { key: privateKey, dsaEncoding: 'der' }));
}
