export {
  LIFECYCLE_NAMESPACE,
  DEFAULT_ENDORSEMENT_POLICY_REF,
  DEFINITION_FIELDS,
  metadataKey,
  fieldKey,
  type DefinitionField,
} from './keys';
export {
  readDefinition,
  readSequence,
  withDefaults,
  encodeFields,
  encodeMetadata,
  type ChaincodeDefinition,
} from './definition';
export { commitDefinition, definitionFromArgs, LifecycleError } from './commit';
export {
  createChaincodeDefinitionView,
  type ChaincodeDefinitionView,
  type ChaincodeDefinitionSummary,
} from './view';
export { lifecycleChaincode } from './scc';
