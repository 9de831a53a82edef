export type { CryptoMaterial, OrgCrypto, IdentityFiles, TlsFiles } from './types';
export { generateCryptoMaterial, loadCryptoMaterial, issueUserIdentity } from './generate';
export { CryptoError, type CryptoErrorCode } from './errors';
export { issueAuthority, issueLeaf, type Authority, type LeafRequest, type LeafKind } from './certificates';
export { generateKeyPair, keyPairFromPem, type KeyPair } from './keys';
