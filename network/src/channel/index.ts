export type { ChannelConfig, ChannelOrg } from './types';
export { buildGenesisBlock, buildChannelConfig } from './genesis';
export { parseChannelConfig, parseDuration } from './parse';
export { configFromBlock } from './config-block';
export { defaultAcls } from './acls';
export { fabricMspConfig } from './msp-config';
export { ChannelError, type ChannelErrorCode } from './errors';
