import type * as grpc from '@grpc/grpc-js';
import { peer } from '@hyperledger/fabric-protos';
import { openChaincodeStream, type ConnectChaincodeOptions } from './connect';
import { ChaincodeSupportError } from './errors';
import { chaincodeMessage, messageTypeName } from './messages';
import { QueryIterators } from './query-iterators';
import { requestHandlers, type RequestContext } from './requests';
import type { TxSimulator } from './simulator';

const Type = peer.ChaincodeMessage.Type;

/** One transaction to run on a chaincode. */
export interface ChaincodeExecuteRequest {
  channelId: string;
  txId: string;
  /** The client's signed proposal, passed to the chaincode unchanged. */
  signedProposal: peer.SignedProposal;
  /** ChaincodeInput bytes (args). */
  input: Uint8Array;
  simulator: TxSimulator;
  timeoutMs: number;
  /** The namespace (chaincode name); defaults to the chaincode id up to its first ':'. */
  namespace?: string;
  /** Runs INVOKE_CHAINCODE requests; without it they are refused. */
  invokeChaincode?: (spec: Uint8Array) => Promise<Uint8Array>;
}

/** The chaincode's answer: its Response and the event it set, as the shim sent them. */
export interface ChaincodeExecuteResult {
  response: peer.Response;
  event?: peer.ChaincodeEvent;
}

/** One peer's stream to one chaincode server. */
export interface ChaincodeStream {
  readonly chaincodeId: string;
  /** True once the stream ended or was closed; execute then fails. */
  readonly closed: boolean;
  /** Runs a transaction; executions of the same (channel, txid) wait for each other. */
  execute(req: ChaincodeExecuteRequest): Promise<ChaincodeExecuteResult>;
  /** Ends the stream; running executions fail with "chaincode stream terminated". */
  close(): void;
}

/** Dials a chaincode-as-a-service server and returns its registered stream. */
export async function connectChaincode(opts: ConnectChaincodeOptions): Promise<ChaincodeStream> {
  const { client, call } = await openChaincodeStream(opts);
  return new Stream(opts.chaincodeId, client, call);
}

interface Execution extends RequestContext {
  settle(result: ChaincodeExecuteResult | ChaincodeSupportError): void;
  /** Requests of one transaction are answered strictly in order. */
  requests: Promise<void>;
}

class Stream implements ChaincodeStream {
  private readonly executions = new Map<string, Execution>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private ended = false;

  constructor(
    readonly chaincodeId: string,
    private readonly client: peer.ChaincodeClient,
    private readonly call: grpc.ClientDuplexStream<peer.ChaincodeMessage, peer.ChaincodeMessage>,
  ) {
    call.on('data', (msg: peer.ChaincodeMessage) => {
      this.onMessage(msg);
    });
    call.on('error', () => {
      this.terminate();
    });
    call.on('end', () => {
      this.terminate();
    });
  }

  get closed(): boolean {
    return this.ended;
  }

  execute(req: ChaincodeExecuteRequest): Promise<ChaincodeExecuteResult> {
    const key = contextKey(req.channelId, req.txId);
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.then(
      () => this.run(req),
      () => this.run(req),
    );
    const settled = run.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return run;
  }

  close(): void {
    this.call.cancel();
    this.client.close();
    this.terminate();
  }

