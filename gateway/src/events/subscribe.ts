import { setTimeout as sleep } from 'node:timers/promises';
import type { DomainEvent } from '@alliance/chaincode/model';
import type { ChaincodeEvent, Checkpoint, CloseableAsyncIterable } from '@hyperledger/fabric-gateway';
import type { AllianceConnection } from '../connect/connection';
import { toAllianceError } from '../errors/map-error';
import { domainEventsOf } from '../submit/endorsed-transaction';
import { fileCheckpoint, type CheckpointStore, type EventPosition } from './checkpoint-file';

/** Where a domain event was committed. */
export interface EventContext {
  readonly blockNumber: bigint;
  readonly transactionId: string;
}

/** Options of {@link subscribe}. */
export interface SubscribeOptions {
  /** The checkpoint file path, or a store of your own (e.g. written in the same database transaction as your projection). */
  readonly checkpoint: string | CheckpointStore;
  /** Handles one domain event; the checkpoint moves past it only after this resolves. Must be idempotent by `event.id`. */
  readonly onEvent: (event: DomainEvent, context: EventContext) => Promise<void> | void;
  /** Block to start from when there is no checkpoint yet (default 0: every event ever). */
  readonly startBlock?: bigint;
  /** Reconnect back-off: first delay and cap, in milliseconds (default 100 and 10 000). */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** Told about each lost connection before reconnecting. */
  readonly onDisconnect?: (error: Error, retryInMs: number) => void;
  /** Chaincode whose events to follow (default: the connection's). */
  readonly chaincode?: string;
}

/** A running subscription. */
export interface Subscription {
  /** Resolves when stopped; rejects with the handler's error if a handler failed (nothing after it was checkpointed). */
  readonly done: Promise<void>;
  /** Stops listening; resolves once the current handler (if any) finished and the stream is closed. */
  stop(): Promise<void>;
}

/** A failure of the caller's handler or of the checkpoint store: it ends the subscription instead of reconnecting. */
class Fatal extends Error {
  constructor(readonly error: unknown) {
    super('fatal');
  }
}

/**
 * Follows the alliance's domain events with a durable checkpoint: every event is handled at least
 * once and in order, the checkpoint moves only after the handler succeeded, and after a crash the
 * events since the checkpoint are delivered again with the same ids. Lost connections are retried
 * with exponential back-off from the checkpoint.
 */
export function subscribe(conn: AllianceConnection, options: SubscribeOptions): Subscription {
  const store =
    typeof options.checkpoint === 'string' ? fileCheckpoint(options.checkpoint) : options.checkpoint;
  const backoff = options.backoff ?? { initialMs: 100, maxMs: 10_000 };
  let stopped = false;
  // Read through a function: the flag changes from stop(), which flow analysis cannot see.
  const isStopped = (): boolean => stopped;
  let current: CloseableAsyncIterable<ChaincodeEvent> | undefined;
  let position = store.load();

  const handleTransaction = async (ev: ChaincodeEvent): Promise<void> => {
    const events = domainEventsOf(ev.eventName, ev.payload);
    const skip = position?.partial?.transactionId === ev.transactionId ? position.partial.handled : 0;
    const context = { blockNumber: ev.blockNumber, transactionId: ev.transactionId };
    for (let i = skip; i < events.length; i++) {
      if (stopped) return;
      await fatal(() => options.onEvent(events[i] as DomainEvent, context));
      if (i < events.length - 1)
        await advance({
          ...completedPart(position, ev.blockNumber),
          partial: { transactionId: ev.transactionId, handled: i + 1 },
        });
    }
    await advance({ blockNumber: ev.blockNumber, transactionId: ev.transactionId });
  };

  // The in-memory position moves only once the store has it, so a failed save never skips an event.
  const advance = async (next: EventPosition): Promise<void> => {
    await fatal(() => store.save(next));
    position = next;
  };

  const run = async (): Promise<void> => {
    let delay = backoff.initialMs;
    while (!stopped) {
      try {
        current = conn.track(
          await conn.network.getChaincodeEvents(options.chaincode ?? conn.chaincode, {
            checkpoint: asCheckpoint(position),
            startBlock: options.startBlock ?? 0n,
          }),
        );
        for await (const ev of current) {
          await handleTransaction(ev);
          delay = backoff.initialMs;
        }
      } catch (e) {
        if (e instanceof Fatal) throw e.error instanceof Error ? e.error : new Error(String(e.error));
        if (isStopped()) return;
        const err = toAllianceError(e, { stage: 'events' });
        options.onDisconnect?.(err, delay);
        await sleep(delay);
        delay = Math.min(backoff.maxMs, delay * 2);
      } finally {
        current?.close();
      }
    }
  };

  const done = run();
  return {
    done,
    stop: async () => {
      stopped = true;
      current?.close();
      await done.catch(() => undefined);
    },
  };
}

async function fatal(run: () => Promise<void> | void): Promise<void> {
  try {
    await run();
  } catch (e) {
    throw new Fatal(e);
  }
}

/** The position of the last complete transaction, dropping any partial one. */
function completedPart(p: EventPosition | undefined, fallbackBlock: bigint): EventPosition {
  return p?.transactionId
    ? { blockNumber: p.blockNumber, transactionId: p.transactionId }
    : { blockNumber: p?.blockNumber ?? fallbackBlock };
}

/** What the Fabric client needs to resume: the block to start at and the transaction to resume after. */
function asCheckpoint(p: EventPosition | undefined): Checkpoint | undefined {
  if (!p) return undefined;
  return { getBlockNumber: () => p.blockNumber, getTransactionId: () => p.transactionId };
}
