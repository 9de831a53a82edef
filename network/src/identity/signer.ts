import { createPrivateKey } from 'node:crypto';
import { msp } from '@hyperledger/fabric-protos';
import { signEcdsa } from './ecdsa';
import type { Signer } from './types';

/** msp.SerializedIdentity bytes for a certificate, as creators and endorsers carry it. */
export function serializeIdentity(mspId: string, certPem: string): Uint8Array {
  const identity = new msp.SerializedIdentity();
  identity.setMspid(mspId);
  identity.setIdBytes(Buffer.from(certPem, 'utf8'));
  return identity.serializeBinary();
}

/** A signer for an identity from its PEM certificate and PKCS#8 PEM key (node:crypto, low-S like Fabric). */
export function createSigner(mspId: string, certPem: string, keyPem: string): Signer {
  const key = createPrivateKey(keyPem);
  const serialized = serializeIdentity(mspId, certPem);
  return {
    mspId,
    serialized,
    sign: (data: Uint8Array) => signEcdsa(key, data),
  };
}
