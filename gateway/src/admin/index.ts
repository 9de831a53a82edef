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
export { APPLICATION, applicationOrgs, cloneConfig, fabricMspOf, findConfigOrg, withOrgAdded, withOrgRemoved, withRevocationList, type ConfigOrg } from './config-edit';
export { mspConfigOf, orgGroupOf, parseOrgDefinition, readOrgDefinition, type OrgDefinition } from './org-definition';
export { anyRolePolicy, describePolicy, type PrincipalRole } from './policy-text';
