/** Why crypto material could not be generated or loaded. */
export type CryptoErrorCode = 'CRYPTO_MISSING' | 'CRYPTO_INVALID';

/** Crypto material that is missing on disk or does not fit together (a key that does not match its certificate, ...). */
export class CryptoError extends Error {
  override readonly name = 'CryptoError';

  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message);
  }
}
