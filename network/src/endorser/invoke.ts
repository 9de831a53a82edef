import { peer } from '@hyperledger/fabric-protos';
import type { TxSimulator } from '../chaincode';
import { aclFailure, type ChannelView } from '../system';
import { chaincodeVersion, DEFAULT_EXECUTE_TIMEOUT_MS, SYSTEM_CHAINCODES } from './chaincode-info';
import type { EndorserDeps } from './types';
import type { UnpackedProposal } from './unpack';

/** The transaction a chaincode-to-chaincode call belongs to. */
export interface InvokeScope {
  up: UnpackedProposal;
  deps: EndorserDeps;
  channel: ChannelView;
  simulator: TxSimulator;
  /** The chaincodes already executing this transaction, outermost first. */
  callers: readonly string[];
}

/**
 * Answers INVOKE_CHAINCODE: the callee runs on its own stream with the same tx id, signed
 * proposal and simulator, so its reads and writes land in the same rwset under its namespace.
 * A chaincode already running in the transaction cannot be entered again ("txid exists").
 */
export function invokeHandler(scope: InvokeScope): (spec: Uint8Array) => Promise<Uint8Array> {
  return async (specBytes) => {
    const { up, deps, channel, simulator } = scope;
    const txId = up.channelHeader.getTxId();
    const spec = peer.ChaincodeSpec.deserializeBinary(specBytes);
    const [target = '', targetChannel = ''] = (spec.getChaincodeId()?.getName() ?? '').split('/', 2);
    const name = target.split(':')[0] ?? '';
    if (targetChannel !== '' && targetChannel !== deps.channelId) {
      throw new Error(`failed to find ledger for channel: ${targetChannel}`);
    }
    const denied = aclFailure(
      'peer/ChaincodeToChaincode',
      channel,
      up.signedProposal,
      up.signatureHeader.getCreator_asU8(),
    );
    if (denied) throw new Error(denied);
    if (scope.callers.includes(name)) throw new Error(`txid: ${txId}(${deps.channelId}) exists`);
    if (SYSTEM_CHAINCODES.has(name))
      throw new Error(`system chaincode ${name} cannot be invoked from another chaincode`);
    chaincodeVersion(name, deps, simulator);
    const stream = deps.stream(name);
    if (!stream) throw new Error(`chaincode definition for '${name}' exists, but chaincode is not installed`);
    const result = await stream.execute({
      channelId: deps.channelId,
      txId,
      signedProposal: up.signedProposal,
      input: spec.getInput()?.serializeBinary() ?? new Uint8Array(),
      simulator,
      namespace: name,
      timeoutMs: deps.executeTimeoutMs ?? DEFAULT_EXECUTE_TIMEOUT_MS,
      invokeChaincode: invokeHandler({ ...scope, callers: [...scope.callers, name] }),
    });
    const completed = new peer.ChaincodeMessage();
    completed.setType(peer.ChaincodeMessage.Type.COMPLETED);
    completed.setPayload(result.response.serializeBinary());
    completed.setTxid(txId);
    completed.setChannelId(deps.channelId);
    if (result.event) completed.setChaincodeEvent(result.event);
    return completed.serializeBinary();
  };
}
