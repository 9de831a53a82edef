import { AUDIT_CHANGE_KEY_TYPE, AUDIT_PLAIN_CHANGE_KEY_TYPE } from '@alliance/chaincode/model';
import type { ReadVersion } from '../verify/rwset-parse';
import { recordFacts, referencedIds } from './record-facts';
import type { TxSummary } from './types';
import type { HistoryEntry, WorldState } from './world-state';

/** One ledger record in an evidence chain, with the transaction that last wrote it. */
export interface EvidenceNode {
  /** The record's key, readable (`lot/09506000134352.L1`). */
  readonly id: string;
  /** The composite-key type (`lot`, `run`, `report`, `lot~hold`, ...). */
  readonly type: string;
  /** Distance from the subject, in links. */
  readonly depth: number;
  readonly block: number;
  readonly tx: number;
  readonly txId: string;
  readonly fn: string | undefined;
  readonly writtenBy: string | undefined;
  readonly writtenAt: string | undefined;
  /** How many times the record was written. */
  readonly versions: number;
  /** What the record says that matters to an auditor: status, reasons, classes, signatures with meaning. */
  readonly facts: readonly string[];
  /** The record as it stood when the record that links to it was written (qualification at run time). */
  readonly asOfLink:
    { readonly block: number; readonly tx: number; readonly facts: readonly string[] } | undefined;
}

/** A link between two records: `from` names or indexes `to`. */
export interface EvidenceEdge {
  readonly from: string;
  readonly to: string;
  readonly via: string;
}

/** The evidence chain of a lot or batch, rebuilt from replayed state alone. */
export interface EvidenceChain {
  readonly subject: string;
  readonly found: boolean;
  readonly nodes: readonly EvidenceNode[];
  readonly edges: readonly EvidenceEdge[];
  /** True when the walk stopped at its size limit. */
  readonly truncated: boolean;
}

interface Keyed {
  readonly key: string;
  readonly type: string;
  readonly attrs: readonly string[];
}

/** Object types of the chaincode's audit-trail entries. */
const TRAIL_TYPES = new Set([AUDIT_CHANGE_KEY_TYPE, AUDIT_PLAIN_CHANGE_KEY_TYPE]);

/** Ids that name parties, products or dates rather than records: following them would link everything. */
const NOT_A_RECORD_ID = /^(?:[A-Za-z0-9]+MSP|\d{8,14}|\d{4}-\d{2}-\d{2}.*|\d{1,6})$/;

/**
 * Walks the replayed state from a lot or batch to every record that names it or that it names:
 * lineage edges, events, holds, runs, reports, instruments, calibrations, verifications and
 * recognitions, each with the block and transaction that wrote it. Records a run points to
 * are also shown as they stood at the run's transaction.
 */
export function buildEvidence(
  world: WorldState,
  ns: string,
  subject: string,
  txs: readonly TxSummary[],
  maxNodes = 150,
): EvidenceChain {
  // Audit-trail entries describe changes of records; they are not links of the chain.
  const keyed = world
    .entries(ns)
    .flatMap(([key]) => (parseKey(key) ? [parseKey(key) as Keyed] : []))
    .filter((k) => !TRAIL_TYPES.has(k.type));
  const byId = new Map<string, Keyed[]>();
  for (const k of keyed)
    for (const a of k.attrs) if (!NOT_A_RECORD_ID.test(a)) byId.set(a, [...(byId.get(a) ?? []), k]);
  const byTx = new Map(txs.map((t) => [t.txId, t]));
  const start = keyed.find((k) => k.type === 'lot' && k.attrs[0] === subject);
  if (!start) return { subject, found: false, nodes: [], edges: [], truncated: false };
  const nodes = new Map<string, EvidenceNode>();
  const edges: EvidenceEdge[] = [];
  const seenIds = new Set<string>();
  const queue: {
    k: Keyed;
    depth: number;
    parent: string | undefined;
    parentVersion: ReadVersion | undefined;
  }[] = [{ k: start, depth: 0, parent: undefined, parentVersion: undefined }];
  let truncated = false;
  while (queue.length > 0) {
    const { k, depth, parent, parentVersion } = queue.shift() as (typeof queue)[number];
    if (nodes.has(k.key)) continue;
    if (nodes.size >= maxNodes) {
      truncated = true;
      break;
    }
    const entry = world.get(ns, k.key);
    if (!entry) continue;
    const value = parseJson(entry.value);
    const t = byTx.get(entry.txId);
    const history = world.history(ns, k.key);
    nodes.set(k.key, {
      id: readable(k),
      type: k.type,
      depth,
      block: entry.version.block,
      tx: entry.version.tx,
      txId: entry.txId,
      fn: t?.fn,
      writtenBy: t?.creatorMspId,
      writtenAt: t?.timestamp,
      versions: history.length,
      facts: recordFacts(value),
      asOfLink: parentVersion ? asOf(history, parentVersion, entry.version) : undefined,
    });
    if (parent) edges.push({ from: parent, to: readable(k), via: k.type });
    const ids = [...(k.type.includes('~') ? k.attrs : k.attrs.slice(0, 1)), ...referencedIds(value)];
    for (const id of ids) {
      if (seenIds.has(id) || NOT_A_RECORD_ID.test(id)) continue;
      seenIds.add(id);
      for (const next of byId.get(id) ?? [])
        if (!nodes.has(next.key))
          queue.push({ k: next, depth: depth + 1, parent: readable(k), parentVersion: entry.version });
    }
  }
  return {
    subject,
    found: true,
    nodes: [...nodes.values()],
    edges: edges.filter((e) => [...nodes.values()].some((n) => n.id === e.to)),
    truncated,
  };
}

/** The record's facts as of the linking record's write, when it changed since. */
function asOf(
  history: readonly HistoryEntry[],
  at: ReadVersion,
  current: ReadVersion,
): EvidenceNode['asOfLink'] {
  if (current.block < at.block || (current.block === at.block && current.tx <= at.tx)) return undefined;
  const before = [...history]
    .reverse()
    .find((h) => h.version.block < at.block || (h.version.block === at.block && h.version.tx <= at.tx));
  if (!before) return { block: at.block, tx: at.tx, facts: ['did not exist yet'] };
  return {
    block: before.version.block,
    tx: before.version.tx,
    facts: before.isDelete ? ['deleted'] : recordFacts(parseJson(before.value)),
  };
}

/** Splits a composite key (`\0type\0attr1\0...\0`); undefined for a plain key. */
export function parseKey(key: string): Keyed | undefined {
  if (!key.startsWith('\u0000')) return undefined;
  const parts = key.slice(1).split('\u0000');
  const type = parts[0] ?? '';
  return { key, type, attrs: parts.slice(1, parts[parts.length - 1] === '' ? -1 : undefined) };
}

const readable = (k: Keyed): string => `${k.type}/${k.attrs.join('/')}`;

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
