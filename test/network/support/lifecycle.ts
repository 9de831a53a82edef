import { createTxSimulator } from '@alliance/network/chaincode';
import { commitDefinition, type ChaincodeDefinition } from '@alliance/network/lifecycle';
import type { MemoryState } from './memory-state';

/** Commits a chaincode definition into `_lifecycle` state the way a valid commit transaction would. */
export function defineChaincode(
  state: MemoryState,
  def: Partial<ChaincodeDefinition> & { name: string },
): void {
  const simulator = createTxSimulator(state, state.history, `define-${def.name}`);
  commitDefinition(
    {
      sequence: 1,
      version: '1.0',
      endorsementPlugin: '',
      validationPlugin: '',
      endorsementPolicy: new Uint8Array(),
      initRequired: false,
      collections: new Uint8Array(),
      ...def,
    },
    simulator,
  );
  const { writes } = simulator.results();
  state.commit([
    {
      txId: `define-${def.name}-${def.sequence ?? 1}`,
      writes: writes.map((w) => ({ ns: w.ns, key: w.key, ...(w.value ? { bytes: w.value } : {}) })),
    },
  ]);
}
