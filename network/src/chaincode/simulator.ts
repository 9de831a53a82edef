import { ChaincodeSupportError } from './errors';
import { recordingRangeScan, type RangeScan } from './range-scan';
import { ReadWriteSetBuilder, type RangeQueryRecord, type RecordedWrite } from './rwset-builder';
import type { HistoryEntry, StateReader } from './state';

/** What a finished simulation produced. */
export interface SimulationResults {
  /** rwset.TxReadWriteSet bytes. */
  rwset: Uint8Array;
  /** True when the transaction wrote neither values nor metadata. */
  readOnly: boolean;
  /** The value writes (value undefined = delete), namespaces and keys in rwset order. */
  writes: RecordedWrite[];
}

/**
 * A transaction simulation over committed state. Reads see committed state only (no
 * read-your-writes) and are recorded with their versions; writes and metadata writes are
 * recorded; range scans record their results for phantom protection.
 */
export interface TxSimulator {
  /** The committed value, or undefined when the key does not exist. Records the read. */
  getState(ns: string, key: string): Uint8Array | undefined;
  /** The committed metadata of a key (empty for none). Records the read. */
  getStateMetadata(ns: string, key: string): Record<string, Uint8Array>;
  /** Writes a value; an empty value is a delete. */
  putState(ns: string, key: string, value: Uint8Array): void;
  /** Deletes a key. */
  delState(ns: string, key: string): void;
  /** Replaces the whole metadata of a key (null removes it). */
  setStateMetadata(ns: string, key: string, metadata: Record<string, Uint8Array> | null): void;
  /** Scans [start, end) (end '' = end of namespace). */
  rangeScan(ns: string, start: string, end: string): RangeScan;
  /** A paginated scan: allowed only in a read-only transaction, and makes it read-only. */
  paginatedRangeScan(ns: string, start: string, end: string): RangeScan;
  /** Committed history of a key, newest first; history reads are not recorded. */
  history(ns: string, key: string): HistoryEntry[];
  /** Ends the simulation and encodes what it recorded; callable once. */
  results(): SimulationResults;
}

/**
 * Creates a simulator for one transaction.
 * @param state committed state
 * @param history committed history lookup (newest first)
 * @param txId the transaction id, used in error messages as Fabric does
 */
export function createTxSimulator(
  state: StateReader,
  history: (ns: string, key: string) => HistoryEntry[],
  txId = '',
): TxSimulator {
  return new Simulator(state, history, txId);
}

class Simulator implements TxSimulator {
  private readonly builder = new ReadWriteSetBuilder();
  private readonly scans: { ns: string; record: RangeQueryRecord }[] = [];
  private writePerformed = false;
  private paginatedQueryPerformed = false;
  private done = false;

  constructor(
    private readonly state: StateReader,
    private readonly historyOf: (ns: string, key: string) => HistoryEntry[],
    private readonly txId: string,
  ) {}

  getState(ns: string, key: string): Uint8Array | undefined {
    this.checkDone();
    const versioned = this.state.get(ns, key);
    this.builder.addRead(ns, key, versioned?.version);
    return versioned?.value;
  }

  getStateMetadata(ns: string, key: string): Record<string, Uint8Array> {
    this.checkDone();
    const versioned = this.state.get(ns, key);
    this.builder.addRead(ns, key, versioned?.version);
    return { ...(versioned?.metadata ?? {}) };
  }

  putState(ns: string, key: string, value: Uint8Array): void {
    this.checkWrite();
    this.builder.addWrite(ns, key, value);
  }

  delState(ns: string, key: string): void {
    this.putState(ns, key, new Uint8Array());
  }

  setStateMetadata(ns: string, key: string, metadata: Record<string, Uint8Array> | null): void {
    this.checkWrite();
    this.builder.addMetadataWrite(ns, key, metadata);
  }

  rangeScan(ns: string, start: string, end: string): RangeScan {
    this.checkDone();
    const { scan, record } = recordingRangeScan(this.state.range(ns, start, end), start, end);
    this.scans.push({ ns, record });
    return scan;
  }

  paginatedRangeScan(ns: string, start: string, end: string): RangeScan {
    this.checkDone();
    if (this.writePerformed) {
      throw new ChaincodeSupportError(
        'PAGINATED_READ_ONLY',
        `txid [${this.txId}]: unsuppored transaction. Paginated queries are supported only in a read-only transaction`,
      );
    }
    this.paginatedQueryPerformed = true;
    return this.rangeScan(ns, start, end);
  }

  history(ns: string, key: string): HistoryEntry[] {
    this.checkDone();
    return this.historyOf(ns, key);
  }

  results(): SimulationResults {
    if (this.done) {
      throw new ChaincodeSupportError(
        'SIMULATION_DONE',
        'this function should only be called once on a transaction simulator instance',
      );
    }
    this.done = true;
    // Range infos join the rwset at the end, in the order the scans were opened.
    for (const { ns, record } of this.scans) this.builder.addRangeQuery(ns, record);
    return {
      rwset: this.builder.build(),
      readOnly: !this.builder.hasWrites(),
      writes: this.builder.writes(),
    };
  }

  private checkDone(): void {
    if (this.done) {
      throw new ChaincodeSupportError(
        'SIMULATION_DONE',
        'This instance should not be used after calling Done()',
      );
    }
  }

  private checkWrite(): void {
    this.checkDone();
    if (this.paginatedQueryPerformed) {
      throw new ChaincodeSupportError(
        'PAGINATED_READ_ONLY',
        `txid [${this.txId}]: unsuppored transaction. Transaction has already performed a paginated query. Writes are not allowed`,
      );
    }
    this.writePerformed = true;
  }
}
