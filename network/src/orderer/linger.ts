/** The first wait once batches show load, in ms. */
const START_MS = 1;
/** The longest wait, in ms, however long BatchTimeout is: a dev orderer stays quick under load. */
const CEILING_MS = 20;
/**
 * How the wait shrinks after a batch of one. Slower than it grows: under moderate load batches
 * of one and of several alternate, and halving would keep the wait too short to gather any.
 */
const SHRINK = 0.75;

/**
 * How long a cut-on-drain orderer lets a batch fill before cutting it (group commit): zero while
 * every batch holds one envelope, so a lone transaction is never delayed; it doubles (from 1 ms,
 * up to min(BatchTimeout, 20 ms)) each time a batch is cut holding more than one envelope, the
 * sign that submissions overlap, and shrinks by a quarter back to zero as batches of one come back. Under
 * load every block then carries several transactions, so the orderer and every peer pay the
 * per-block costs (signature, fdatasync, state batch, deliver) once for many of them.
 */
export class AdaptiveLinger {
  #ms = 0;
  readonly #ceilingMs: number;

  constructor(timeoutMs: number) {
    this.#ceilingMs = Math.max(0, Math.min(timeoutMs, CEILING_MS));
  }

  /** The current wait in ms; 0 means cut as soon as the queue drains. */
  get ms(): number {
    return this.#ms;
  }

  /** Learns from the size of a batch just cut. */
  observe(batchSize: number): void {
    if (batchSize > 1) this.#ms = Math.min(this.#ceilingMs, Math.max(START_MS, this.#ms * 2));
    else this.#ms = this.#ms * SHRINK < START_MS ? 0 : this.#ms * SHRINK;
  }
}
