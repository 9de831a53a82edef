import { status as GrpcStatus } from '@grpc/grpc-js';
import { RpcError } from '../grpc/status';
import type { CommittedTx } from '../gateway/backend';

interface Waiter {
  resolve(tx: CommittedTx): void;
  reject(err: Error): void;
}

/**
 * Commit-status waiters by transaction id. Only a transaction's first occurrence notifies,
 * so a later duplicate never overrides the answer. Cancelling rejects with CANCELLED and
 * removes the waiter, so streams that end by cancellation leave nothing behind.
 */
export class TxWaiters {
  readonly #waiters = new Map<string, Set<Waiter>>();

  /** Registers a waiter for `txId` (call before looking the id up in the ledger). */
  register(txId: string): { committed: Promise<CommittedTx>; cancel(): void } {
    let waiter: Waiter | undefined;
    const committed = new Promise<CommittedTx>((resolve, reject) => {
      waiter = { resolve, reject };
    });
    committed.catch(() => undefined);
    const registered = waiter as Waiter;
    let set = this.#waiters.get(txId);
    if (!set) {
      set = new Set();
      this.#waiters.set(txId, set);
    }
    set.add(registered);
    return {
      committed,
      cancel: () => {
        if (this.#remove(txId, registered))
          registered.reject(new RpcError(GrpcStatus.CANCELLED, 'commit status request cancelled'));
      },
    };
  }

  /** Wakes every waiter of `txId` with its committed location and code. */
  notify(txId: string, tx: CommittedTx): void {
    const set = this.#waiters.get(txId);
    if (!set) return;
    this.#waiters.delete(txId);
    for (const waiter of set) waiter.resolve(tx);
  }

  /** Number of transaction ids with waiters (for leak checks). */
  get size(): number {
    return this.#waiters.size;
  }

  #remove(txId: string, waiter: Waiter): boolean {
    const set = this.#waiters.get(txId);
    if (!set?.delete(waiter)) return false;
    if (set.size === 0) this.#waiters.delete(txId);
    return true;
  }
}
