export type {
  NetworkDefinition,
  OrgDefinition,
  OrdererDefinition,
  UserDefinition,
  BatchDefinition,
  ChaincodeDefinition,
} from './types';
export { USER_ROLES } from './types';
export { defaultNetworkDefinition, BASE_DOMAIN } from './defaults';
export { loadNetworkDefinition } from './load';
export { parseNetworkDefinition } from './validate';
export { DefinitionError, isDefinitionError, type DefinitionErrorCode, type DefinitionIssue } from './errors';
