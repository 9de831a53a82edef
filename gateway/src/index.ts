/**
 * The alliance member library: connect an identity to its peer, call the chaincode through typed
 * facades, verify transactions independently and follow domain events with durable checkpoints.
 */
export { AllianceGatewayError, ConfigurationError, type ConfigurationErrorCode } from './errors/gateway-error';
export { FABRIC_ATTRIBUTES_OID, ROLE_ATTRIBUTE, readCertificateAttributes } from './connect/cert-attributes';
export { connectAlliance, type AllianceConnectOptions, type AllianceConnection, type Closeable } from './connect/connection';
export { DEFAULT_TIMEOUTS, type CallTimeouts } from './connect/deadlines';
export { newPeerClient, type PeerEndpoint } from './connect/grpc-client';
export {
  findOrg,
  identityFromPem,
  loadIdentityFiles,
  loadProfileIdentity,
  parseIdentityName,
  type IdentityFiles,
  type LoadedIdentity,
} from './connect/identity';
export { DEFAULT_PROFILE_PATH, loadProfile, parseProfile, type IdentityProfile, type NetworkProfile, type OrgProfile, type PeerProfile } from './connect/profile';
export { isLowS, newNodeCryptoSigner, parseDerSignature, signLowS } from './connect/signer';
