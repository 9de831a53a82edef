import { createTxSimulator } from '@alliance/network/chaincode';
import { commitDefinition, type ChaincodeDefinition } from '@alliance/network/lifecycle';
import type { MemoryState } from './memory-state';

/** A chaincode definition with Fabric's blanks (plugins, policy) left for the defaults. */
export function testDefinition(
  over: Partial<ChaincodeDefinition> & { name?: string } = {},
): ChaincodeDefinition {
  return {
    name: 'provenance',
    sequence: 1,
    version: '1.0',
    endorsementPlugin: '',
    validationPlugin: '',
    endorsementPolicy: new Uint8Array(),
    initRequired: false,
    collections: new Uint8Array(),
    ...over,
  };
}

/**
 * Commits a chaincode definition into `_lifecycle` state the way a valid commit transaction
 * would, and returns the rwset the commit produced.
 */
export function defineChaincode(state: MemoryState, def: Partial<ChaincodeDefinition>): Uint8Array {
  const full = testDefinition(def);
  const simulator = createTxSimulator(state, state.history, `define-${full.name}`);
  commitDefinition(full, simulator);
  const { writes, rwset } = simulator.results();
  state.commit([
    {
      txId: `define-${full.name}-${full.sequence}`,
      writes: writes.map((w) => ({ ns: w.ns, key: w.key, ...(w.value ? { bytes: w.value } : {}) })),
    },
  ]);
  return rwset;
}
