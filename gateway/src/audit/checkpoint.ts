import { readFileSync } from 'node:fs';
import { common } from '@hyperledger/fabric-protos';
import { writeFileAtomic } from '../events/atomic-file';
import { refusedWriteId, type RefusedWrite } from './refused-writes';
import { adoptConfig, emptyReplayState, type ReplayState } from './replay-state';
import type { StateEntry } from './world-state';

/**
 * The file format's version; a checkpoint of another version is refused (2 added the hashed state
 * and definitions, 3 the refused writes).
 */
const FORMAT = 3;

interface SavedEntry {
  k: string;
  v: string;
  b: number;
  t: number;
  id: string;
  m?: Record<string, string>;
}

interface SavedCheckpoint {
  format: number;
  channel: string;
  nextBlock: number;
  previousHash: string;
  config: string;
  configBlock: number;
  lastConfigBlock: number;
  state: Record<string, SavedEntry[]>;
  /** Hashed keys: namespace, collection, key hash (hex) as `k`, value hash as `v`. */
  hashed: (SavedEntry & { ns: string; c: string })[];
  definitions: ReplayState['definitions'];
  refusedWrites: RefusedWrite[];
  history: [string, { b: number; t: number; id: string; d: boolean; v: string }[]][];
  txIndex: [string, number, number, number][];
  txs: ReplayState['txs'];
  anomalies: ReplayState['anomalies'];
  orgs: ReplayState['orgs'] extends Map<string, infer O> ? O[] : never;
  signatures: number;
}

/** A checkpoint that cannot be used (unreadable, other format, other ledger). */
export class CheckpointError extends Error {
  /** @param message - what is wrong with the checkpoint */
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));
const savedMetadata = (m: ReadonlyMap<string, Uint8Array> | undefined): { m?: Record<string, string> } =>
  m ? { m: Object.fromEntries([...m].map(([n, v]) => [n, b64(v)])) } : {};
const loadedMetadata = (m: Record<string, string> | undefined): { metadata?: Map<string, Uint8Array> } =>
  m ? { metadata: new Map(Object.entries(m).map(([n, v]) => [n, bytes(v)])) } : {};

/**
 * Saves a replay's state after a whole block, atomically, so an interrupted audit resumes at
 * the next block with the same world state, history, tx index, findings and config.
 */
export async function saveCheckpoint(path: string, s: ReplayState): Promise<void> {
  if (!s.config || !s.configProto) return;
  const state: Record<string, SavedEntry[]> = {};
  for (const ns of s.world.namespaces()) {
    state[ns] = s.world.entries(ns).map(([k, e]) => ({
      k,
      v: b64(e.value),
      b: e.version.block,
      t: e.version.tx,
      id: e.txId,
      ...savedMetadata(e.metadata),
    }));
  }
  const saved: SavedCheckpoint = {
    format: FORMAT,
    channel: s.config.channelId,
    nextBlock: s.nextBlock,
    previousHash: b64(s.previousHash ?? new Uint8Array()),
    config: b64(s.configProto.serializeBinary()),
    configBlock: Number(s.config.blockNumber),
    lastConfigBlock: s.lastConfigBlock,
    state,
    hashed: s.world.hashed.rows().map((r) => ({
      ns: r.ns,
      c: r.collection,
      k: r.keyHash,
      v: b64(r.entry.valueHash),
      b: r.entry.version.block,
      t: r.entry.version.tx,
      id: r.entry.txId,
      ...savedMetadata(r.entry.metadata),
    })),
    definitions: s.definitions,
    refusedWrites: [...s.refusedWrites.values()],
    history: [...s.world.allHistory()].map(([id, list]) => [
      id,
      list.map((h) => ({ b: h.version.block, t: h.version.tx, id: h.txId, d: h.isDelete, v: b64(h.value) })),
    ]),
    txIndex: [...s.txIndex].map(([id, l]) => [id, l.block, l.tx, l.code]),
    txs: s.txs,
    anomalies: s.anomalies,
    orgs: [...s.orgs.values()],
    signatures: s.signatures,
  };
  await writeFileAtomic(path, JSON.stringify(saved));
}

/**
 * Loads a checkpoint written by {@link saveCheckpoint}.
 * @throws CheckpointError when the file is not a checkpoint of this format
 */
export function loadCheckpoint(path: string): ReplayState {
  let saved: SavedCheckpoint;
  try {
    saved = JSON.parse(readFileSync(path, 'utf8')) as SavedCheckpoint;
  } catch (e) {
    throw new CheckpointError(`checkpoint ${path} is unreadable: ${(e as Error).message}`);
  }
  if (saved.format !== FORMAT)
    throw new CheckpointError(`checkpoint ${path} has format ${String(saved.format)}, expected ${FORMAT}`);
  const s = emptyReplayState();
  adoptConfig(s, common.Config.deserializeBinary(bytes(saved.config)), saved.configBlock, saved.channel);
  s.lastConfigBlock = saved.lastConfigBlock;
  s.nextBlock = saved.nextBlock;
  s.previousHash = bytes(saved.previousHash);
  for (const [ns, entries] of Object.entries(saved.state)) {
    for (const e of entries) {
      const entry: StateEntry = {
        value: bytes(e.v),
        version: { block: e.b, tx: e.t },
        txId: e.id,
        ...loadedMetadata(e.m),
      };
      s.world.put(ns, e.k, entry);
    }
  }
  for (const h of saved.hashed)
    s.world.hashed.put(h.ns, h.c, h.k, {
      valueHash: bytes(h.v),
      version: { block: h.b, tx: h.t },
      txId: h.id,
      ...loadedMetadata(h.m),
    });
  s.definitions.push(...saved.definitions);
  for (const w of saved.refusedWrites) s.refusedWrites.set(refusedWriteId(w.ns, w.key), w);
  for (const [id, list] of saved.history)
    s.world.restoreHistory(
      id,
      list.map((h) => ({ version: { block: h.b, tx: h.t }, txId: h.id, isDelete: h.d, value: bytes(h.v) })),
    );
  for (const [id, block, tx, code] of saved.txIndex) s.txIndex.set(id, { block, tx, code });
  s.txs.push(...saved.txs);
  s.anomalies.push(...saved.anomalies);
  for (const o of saved.orgs) s.orgs.set(o.mspId, { ...o });
  s.signatures = saved.signatures;
  return s;
}
