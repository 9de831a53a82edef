import { compareUtf8 } from './keyorder';
import type { StateReader, VersionedValue, WriteSet } from './types';

/** One key's state after the block: a new value, or undefined when deleted. */
export interface StateUpdate {
  ns: string;
  key: string;
  value: VersionedValue | undefined;
}

function normalizeMetadata(metadata: Record<string, Uint8Array>): Record<string, Uint8Array> | undefined {
  return Object.keys(metadata).length === 0 ? undefined : metadata;
}

/**
 * The value a write leaves (Fabric tx_ops.go): a value-only write keeps the existing metadata, a
 * delete removes value and metadata, a metadata-only write keeps the value and is a no-op on a
 * missing key (returns `existing` itself).
 */
function applyWrite(
  existing: VersionedValue | undefined,
  write: WriteSet,
  blockNum: number,
  txNum: number,
): VersionedValue | undefined {
  const version = { blockNum, txNum };
  if (write.metadataOnly) {
    if (!existing) return existing;
    const metadata = normalizeMetadata(write.metadata ?? {});
    return metadata ? { value: existing.value, version, metadata } : { value: existing.value, version };
  }
  if (write.value === undefined) return undefined;
  const metadata = write.metadata == null ? existing?.metadata : normalizeMetadata(write.metadata);
  return metadata ? { value: write.value, version, metadata } : { value: write.value, version };
}

/**
 * Committed state plus the writes of the earlier valid transactions of the block being
 * validated or committed: what MVCC checks and state updates are computed against.
 */
export class PendingState {
  private readonly updates = new Map<string, StateUpdate>();

  /** @param committed the committed state underneath */
  constructor(private readonly committed: StateReader) {}

  /** The value as of the writes applied so far. */
  get(ns: string, key: string): VersionedValue | undefined {
    const update = this.updates.get(`${ns}\u0000${key}`);
    return update ? update.value : this.committed.get(ns, key);
  }

  /** True when an applied write changed the key (value, delete or metadata). */
  touched(ns: string, key: string): boolean {
    return this.updates.has(`${ns}\u0000${key}`);
  }

  /** Applies one write of the valid transaction at (blockNum, txNum). */
  apply(write: WriteSet, blockNum: number, txNum: number): void {
    const existing = this.get(write.ns, write.key);
    const value = applyWrite(existing, write, blockNum, txNum);
    if (value !== existing)
      this.updates.set(`${write.ns}\u0000${write.key}`, { ns: write.ns, key: write.key, value });
  }

  /** Keys in [start, end) (end '' = namespace end) of committed state merged with the applied writes. */
  range(ns: string, start: string, end: string): [string, VersionedValue][] {
    const inRange = (key: string): boolean =>
      compareUtf8(key, start) >= 0 && (end === '' || compareUtf8(key, end) < 0);
    const merged = new Map<string, VersionedValue | undefined>();
    for (const [key, value] of this.committed.range(ns, start, end)) merged.set(key, value);
    for (const update of this.updates.values()) {
      if (update.ns === ns && inRange(update.key)) merged.set(update.key, update.value);
    }
    const result: [string, VersionedValue][] = [];
    for (const [key, value] of merged) if (value) result.push([key, value]);
    return result.sort(([a], [b]) => compareUtf8(a, b));
  }

  /** The final state of every touched key, in first-touch order. */
  changes(): StateUpdate[] {
    return [...this.updates.values()];
  }
}
