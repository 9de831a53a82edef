import { buildEvidence } from './evidence';
import { replayLedger, type ReplayProgress } from './replay';
import { buildReport, type AuditReport } from './report';
import { createSignaturePool } from './signature-pool';
import type { BlockSource } from './sources/block-source';
import { compareWithPeer } from './state-probe';
import type { AllianceConnection } from '../connect/connection';

/** Options of {@link runAudit}. */
export interface AuditOptions {
  readonly source: BlockSource;
  /** Hex SHA-256 of block 0's header, known out of band; without it block 0 is trusted as served. */
  readonly genesisHash?: string;
  /** Checkpoint file to resume from and to keep up to date. */
  readonly checkpoint?: string;
  /** Signature threads (default: every core; 0 verifies on the calling thread). */
  readonly workers?: number;
  /** The chaincode namespace holding the alliance's records (default `provenance`). */
  readonly namespace?: string;
  /** A lot or batch whose evidence chain the report draws. */
  readonly lot?: string;
  /** Compare the rebuilt state with this connection's peer (every record, or `sample` per type). */
  readonly compare?: { readonly connection: AllianceConnection; readonly sample?: number };
  readonly onProgress?: (p: ReplayProgress) => void;
}

/**
 * Audits a ledger end to end: replays and verifies every block from the source, optionally
 * compares the rebuilt state with a peer and draws a lot's evidence chain, and returns the report.
 */
export async function runAudit(o: AuditOptions): Promise<AuditReport> {
  const pool = createSignaturePool(o.workers);
  try {
    const outcome = await replayLedger({
      source: o.source,
      pool,
      ...(o.genesisHash ? { genesisHash: o.genesisHash } : {}),
      ...(o.checkpoint ? { checkpoint: o.checkpoint } : {}),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
    const ns = o.namespace ?? 'provenance';
    const comparison = o.compare
      ? await compareWithPeer(o.compare.connection, outcome.state, ns, o.compare.sample)
      : undefined;
    const evidence = o.lot ? buildEvidence(outcome.state.world, ns, o.lot, outcome.state.txs) : undefined;
    return buildReport({
      source: o.source.description,
      outcome,
      workers: pool.workers,
      genesisTrusted: o.genesisHash !== undefined,
      ...(comparison ? { comparison } : {}),
      ...(evidence ? { evidence } : {}),
    });
  } finally {
    await pool.close();
  }
}
