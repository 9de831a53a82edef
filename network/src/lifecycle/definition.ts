import { peer } from '@hyperledger/fabric-protos';
import { channelPolicyReference } from '../policy';
import {
  DEFAULT_ENDORSEMENT_POLICY_REF,
  DEFINITION_DATATYPE,
  DEFINITION_FIELDS,
  fieldKey,
  metadataKey,
  type DefinitionField,
} from './keys';

const lb = peer.lifecycle;

/** A committed chaincode definition, as `_lifecycle` records it. */
export interface ChaincodeDefinition {
  name: string;
  sequence: number;
  version: string;
  endorsementPlugin: string;
  validationPlugin: string;
  /** peer.ApplicationPolicy bytes: the chaincode endorsement policy. */
  endorsementPolicy: Uint8Array;
  initRequired: boolean;
  /** peer.CollectionConfigPackage bytes (empty: no collections). */
  collections: Uint8Array;
}

/** Fills what Fabric fills when a definition leaves it out: plugins and the channel policy reference. */
export function withDefaults(def: ChaincodeDefinition): ChaincodeDefinition {
  return {
    ...def,
    endorsementPlugin: def.endorsementPlugin || 'escc',
    validationPlugin: def.validationPlugin || 'vscc',
    endorsementPolicy:
      def.endorsementPolicy.length > 0
        ? def.endorsementPolicy
        : channelPolicyReference(DEFAULT_ENDORSEMENT_POLICY_REF),
  };
}

function int64Field(value: number): Uint8Array {
  const data = new lb.StateData();
  data.setInt64(value);
  return data.serializeBinary();
}

function bytesField(value: Uint8Array): Uint8Array {
  const data = new lb.StateData();
  data.setBytes(value);
  return data.serializeBinary();
}

/** The StateData bytes of every field of a definition, keyed by field name. */
export function encodeFields(def: ChaincodeDefinition): Record<DefinitionField, Uint8Array> {
  const endorsement = new lb.ChaincodeEndorsementInfo();
  endorsement.setVersion(def.version);
  endorsement.setInitRequired(def.initRequired);
  endorsement.setEndorsementPlugin(def.endorsementPlugin);
  const validation = new lb.ChaincodeValidationInfo();
  validation.setValidationPlugin(def.validationPlugin);
  validation.setValidationParameter(def.endorsementPolicy);
  return {
    Sequence: int64Field(def.sequence),
    EndorsementInfo: bytesField(endorsement.serializeBinary()),
    ValidationInfo: bytesField(validation.serializeBinary()),
    Collections: bytesField(def.collections),
  };
}

/** The StateMetadata bytes naming the definition's datatype and fields. */
export function encodeMetadata(): Uint8Array {
  const metadata = new lb.StateMetadata();
  metadata.setDatatype(DEFINITION_DATATYPE);
  metadata.setFieldsList([...DEFINITION_FIELDS]);
  return metadata.serializeBinary();
}

/** Reads a definition through `get` (committed state or a simulator); undefined when not a defined chaincode. */
export function readDefinition(
  name: string,
  get: (key: string) => Uint8Array | undefined,
): ChaincodeDefinition | undefined {
  const metadataBytes = get(metadataKey(name));
  if (!metadataBytes || metadataBytes.length === 0) return undefined;
  if (lb.StateMetadata.deserializeBinary(metadataBytes).getDatatype() !== DEFINITION_DATATYPE)
    return undefined;
  const field = (f: DefinitionField): InstanceType<typeof lb.StateData> =>
    lb.StateData.deserializeBinary(get(fieldKey(name, f)) ?? new Uint8Array());
  const endorsement = lb.ChaincodeEndorsementInfo.deserializeBinary(field('EndorsementInfo').getBytes_asU8());
  const validation = lb.ChaincodeValidationInfo.deserializeBinary(field('ValidationInfo').getBytes_asU8());
  return {
    name,
    sequence: field('Sequence').getInt64(),
    version: endorsement.getVersion(),
    endorsementPlugin: endorsement.getEndorsementPlugin(),
    initRequired: endorsement.getInitRequired(),
    validationPlugin: validation.getValidationPlugin(),
    endorsementPolicy: validation.getValidationParameter_asU8(),
    collections: field('Collections').getBytes_asU8(),
  };
}

/** The committed sequence of a chaincode (0 when never defined), read through `get`. */
export function readSequence(name: string, get: (key: string) => Uint8Array | undefined): number {
  const bytes = get(fieldKey(name, 'Sequence'));
  return bytes && bytes.length > 0 ? lb.StateData.deserializeBinary(bytes).getInt64() : 0;
}
