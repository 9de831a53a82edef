/**
 * Tracks a ledger's height and lets readers wait for a block that is not yet there.
 * Waiters are removed when their signal aborts, so cancelled streams leave nothing behind.
 */
export class HeightWatch {
  #height: number;
  readonly #waiters = new Set<{ min: number; resolve: () => void }>();

  constructor(height: number) {
    this.#height = height;
  }

  /** The current height (number of blocks). */
  get height(): number {
    return this.#height;
  }

  /** Records a new height and wakes every waiter it satisfies. */
  advance(height: number): void {
    this.#height = height;
    for (const waiter of this.#waiters) {
      if (height >= waiter.min) {
        this.#waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /** Resolves once the height is at least `min`; rejects when `signal` aborts. */
  waitFor(min: number, signal: AbortSignal): Promise<void> {
    if (this.#height >= min) return Promise.resolve();
    if (signal.aborted) return Promise.reject(new Error('aborted'));
    return new Promise((resolve, reject) => {
      const waiter = {
        min,
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.#waiters.delete(waiter);
        reject(new Error('aborted'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#waiters.add(waiter);
    });
  }

  /** Number of pending waiters (for leak checks). */
  get waiting(): number {
    return this.#waiters.size;
  }
}
