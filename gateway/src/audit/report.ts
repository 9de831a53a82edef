import { peer } from '@hyperledger/fabric-protos';
import type { EvidenceChain } from './evidence';
import type { DefinitionCommit } from './lifecycle-approvals';
import type { ReplayOutcome } from './replay';
import type { StateComparison } from './state-probe';
import type { Anomaly, OrgActivity } from './types';

/** The audit's findings, for machines (JSON) and, rendered, for people (HTML). */
export interface AuditReport {
  readonly generatedAt: string;
  readonly source: string;
  readonly channel: string | undefined;
  readonly height: number;
  /** True when nothing of severity `error` was found. */
  readonly clean: boolean;
  readonly summary: {
    readonly blocks: number;
    readonly transactions: number;
    readonly valid: number;
    readonly invalid: number;
    readonly errors: number;
    readonly warnings: number;
    readonly signaturesVerified: number;
    readonly resumedAt: number | undefined;
    readonly wallMs: number;
    readonly cpuMs: number;
    readonly workers: number;
    readonly blocksPerSecond: number;
    /** Transactions replayed and fully verified per second of wall time in this run. */
    readonly verifiedTxPerSecond: number;
  };
  readonly orgs: readonly OrgActivity[];
  /** Limits of what was checked (block 0 taken as served, ...). */
  readonly notes: readonly string[];
  readonly anomalies: readonly Anomaly[];
  /** Chaincode definitions committed, with the approvals counted from the orgs' hashed approvals. */
  readonly definitions: readonly DefinitionCommit[];
  readonly stateComparison: StateComparison | undefined;
  readonly evidence: EvidenceChain | undefined;
}

/** Assembles the report of a replay and the optional peer comparison and evidence chain. */
export function buildReport(o: {
  source: string;
  outcome: ReplayOutcome;
  workers: number;
  /** Whether block 0 was checked against a hash known out of band. */
  genesisTrusted: boolean;
  comparison?: StateComparison;
  evidence?: EvidenceChain;
  now?: Date;
}): AuditReport {
  const s = o.outcome.state;
  const anomalies = [...s.anomalies, ...(o.comparison?.differences ?? [])].sort(
    (a, b) => a.block - b.block || (a.tx ?? -1) - (b.tx ?? -1),
  );
  const errors = anomalies.filter((a) => a.severity === 'error').length;
  const valid = s.txs.filter((t) => t.auditedCode === peer.TxValidationCode.VALID).length;
  const seconds = o.outcome.wallMs / 1000;
  const rate = (n: number): number => (seconds > 0 ? Math.round((n / seconds) * 10) / 10 : 0);
  return {
    generatedAt: (o.now ?? new Date()).toISOString(),
    source: o.source,
    channel: s.config?.channelId,
    height: o.outcome.height,
    clean: errors === 0,
    summary: {
      blocks: s.nextBlock,
      transactions: s.txs.length,
      valid,
      invalid: s.txs.length - valid,
      errors,
      warnings: anomalies.length - errors,
      signaturesVerified: s.signatures,
      resumedAt: o.outcome.resumedAt,
      wallMs: Math.round(o.outcome.wallMs),
      cpuMs: Math.round(o.outcome.cpuMs),
      workers: o.workers,
      blocksPerSecond: rate(o.outcome.blocksReplayed),
      verifiedTxPerSecond: rate(o.outcome.txsReplayed),
    },
    orgs: [...s.orgs.values()].sort((a, b) => a.mspId.localeCompare(b.mspId)),
    notes: [
      ...(o.genesisTrusted
        ? []
        : [
            'block 0 was taken as served: no trusted genesis hash was given (--genesis-hash or the trust store), so a rewritten genesis config would go unseen',
          ]),
      ...privateDataNotes(o.outcome.state),
      ...(o.comparison?.notes ?? []),
    ],
    anomalies,
    definitions: s.definitions,
    stateComparison: o.comparison,
    evidence: o.evidence,
  };
}

/** What the replay could and could not check of private data and chaincode approvals. */
function privateDataNotes(s: ReplayOutcome['state']): string[] {
  const rows = s.world.hashed.rows();
  const collections = new Set(rows.map((r) => `${r.ns}/${r.collection}`));
  const notes = rows.length
    ? [
        `private data: ${rows.length} keys in ${collections.size} collections are known by hashes only; their writers' endorsement policies, MVCC versions and hashed writes were checked, their values were not`,
      ]
    : [];
  for (const d of s.definitions) {
    notes.push(
      d.approvals === 'checked'
        ? `chaincode ${d.name} sequence ${d.sequence} (block ${d.block}): approved by ${d.approvedBy.join(', ') || 'no org'} of ${d.orgs.join(', ')} (counted from the hashes of their approvals), endorsed by ${d.endorsedBy.join(', ')}`
        : `chaincode ${d.name} sequence ${d.sequence} (block ${d.block}): the ledger records no approvals (its lifecycle writes none); its commit was checked against LifecycleEndorsement only`,
    );
  }
  return notes;
}
