import { ClassicLevel } from 'classic-level';
import { MemoryState } from './memory-state';
import {
  HISTORY_RANGE,
  SAVEPOINT_KEY,
  STATE_RANGE,
  decodeHistoryEntry,
  decodeSavepoint,
  decodeTxLocation,
  decodeVersionedValue,
  encodeHistoryEntry,
  encodeSavepoint,
  encodeTxLocation,
  encodeVersionedValue,
  historyKey,
  parseHistoryKey,
  parseStateKey,
  stateKey,
  txKey,
} from './records';
import type { LedgerUpdates } from './updates';
import type { HistoryEntry, TxLocation } from './types';

type Db = ClassicLevel<Buffer, Buffer>;
const BINARY = { keyEncoding: 'buffer', valueEncoding: 'buffer' } as const;

/**
 * State, history and tx index in LevelDB, mirrored in memory for synchronous reads: the state
 * in full, history as the record keys per (ns, key). One batch per block, with the savepoint.
 */
export class StateDb {
  private constructor(
    private readonly db: Db,
    readonly state: MemoryState,
    private readonly historyKeys: Map<string, Buffer[]>,
    private savepointValue: number | undefined,
  ) {}

  /** Opens (creating) the LevelDB at `path` and loads state and the history index into memory. */
  static async open(path: string): Promise<StateDb> {
    const db: Db = new ClassicLevel<Buffer, Buffer>(path, BINARY);
    await db.open();
    const state = new MemoryState();
    for await (const [key, value] of db.iterator({ ...STATE_RANGE })) {
      const { ns, key: k } = parseStateKey(key);
      state.put(ns, k, decodeVersionedValue(value));
    }
    const historyKeys = new Map<string, Buffer[]>();
    for await (const key of db.keys({ ...HISTORY_RANGE })) {
      const { ns, key: k } = parseHistoryKey(key);
      const id = `${ns}\u0000${k}`;
      const list = historyKeys.get(id) ?? [];
      list.push(key);
      historyKeys.set(id, list);
    }
    const savepoint = db.getSync(SAVEPOINT_KEY);
    return new StateDb(db, state, historyKeys, savepoint ? decodeSavepoint(savepoint) : undefined);
  }

  /** Number of the last block whose updates are stored; undefined before block 0. */
  get savepoint(): number | undefined {
    return this.savepointValue;
  }

  /** The first indexed occurrence of a transaction id. */
  getTx(txId: string): TxLocation | undefined {
    const record = this.db.getSync(txKey(txId));
    return record ? decodeTxLocation(record) : undefined;
  }

  /** The history of a key, newest first. */
  history(ns: string, key: string): HistoryEntry[] {
    const keys = this.historyKeys.get(`${ns}\u0000${key}`) ?? [];
    const entries: HistoryEntry[] = [];
    for (let i = keys.length - 1; i >= 0; i--) {
      const record = this.db.getSync(keys[i] ?? Buffer.alloc(0));
      if (record) entries.push(decodeHistoryEntry(record));
    }
    return entries;
  }

  /** Writes a block's updates and savepoint in one batch, then mirrors them in memory. */
  async write(updates: LedgerUpdates): Promise<void> {
    const batch = this.db.batch();
    for (const { ns, key, value } of updates.state) {
      if (value) batch.put(stateKey(ns, key), encodeVersionedValue(value));
      else batch.del(stateKey(ns, key));
    }
    const newHistory: [string, Buffer][] = [];
    for (const { ns, key, entry } of updates.history) {
      const record = historyKey(ns, key, entry.blockNum, entry.txNum);
      batch.put(record, encodeHistoryEntry(entry));
      newHistory.push([`${ns}\u0000${key}`, record]);
    }
    for (const { txId, location } of updates.txIndex) batch.put(txKey(txId), encodeTxLocation(location));
    batch.put(SAVEPOINT_KEY, encodeSavepoint(updates.blockNum));
    await batch.write();

    for (const { ns, key, value } of updates.state) {
      if (value) this.state.put(ns, key, value);
      else this.state.delete(ns, key);
    }
    for (const [id, record] of newHistory) {
      const list = this.historyKeys.get(id) ?? [];
      list.push(record);
      this.historyKeys.set(id, list);
    }
    this.savepointValue = updates.blockNum;
  }

  /** Closes the database. */
  close(): Promise<void> {
    return this.db.close();
  }
}
