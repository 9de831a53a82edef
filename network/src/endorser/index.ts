export { createEndorser } from './endorser';
export type { Endorser, EndorserDeps } from './types';
export { EndorserError, type EndorserErrorCode } from './errors';
export { SYSTEM_CHAINCODES, SYSTEM_CHAINCODE_VERSION } from './chaincode-info';
