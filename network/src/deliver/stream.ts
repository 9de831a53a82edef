import type { ServerDuplexStream } from '@grpc/grpc-js';
import { common } from '@hyperledger/fabric-protos';
import type { FabricStatus } from '../grpc/proto-types';
import { DeliverRefused, parseDeliverRequest, type DeliverRequest } from './request';
import { isRefusal, resolveSeek } from './seek';
import type { HeightWatch } from './height';

/** What a deliver server needs from its node. */
export interface DeliverBackend<Res> {
  /** The node's ledger height and its waiters. */
  readonly heights: HeightWatch;
  /** Seek envelope time window in ms (0 disables the check). */
  readonly timeWindowMs: number;
  /** Throws DeliverRefused (NOT_FOUND for an unknown channel, FORBIDDEN for a failed ACL). */
  authorize(request: DeliverRequest): void;
  /**
   * The channel config sequence in force; when it changes during a stream, the request is
   * authorised again before the next block (a removed org's stream ends with FORBIDDEN).
   */
  configSequence?(): number;
  /** The response carrying block `num`. */
  blockResponse(num: number): Res;
  /** A status response. */
  statusResponse(status: FabricStatus): Res;
}

/**
 * Serves one Deliver stream: for each seek envelope, streams blocks start..stop (waiting for
 * future ones), then SUCCESS. A refusal ends the stream with its status, as Fabric does. The
 * stream ends on client cancellation, not half-close, so waiters are dropped on 'cancelled'.
 */
export async function serveDeliver<Res>(
  call: ServerDuplexStream<common.Envelope, Res>,
  backend: DeliverBackend<Res>,
): Promise<void> {
  const abort = new AbortController();
  const stop = (): void => {
    abort.abort();
  };
  call.on('cancelled', stop);
  call.on('close', stop);
  call.on('error', stop);
  try {
    for await (const envelope of call as AsyncIterable<common.Envelope>) {
      const status = await serveSeek(call, envelope, backend, abort.signal);
      if (abort.signal.aborted) return;
      await send(call, backend.statusResponse(status));
      if (status !== common.Status.SUCCESS) break;
    }
  } finally {
    stop();
  }
}

async function serveSeek<Res>(
  call: ServerDuplexStream<common.Envelope, Res>,
  envelope: common.Envelope,
  backend: DeliverBackend<Res>,
  signal: AbortSignal,
): Promise<FabricStatus> {
  let request: DeliverRequest;
  try {
    request = parseDeliverRequest(envelope, backend.timeWindowMs, Date.now());
    backend.authorize(request);
  } catch (err) {
    if (err instanceof DeliverRefused) return err.status;
    return common.Status.INTERNAL_SERVER_ERROR;
  }
  const range = resolveSeek(request.seekInfo, backend.heights.height);
  if (isRefusal(range)) return range.status;
  let sequence = backend.configSequence?.();
  for (let num = range.start; num <= range.stop; num++) {
    if (num >= backend.heights.height) {
      if (range.failIfNotReady) return common.Status.NOT_FOUND;
      try {
        await backend.heights.waitFor(num + 1, signal);
      } catch {
        return common.Status.SERVICE_UNAVAILABLE;
      }
    }
    if (signal.aborted) return common.Status.SERVICE_UNAVAILABLE;
    const current = backend.configSequence?.();
    if (current !== sequence) {
      sequence = current;
      const refusal = reauthorize(backend, request);
      if (refusal !== undefined) return refusal;
    }
    await send(call, backend.blockResponse(num));
  }
  return common.Status.SUCCESS;
}

/** The status that ends the stream when the request no longer passes the (new) config's checks. */
function reauthorize<Res>(backend: DeliverBackend<Res>, request: DeliverRequest): FabricStatus | undefined {
  try {
    backend.authorize(request);
    return undefined;
  } catch (err) {
    return err instanceof DeliverRefused ? err.status : common.Status.INTERNAL_SERVER_ERROR;
  }
}

function send<Res>(call: ServerDuplexStream<common.Envelope, Res>, response: Res): Promise<void> {
  if (call.write(response)) return Promise.resolve();
  // Wait for the client to catch up, or for the stream to go away (no 'drain' then).
  return new Promise((resolve) => {
    const done = (): void => {
      call.removeListener('drain', done);
      call.removeListener('close', done);
      resolve();
    };
    call.once('drain', done);
    call.once('close', done);
  });
}
