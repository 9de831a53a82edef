import { compareUtf8 } from './keyorder';
import type { StateReader, VersionedValue } from './types';

/** The keys of one namespace: a map for point reads and a UTF-8-sorted key list for ranges. */
interface Namespace {
  readonly values: Map<string, VersionedValue>;
  readonly sorted: string[];
  /** Bumped on every insert or removal, so open range iterators can find their place again. */
  changes: number;
}

/** Index of the first key in `sorted` that is >= `key` (or > when `after`). */
function lowerBound(sorted: string[], key: string, after: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const c = compareUtf8(sorted[mid] ?? '', key);
    if (c < 0 || (after && c === 0)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Committed state kept in memory so reads are synchronous. Range iterators stay valid across
 * commits: after a change they continue from the first key past the last one they returned.
 */
export class MemoryState implements StateReader {
  private readonly namespaces = new Map<string, Namespace>();

  /** @inheritdoc */
  get(ns: string, key: string): VersionedValue | undefined {
    return this.namespaces.get(ns)?.values.get(key);
  }

  /** @inheritdoc */
  *range(ns: string, start: string, end: string): IterableIterator<[string, VersionedValue]> {
    const space = this.namespaces.get(ns);
    if (!space) return;
    let index = lowerBound(space.sorted, start, false);
    let seen = space.changes;
    let last: string | undefined;
    for (;;) {
      if (seen !== space.changes && last !== undefined) {
        index = lowerBound(space.sorted, last, true);
        seen = space.changes;
      }
      const key = space.sorted[index];
      if (key === undefined || (end !== '' && compareUtf8(key, end) >= 0)) return;
      const value = space.values.get(key);
      index++;
      last = key;
      if (value) yield [key, value];
    }
  }

  /** Sets or replaces a key's value. */
  put(ns: string, key: string, value: VersionedValue): void {
    let space = this.namespaces.get(ns);
    if (!space) {
      space = { values: new Map(), sorted: [], changes: 0 };
      this.namespaces.set(ns, space);
    }
    if (!space.values.has(key)) {
      space.sorted.splice(lowerBound(space.sorted, key, false), 0, key);
      space.changes++;
    }
    space.values.set(key, value);
  }

  /** Removes a key (no-op when absent). */
  delete(ns: string, key: string): void {
    const space = this.namespaces.get(ns);
    if (!space?.values.delete(key)) return;
    space.sorted.splice(lowerBound(space.sorted, key, false), 1);
    space.changes++;
  }

  /** Every (ns, key, value), namespaces in insertion order, keys in UTF-8 order. */
  *entries(): IterableIterator<[string, string, VersionedValue]> {
    for (const [ns, space] of this.namespaces) {
      for (const key of space.sorted) {
        const value = space.values.get(key);
        if (value) yield [ns, key, value];
      }
    }
  }
}
