import { KeyObject, createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';

/** An ECDSA P-256 key pair in the forms both node:crypto and WebCrypto (for @peculiar/x509) need. */
export interface KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** PKCS#8 PEM, as cryptogen writes `keystore/priv_sk`. */
  readonly pem: string;
  /** The same keys as WebCrypto keys, for signing certificates with @peculiar/x509. */
  cryptoKeys(): Promise<webcrypto.CryptoKeyPair>;
}

const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

function keyPair(
  privateKey: KeyObject,
  publicKey: KeyObject,
  cryptoKeys: () => Promise<webcrypto.CryptoKeyPair>,
): KeyPair {
  let imported: Promise<webcrypto.CryptoKeyPair> | undefined;
  return {
    privateKey,
    publicKey,
    pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    // Importing a PKCS#8 key into WebCrypto costs ~2 ms with OpenSSL 3: do it once per key, and only when needed.
    cryptoKeys: () => (imported ??= cryptoKeys()),
  };
}

/**
 * A new P-256 key pair. WebCrypto generates it, so @peculiar/x509 can sign with it without an
 * import, and node:crypto gets the same key for free through KeyObject.from.
 */
export async function generateKeyPair(): Promise<KeyPair> {
  const keys = await webcrypto.subtle.generateKey(EC_P256, true, ['sign', 'verify']);
  return keyPair(KeyObject.from(keys.privateKey), KeyObject.from(keys.publicKey), () =>
    Promise.resolve(keys),
  );
}

/** A key pair from a PKCS#8 (or SEC1) PEM private key. */
export function keyPairFromPem(pem: string): KeyPair {
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  return keyPair(privateKey, publicKey, async () => ({
    privateKey: await webcrypto.subtle.importKey(
      'pkcs8',
      privateKey.export({ type: 'pkcs8', format: 'der' }),
      EC_P256,
      false,
      ['sign'],
    ),
    publicKey: await webcrypto.subtle.importKey(
      'spki',
      publicKey.export({ type: 'spki', format: 'der' }),
      EC_P256,
      true,
      ['verify'],
    ),
  }));
}
