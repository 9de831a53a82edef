/** Batch settings of a channel, as in the orderer's BatchSize/BatchTimeout values. */
export interface BatchSettings {
  readonly maxMessageCount: number;
  readonly preferredMaxBytes: number;
  readonly absoluteMaxBytes: number;
  readonly timeoutMs: number;
}

/**
 * Groups ordered envelopes into batches as Fabric's block cutter does:
 * a message larger than PreferredMaxBytes goes alone, a message that would push the pending
 * batch over PreferredMaxBytes cuts it first, and MaxMessageCount cuts at once.
 * Time-based cutting is the caller's (it owns the timer); see {@link BlockCutter.cut}.
 */
export class BlockCutter {
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;

  constructor(private readonly settings: BatchSettings) {}

  /** Number of envelopes waiting in the current batch. */
  get pendingCount(): number {
    return this.#pending.length;
  }

  /** Adds an envelope; returns the batches that must be cut now (0, 1 or 2), oldest first. */
  ordered(envelope: Uint8Array): Uint8Array[][] {
    const batches: Uint8Array[][] = [];
    const size = envelope.length;
    if (size > this.settings.preferredMaxBytes) {
      if (this.#pending.length > 0) batches.push(this.cut());
      batches.push([envelope]);
      return batches;
    }
    if (this.#pendingBytes + size > this.settings.preferredMaxBytes && this.#pending.length > 0) {
      batches.push(this.cut());
    }
    this.#pending.push(envelope);
    this.#pendingBytes += size;
    if (this.#pending.length >= this.settings.maxMessageCount) batches.push(this.cut());
    return batches;
  }

  /** Cuts the pending batch (possibly empty) and starts a new one. */
  cut(): Uint8Array[] {
    const batch = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    return batch;
  }
}
