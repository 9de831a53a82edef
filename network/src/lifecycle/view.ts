import type { StateReader } from '../chaincode';
import type {
  ChaincodeDefinition as ChaincodeDefinitionSummary,
  ChaincodeDefinitionView,
} from '../committer';
import { readDefinition } from './definition';
import { DEFINITION_FIELDS, LIFECYCLE_NAMESPACE, fieldKey, metadataKey } from './keys';

export type { ChaincodeDefinitionSummary, ChaincodeDefinitionView };

interface CachedDefinition {
  /** The committed values the summary was decoded from, compared by identity. */
  readonly sources: readonly unknown[];
  readonly summary: ChaincodeDefinitionSummary | undefined;
}

/**
 * A view of the definitions committed in `_lifecycle` state; it always reads the current state.
 * Every proposal and every validated transaction asks for its chaincode's definition (five
 * protobuf decodes), so the decoded summary is kept until one of its committed values changes:
 * a commit replaces the value objects it writes, so an identity check finds any new definition.
 */
export function createChaincodeDefinitionView(state: StateReader): ChaincodeDefinitionView {
  const cache = new Map<string, CachedDefinition>();
  const sourcesOf = (name: string): unknown[] => [
    state.get(LIFECYCLE_NAMESPACE, metadataKey(name)),
    ...DEFINITION_FIELDS.map((field) => state.get(LIFECYCLE_NAMESPACE, fieldKey(name, field))),
  ];
  return {
    get(name) {
      const sources = sourcesOf(name);
      const cached = cache.get(name);
      if (cached?.sources.every((source, i) => source === sources[i])) return cached.summary;
      const def = readDefinition(name, (key) => state.get(LIFECYCLE_NAMESPACE, key)?.value);
      const summary = def && {
        version: def.version,
        sequence: def.sequence,
        endorsementPolicy: def.endorsementPolicy,
      };
      // Only defined chaincodes are kept, so proposals naming arbitrary chaincodes cannot grow the cache.
      if (summary) cache.set(name, { sources, summary });
      else cache.delete(name);
      return summary;
    },
  };
}
