import type { ChannelView } from '../system';
import {
  DEFAULT_EXECUTE_TIMEOUT_MS,
  chaincodeVersion,
  newSimulator,
  notDefined,
  SimulationFailure,
  SYSTEM_CHAINCODE_VERSION,
  SYSTEM_CHAINCODES,
} from './chaincode-info';
import { invokeHandler } from './invoke';
import type { SimulationOutcome } from './response';
import type { EndorserDeps } from './types';
import type { UnpackedProposal } from './unpack';

/** Runs the proposal: a system chaincode in-process, or the user chaincode over its stream. */
export async function simulate(
  up: UnpackedProposal,
  deps: EndorserDeps,
  channel: ChannelView,
): Promise<{ outcome: SimulationOutcome; version: string }> {
  const name = up.chaincodeName;
  const txId = up.channelHeader.getTxId();
  const scc = SYSTEM_CHAINCODES.get(name);
  if (scc) {
    const simulator = scc.usesSimulator ? newSimulator(deps, txId) : undefined;
    const response = scc.invoke({
      channelId: deps.channelId,
      txId,
      signedProposal: up.signedProposal,
      creator: up.signatureHeader.getCreator_asU8(),
      args: up.input.getArgsList_asU8(),
      channel,
      ledger: deps.ledger,
      ...(simulator ? { simulator } : {}),
    });
    return {
      outcome: { response, rwset: simulator?.results().rwset ?? new Uint8Array() },
      version: SYSTEM_CHAINCODE_VERSION,
    };
  }

  const simulator = newSimulator(deps, txId);
  const version = chaincodeVersion(name, deps, simulator);
  const stream = deps.stream(name);
  if (!stream)
    throw notDefined(
      name,
      deps.channelId,
      `chaincode definition for '${name}' exists, but chaincode is not installed`,
    );
  let result;
  try {
    result = await stream.execute({
      channelId: deps.channelId,
      txId,
      signedProposal: up.signedProposal,
      input: up.inputBytes,
      simulator,
      namespace: name,
      timeoutMs: deps.executeTimeoutMs ?? DEFAULT_EXECUTE_TIMEOUT_MS,
      invokeChaincode: invokeHandler({ up, deps, channel, simulator, callers: [name] }),
    });
  } catch (err) {
    throw new SimulationFailure(`error in simulation: ${err instanceof Error ? err.message : String(err)}`);
  }
  // The shim leaves the event's chaincode id and tx id empty; the peer fills them in.
  result.event?.setChaincodeId(name);
  result.event?.setTxId(txId);
  const rwset = simulator.results().rwset;
  return {
    outcome: { response: result.response, rwset, ...(result.event ? { event: result.event } : {}) },
    version,
  };
}
