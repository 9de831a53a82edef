import { peer } from '@hyperledger/fabric-protos';
import type { TxSimulator } from '../chaincode';
import {
  encodeFields,
  encodeMetadata,
  readSequence,
  withDefaults,
  type ChaincodeDefinition,
} from './definition';
import {
  DEFINITION_FIELDS,
  LIFECYCLE_NAMESPACE,
  SYSTEM_CHAINCODE_NAMES,
  fieldKey,
  metadataKey,
} from './keys';

const NAME_PATTERN = /^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$/;
const VERSION_PATTERN = /^[A-Za-z0-9_.+-]+$/;

/** A refused lifecycle request; the message is Fabric's. */
export class LifecycleError extends Error {
  override readonly name = 'LifecycleError';
}

function validate(name: string, version: string): void {
  let reason: string | undefined;
  if (!NAME_PATTERN.test(name)) {
    reason = `invalid chaincode name '${name}'. Names can only consist of alphanumerics, '_', and '-' and can only begin with alphanumerics`;
  } else if (SYSTEM_CHAINCODE_NAMES.has(name)) {
    reason = `chaincode name '${name}' is the name of a system chaincode`;
  } else if (!VERSION_PATTERN.test(version)) {
    reason = `invalid chaincode version '${version}'. Versions can only consist of alphanumerics, '_', '-', '+', and '.'`;
  }
  if (reason) throw new LifecycleError(`error validating chaincode definition: ${reason}`);
}

/** The definition a CommitChaincodeDefinitionArgs asks for. */
export function definitionFromArgs(args: peer.lifecycle.CommitChaincodeDefinitionArgs): ChaincodeDefinition {
  return {
    name: args.getName(),
    sequence: args.getSequence(),
    version: args.getVersion(),
    endorsementPlugin: args.getEndorsementPlugin(),
    validationPlugin: args.getValidationPlugin(),
    endorsementPolicy: args.getValidationParameter_asU8(),
    initRequired: args.getInitRequired(),
    collections: args.getCollections()?.serializeBinary() ?? new Uint8Array(),
  };
}

/**
 * Commits a definition through the simulator as Fabric's lifecycle does: the requested sequence
 * must be the committed one plus one; defaults are filled; each field key is written only when
 * its value changes, and the metadata key only when it is missing or different.
 */
export function commitDefinition(requested: ChaincodeDefinition, simulator: TxSimulator): void {
  validate(requested.name, requested.version);
  const get = (key: string): Uint8Array | undefined => simulator.getState(LIFECYCLE_NAMESPACE, key);
  const current = readSequence(requested.name, get);
  if (requested.sequence !== current + 1) {
    throw new LifecycleError(
      `requested sequence is ${requested.sequence}, but new definition must be sequence ${current + 1}`,
    );
  }
  const def = withDefaults(requested);
  const existingMetadata = get(metadataKey(def.name));
  const existing = new Map<string, Uint8Array>();
  if (existingMetadata) {
    for (const field of peer.lifecycle.StateMetadata.deserializeBinary(existingMetadata).getFieldsList()) {
      const key = `namespaces/fields/${def.name}/${field}`;
      existing.set(key, get(key) ?? new Uint8Array());
    }
  }
  const fields = encodeFields(def);
  for (const field of DEFINITION_FIELDS) {
    const key = fieldKey(def.name, field);
    const before = existing.get(key);
    if (!before || !Buffer.from(before).equals(fields[field]))
      simulator.putState(LIFECYCLE_NAMESPACE, key, fields[field]);
    existing.delete(key);
  }
  const metadata = encodeMetadata();
  if (!existingMetadata || !Buffer.from(existingMetadata).equals(metadata) || existing.size > 0) {
    simulator.putState(LIFECYCLE_NAMESPACE, metadataKey(def.name), metadata);
  }
  for (const stale of existing.keys()) simulator.delState(LIFECYCLE_NAMESPACE, stale);
}
