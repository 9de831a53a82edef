import { type KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';

/** An ECDSA P-256 key pair. */
export interface KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** PKCS#8 PEM, as cryptogen writes `keystore/priv_sk`. */
  readonly pem: string;
}

function keyPair(privateKey: KeyObject, publicKey: KeyObject): KeyPair {
  return { privateKey, publicKey, pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** A new P-256 key pair (node:crypto: ~0.2 ms, several times faster than WebCrypto plus an import). */
export function generateKeyPair(): Promise<KeyPair> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return Promise.resolve(keyPair(privateKey, publicKey));
}

/** A key pair from a PKCS#8 (or SEC1) PEM private key. */
export function keyPairFromPem(pem: string): KeyPair {
  const privateKey = createPrivateKey(pem);
  return keyPair(privateKey, createPublicKey(privateKey));
}
