import {
  createTxSimulator,
  type HistoryEntry,
  type SimulationResults,
  type StateReader,
} from '@alliance/network/chaincode';
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

/** Simulates committing a definition over any committed state; the writes and rwset it produced. */
export function simulateDefinition(
  state: StateReader,
  history: (ns: string, key: string) => HistoryEntry[],
  def: Partial<ChaincodeDefinition>,
): SimulationResults {
  const full = testDefinition(def);
  const simulator = createTxSimulator(state, history, `define-${full.name}`);
  commitDefinition(full, simulator);
  return simulator.results();
}

/**
 * Commits a chaincode definition into `_lifecycle` state the way a valid commit transaction
 * would, and returns the rwset the commit produced.
 */
export function defineChaincode(state: MemoryState, def: Partial<ChaincodeDefinition>): Uint8Array {
  const full = testDefinition(def);
  const { writes, rwset } = simulateDefinition(state, state.history, full);
  state.commit([
    {
      txId: `define-${full.name}-${full.sequence}`,
      writes: writes.map((w) => ({ ns: w.ns, key: w.key, ...(w.value ? { bytes: w.value } : {}) })),
    },
  ]);
  return rwset;
}
