import { peer } from '@hyperledger/fabric-protos';
import type { StateView } from './world-state';

/** The namespace where the lifecycle keeps chaincode definitions. */
export const LIFECYCLE_NAMESPACE = '_lifecycle';

/** A chaincode definition as the replayed `_lifecycle` writes define it. */
export interface ReplayedDefinition {
  readonly name: string;
  readonly sequence: number;
  readonly version: string;
  /** The chaincode endorsement policy. */
  readonly policy: peer.ApplicationPolicy;
  /** The explicit private data collections the definition declares. */
  readonly collections: peer.CollectionConfigPackage;
}

const lb = peer.lifecycle;

/**
 * Reads a chaincode's definition from replayed `_lifecycle` state: the metadata key
 * `namespaces/metadata/<name>` names the datatype, and the fields live under
 * `namespaces/fields/<name>/<field>` as `StateData`.
 * @returns undefined when the chaincode is not defined in that state
 */
export function replayedDefinition(state: StateView, name: string): ReplayedDefinition | undefined {
  const meta = state.get(LIFECYCLE_NAMESPACE, `namespaces/metadata/${name}`);
  if (!meta) return undefined;
  try {
    if (lb.StateMetadata.deserializeBinary(meta.value).getDatatype() !== 'ChaincodeDefinition')
      return undefined;
    const field = (f: string): InstanceType<typeof lb.StateData> =>
      lb.StateData.deserializeBinary(
        state.get(LIFECYCLE_NAMESPACE, `namespaces/fields/${name}/${f}`)?.value ?? new Uint8Array(),
      );
    const validation = lb.ChaincodeValidationInfo.deserializeBinary(field('ValidationInfo').getBytes_asU8());
    const endorsement = lb.ChaincodeEndorsementInfo.deserializeBinary(
      field('EndorsementInfo').getBytes_asU8(),
    );
    return {
      name,
      sequence: field('Sequence').getInt64(),
      version: endorsement.getVersion(),
      policy: peer.ApplicationPolicy.deserializeBinary(validation.getValidationParameter_asU8()),
      collections: peer.CollectionConfigPackage.deserializeBinary(field('Collections').getBytes_asU8()),
    };
  } catch {
    return undefined;
  }
}
