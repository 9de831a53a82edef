import { createTxSimulator, type TxSimulator } from '../chaincode';
import { fieldKey, LIFECYCLE_NAMESPACE, lifecycleChaincode } from '../lifecycle';
import { cscc, qscc, type SystemChaincode } from '../system';
import type { EndorserDeps } from './types';

/** The chaincodes built into the peer, by name. */
export const SYSTEM_CHAINCODES: ReadonlyMap<string, SystemChaincode> = new Map(
  [qscc, cscc, lifecycleChaincode].map((scc) => [scc.name, scc]),
);

/** core.yaml chaincode.executetimeout: how long a chaincode may take to answer a transaction. */
export const DEFAULT_EXECUTE_TIMEOUT_MS = 30_000;

/** Fabric's version for system chaincodes in ChaincodeAction.chaincode_id. */
export const SYSTEM_CHAINCODE_VERSION = 'syscc';

/** A peer-side failure while simulating; the endorser answers {500, message} without payload. */
export class SimulationFailure extends Error {
  override readonly name = 'SimulationFailure';
}

/** Fabric's wording when a chaincode cannot be run on the channel. */
export function notDefined(name: string, channelId: string, reason: string): SimulationFailure {
  return new SimulationFailure(
    `make sure the chaincode ${name} has been successfully defined on channel ${channelId} and try again: ${reason}`,
  );
}

/**
 * The definition's version, after reading its `_lifecycle` Sequence key through the simulator
 * as a Fabric peer does (so a redefinition invalidates transactions endorsed before it).
 */
export function chaincodeVersion(name: string, deps: EndorserDeps, simulator: TxSimulator): string {
  simulator.getState(LIFECYCLE_NAMESPACE, fieldKey(name, 'Sequence'));
  const definition = deps.chaincodes.get(name);
  if (!definition) throw notDefined(name, deps.channelId, `could not find chaincode with name '${name}'`);
  return definition.version;
}

/** A simulator over the peer's committed state and history. */
export function newSimulator(deps: EndorserDeps, txId: string): TxSimulator {
  return createTxSimulator(deps.ledger.state, (ns, key) => deps.ledger.history(ns, key), txId);
}
