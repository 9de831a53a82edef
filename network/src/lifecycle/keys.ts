/** The namespace the lifecycle system chaincode keeps chaincode definitions in. */
export const LIFECYCLE_NAMESPACE = '_lifecycle';
/** The datatype name Fabric records for a committed chaincode definition. */
export const DEFINITION_DATATYPE = 'ChaincodeDefinition';
/**
 * The definition's fields in Fabric's struct order; the serializer writes one key per field and
 * lists them in the metadata key in this order.
 */
export const DEFINITION_FIELDS = ['Sequence', 'EndorsementInfo', 'ValidationInfo', 'Collections'] as const;
/** A definition field name. */
export type DefinitionField = (typeof DEFINITION_FIELDS)[number];

/** `namespaces/metadata/<name>`: the StateMetadata of a defined namespace. */
export function metadataKey(name: string): string {
  return `namespaces/metadata/${name}`;
}

/** `namespaces/fields/<name>/<field>`: one StateData field of a definition. */
export function fieldKey(name: string, field: DefinitionField): string {
  return `namespaces/fields/${name}/${field}`;
}

/** The chaincode policy a definition gets when none is given: the channel's Endorsement policy. */
export const DEFAULT_ENDORSEMENT_POLICY_REF = '/Channel/Application/Endorsement';
/** Names a user chaincode may not take. */
export const SYSTEM_CHAINCODE_NAMES: ReadonlySet<string> = new Set([
  'cscc',
  'escc',
  'lscc',
  'qscc',
  'vscc',
  '_lifecycle',
]);
