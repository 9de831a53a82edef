import { verify, type X509Certificate } from 'node:crypto';
import { isLowS } from '../connect/signer';

/**
 * Verifies an ECDSA/SHA-256 DER signature as a Fabric peer does, including its refusal of high-S
 * signatures (so a signature that is merely mathematically valid is not enough).
 * @returns undefined when valid, else why not
 */
export function signatureProblem(
  cert: X509Certificate,
  message: Uint8Array,
  signature: Uint8Array,
): string | undefined {
  let ok: boolean;
  try {
    ok = verify('sha256', message, { key: cert.publicKey, dsaEncoding: 'der' }, signature);
  } catch {
    return 'signature is not a DER ECDSA signature';
  }
  if (!ok) return 'signature does not verify';
  try {
    if (!isLowS(signature)) return 'signature has a high S value (Fabric refuses those)';
  } catch {
    return 'signature is not a DER ECDSA signature';
  }
  return undefined;
}
