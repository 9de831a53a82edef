/**
 * The Fabric-free model shared by the chaincode and the gateway: asset types, their parsers,
 * error codes and the event schema. Nothing here may import fabric-contract-api or fabric-shim.
 */
export const MODEL_VERSION = 1;

export * from './errors';
export * from './validate';
export * from './events';
export * from './signature';
export * from './policy';
export * from './roles';
export * from './audit';
export * from './member';
export { canonicalJson, toLedgerBytes, fromLedgerBytes } from '../ledger/json';
export * from './accreditation';
export * from './proficiency';
export * from './product';
export * from './supply';