  private run(req: ChaincodeExecuteRequest): Promise<ChaincodeExecuteResult> {
    if (this.ended)
      return Promise.reject(executeError(req.txId, 'STREAM_TERMINATED', 'chaincode stream terminated'));
    const key = contextKey(req.channelId, req.txId);
    return new Promise<ChaincodeExecuteResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        finish(executeError(req.txId, 'EXECUTE_TIMEOUT', 'timeout expired while executing transaction'));
      }, req.timeoutMs);
      const finish = (result: ChaincodeExecuteResult | ChaincodeSupportError): void => {
        clearTimeout(timer);
        execution.iterators.closeAll();
        if (this.executions.get(key) === execution) this.executions.delete(key);
        if (result instanceof ChaincodeSupportError) reject(result);
        else resolve(result);
      };
      const execution: Execution = {
        channelId: req.channelId,
        txId: req.txId,
        namespace: req.namespace ?? this.chaincodeId.split(':')[0] ?? this.chaincodeId,
        simulator: req.simulator,
        iterators: new QueryIterators(),
        invokeChaincode: req.invokeChaincode,
        settle: finish,
        requests: Promise.resolve(),
      };
      this.executions.set(key, execution);
      const msg = chaincodeMessage(Type.TRANSACTION, req.txId, req.channelId, req.input);
      msg.setProposal(req.signedProposal);
      this.send(msg);
    });
  }

  private onMessage(msg: peer.ChaincodeMessage): void {
    const type = msg.getType();
    // Incoming KEEPALIVEs are ignored, as Fabric does. The peer never sends any: fabric-shim
    // 2.5.8 exits on a KEEPALIVE (Fabric's chaincode.keepalive defaults to off as well).
    if (type === Type.KEEPALIVE) return;
    const execution = this.executions.get(contextKey(msg.getChannelId(), msg.getTxid()));
    if (type === Type.COMPLETED || type === Type.ERROR) {
      execution?.settle(completion(msg));
      return;
    }
    const handler = requestHandlers.get(type);
    if (!execution || !handler) {
      const reason = handler
        ? 'no ledger context'
        : 'Fabric side handler cannot handle this message while in ready state';
      this.replyError(msg, reason);
      return;
    }
    execution.requests = execution.requests.then(async () => {
      try {
        const payload = await handler(msg.getPayload_asU8(), execution);
        this.send(chaincodeMessage(Type.RESPONSE, msg.getTxid(), msg.getChannelId(), payload));
      } catch (err) {
        this.replyError(msg, err instanceof Error ? err.message : String(err));
      }
    });
  }

  /** Fabric's reply to a failed request: "<TYPE> failed: transaction ID: <txid>: <reason>". */
  private replyError(msg: peer.ChaincodeMessage, reason: string): void {
    const text = `${messageTypeName(msg.getType())} failed: transaction ID: ${msg.getTxid()}: ${reason}`;
    this.send(chaincodeMessage(Type.ERROR, msg.getTxid(), msg.getChannelId(), Buffer.from(text, 'utf8')));
  }

  private send(msg: peer.ChaincodeMessage): void {
    if (this.ended) return;
    try {
      this.call.write(msg);
    } catch {
      this.terminate();
    }
  }

  private terminate(): void {
    if (this.ended) return;
    this.ended = true;
    for (const execution of [...this.executions.values()]) {
      execution.settle(executeError(execution.txId, 'STREAM_TERMINATED', 'chaincode stream terminated'));
    }
  }
}

function contextKey(channelId: string, txId: string): string {
  return `${channelId}\u0000${txId}`;
}

function executeError(
  txId: string,
  code: 'EXECUTE_TIMEOUT' | 'STREAM_TERMINATED',
  reason: string,
): ChaincodeSupportError {
  return new ChaincodeSupportError(code, `failed to execute transaction ${txId}: error sending: ${reason}`);
}

/** COMPLETED carries the Response (success and chaincode errors alike); ERROR is a failure. */
function completion(msg: peer.ChaincodeMessage): ChaincodeExecuteResult | ChaincodeSupportError {
  if (msg.getType() === Type.ERROR) {
    const text = Buffer.from(msg.getPayload_asU8()).toString('utf8');
    return new ChaincodeSupportError('TRANSACTION_FAILED', `transaction returned with failure: ${text}`);
  }
  try {
    const response = peer.Response.deserializeBinary(msg.getPayload_asU8());
    const event = msg.getChaincodeEvent();
    return event ? { response, event } : { response };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return new ChaincodeSupportError(
      'TRANSACTION_FAILED',
      `failed to unmarshal response for transaction ${msg.getTxid()}: ${reason}`,
    );
  }
}
