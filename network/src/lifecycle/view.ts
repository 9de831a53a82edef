import type { StateReader } from '../chaincode';
import { readDefinition } from './definition';
import { LIFECYCLE_NAMESPACE } from './keys';

/** What the endorser and the committer need of a chaincode definition. */
export interface ChaincodeDefinitionSummary {
  version: string;
  sequence: number;
  /** peer.ApplicationPolicy bytes. */
  endorsementPolicy: Uint8Array;
}

/** Committed chaincode definitions by name. */
export interface ChaincodeDefinitionView {
  get(name: string): ChaincodeDefinitionSummary | undefined;
}

/** A view of the definitions committed in `_lifecycle` state; it always reads the current state. */
export function createChaincodeDefinitionView(state: StateReader): ChaincodeDefinitionView {
  return {
    get(name) {
      const def = readDefinition(name, (key) => state.get(LIFECYCLE_NAMESPACE, key)?.value);
      return (
        def && { version: def.version, sequence: def.sequence, endorsementPolicy: def.endorsementPolicy }
      );
    },
  };
}
