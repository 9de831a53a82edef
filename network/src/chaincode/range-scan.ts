import type { RangeQueryRecord } from './rwset-builder';
import type { VersionedValue } from './state';

/** One key/value a scan returns. */
export interface ScanResult {
  key: string;
  value: Uint8Array;
}

/** A range scan inside a simulation; each result it returns is recorded for phantom protection. */
export interface RangeScan {
  /** The next result, or undefined once the range is exhausted. */
  next(): ScanResult | undefined;
  /** The key that would come next (the pagination bookmark), or '' at the end; ends the scan. */
  bookmarkAndClose(): string;
}

/**
 * Records a scan as Fabric's query executor does: the caller's start key; the end key moves to
 * each returned key and becomes the caller's end key (with exhausted set) only when a call to
 * next() finds nothing more.
 */
export function recordingRangeScan(
  source: Iterator<[string, VersionedValue]>,
  startKey: string,
  endKey: string,
): { scan: RangeScan; record: RangeQueryRecord } {
  const record: RangeQueryRecord = { startKey, endKey: startKey, exhausted: false, reads: [] };
  let closed = false;
  const scan: RangeScan = {
    next() {
      if (closed) return undefined;
      const step = source.next();
      if (step.done) {
        record.exhausted = true;
        record.endKey = endKey;
        return undefined;
      }
      const [key, versioned] = step.value;
      record.reads.push({ key, version: versioned.version });
      record.endKey = key;
      return { key, value: versioned.value };
    },
    bookmarkAndClose() {
      if (closed) return '';
      closed = true;
      const step = source.next();
      return step.done ? '' : step.value[0];
    },
  };
  return { scan, record };
}
