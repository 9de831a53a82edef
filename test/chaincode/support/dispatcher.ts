/**
 * Fabric's own contract dispatcher (fabric-shim's ChaincodeFromContract, the code that runs
 * inside a chaincode process), loaded so contract tests go through the same routing, argument
 * handling, hooks and serializer as a peer invocation.
 */
import { JSONSerializer } from 'fabric-contract-api';

/** The shim response a transaction produces. */
export interface ShimResponse {
  status: number;
  message?: string;
  payload?: Uint8Array;
}

/** The dispatcher's entry point. */
export interface Dispatcher {
  Invoke(stub: unknown): Promise<ShimResponse>;
}

type DispatcherClass = new (
  contracts: unknown[],
  serializers: unknown,
  metadata: object,
  title: string,
  version: string,
) => Dispatcher;

/** A dispatcher over `contractClasses` with the contract API's JSON serializer (as bootstrap.js sets it up). */
export function createDispatcher(contractClasses: readonly unknown[]): Dispatcher {
  // Quiet the shim's logger (it logs every refused transaction at error level); set before loading it.
  process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'CRITICAL';
  const modulePath = 'fabric-shim/lib/contract-spi/chaincodefromcontract.js';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ChaincodeFromContract = require(modulePath) as DispatcherClass;
  const serializers = { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } };
  // The dispatcher appends its system contract to the array it is given: pass a copy.
  return new ChaincodeFromContract([...contractClasses], serializers, {}, 'alliance', 'test');
}
