export type { CryptoMaterial, OrgCrypto, IdentityFiles, TlsFiles } from './types';
export { generateCryptoMaterial, loadCryptoMaterial, issueUserIdentity } from './generate';
export { CryptoError, type CryptoErrorCode } from './errors';
