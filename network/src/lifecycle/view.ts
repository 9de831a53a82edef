import type { StateReader } from '../chaincode';
import type {
  ChaincodeDefinition as ChaincodeDefinitionSummary,
  ChaincodeDefinitionView,
} from '../committer';
import { readDefinition } from './definition';
import { LIFECYCLE_NAMESPACE } from './keys';

export type { ChaincodeDefinitionSummary, ChaincodeDefinitionView };

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
