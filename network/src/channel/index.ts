export type { ChannelConfig, ChannelOrg } from './types';
export { buildGenesisBlock, buildChannelConfig } from './genesis';
export { parseChannelConfig, parseDuration } from './parse';
export { configFromBlock } from './config-block';
export { DEFAULT_ACLS, defaultAcls } from './acls';
export { fabricMspConfig } from './msp-config';
export { ChannelError, type ChannelErrorCode } from './errors';
export {
  authorizeConfigUpdate,
  proposeConfigUpdate,
  validateConfigEnvelope,
  configUpdateOf,
  configUpdateSignedData,
  modPolicyPath,
  type ConfigUpdateScope,
} from './config-update';
export {
  mapConfig,
  configFromMap,
  sameConfigGroup,
  itemKey,
  type ConfigItem,
  type ConfigItemKind,
} from './config-map';
export {
  ConfigUpdateError,
  isConfigUpdateError,
  wrapped as wrapChannelError,
  type ConfigUpdateErrorCode,
} from './config-update-error';
export { applicationOrgGroup } from './groups';
export { anchorPeersOf, type AnchorPeer } from './anchor-peers';
