export type { Identity, ChannelMsps, NodeOuRole, Signer } from './types';
export { createChannelMsps, type ChannelMspsOptions } from './channel-msps';
export { createSigner, serializeIdentity } from './signer';
export { IdentityError, isIdentityError, type IdentityErrorCode } from './errors';
export { FABRIC_ATTRIBUTES_OID, parseCertificate, type ParsedCertificate } from './certificate';
export { isLowS, toLowS, verifyEcdsa } from './ecdsa';
