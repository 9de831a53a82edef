/**
 * Channel administration: fetch the channel config, build a modified config (add or remove an org,
 * revoke identities), compute the ConfigUpdate, collect admins' signatures offline, check them
 * against the modification policies, and submit the update to the orderer.
 */
/** The protobuf classes this module takes and returns (exchange messages with other copies as bytes). */
export { common, msp } from '@hyperledger/fabric-protos';
export { AdminError, isAdminError, type AdminErrorCode } from './errors';
export { computeConfigUpdate } from './compute-update';
export { configFromBlockBytes, decodeConfig, type BlockConfig } from './config-codec';
export {
  APPLICATION,
  applicationOrgs,
  cloneConfig,
  fabricMspOf,
  findConfigOrg,
  withOrgAdded,
  withOrgRemoved,
  withRevocationList,
  type ConfigOrg,
} from './config-edit';
export {
  mspConfigOf,
  orgEntryOf,
  orgGroupOf,
  parseOrgDefinition,
  type OrgDefinition,
} from './org-definition';
export { readOrgFile, type OrgEntry } from './org-file';
export { anyRolePolicy, describePolicy, type PrincipalRole } from './policy-text';
export { applyConfigUpdate } from './apply-update';
export {
  checkUpdateAuthorization,
  type RequiredPolicy,
  type SignatureCheck,
  type UpdateAuthorization,
} from './authorize-update';
export { broadcast, configUpdateTransaction, ordererEndpoint, type BroadcastResult } from './broadcast';
export { configFacts, diffConfigs, formatDiff, type ConfigChange } from './config-diff';
export { configView } from './config-view';
export { fetchChannelConfig } from './fetch-config';
export {
  buildRevocationList,
  issuedBy,
  normalizeSerial,
  readRevocationList,
  subjectKeyIdOf,
  type RevocationListInfo,
  type RevokedEntry,
  type SigningAuthority,
} from './revocation';
export { submitConfigUpdate, type AppliedUpdate, type SubmitUpdateOptions } from './submit-update';
export { elementKey, flattenGroup, modPolicyPath, type ConfigElement } from './update-elements';
export {
  decodeUpdateFile,
  newUpdateEnvelope,
  readUpdateFile,
  serializedIdentity,
  signUpdate,
  signerOf,
  writeBytesAtomic,
  writeUpdateFile,
  type UpdateFile,
} from './update-file';
export { findOrgCa, type OrgCa } from './ca-store';
export { issueIdentity, USER_ROLES, type IssuedIdentity } from './issue-identity';
export { addProfileIdentity } from './profile-identity';
export { withCertificateRevoked, type Revocation } from './revoke-certificate';
