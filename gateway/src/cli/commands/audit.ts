import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { renderHtml } from '../../audit/report-html';
import type { AuditReport } from '../../audit/report';
import { runAudit } from '../../audit/run-audit';
import type { BlockSource } from '../../audit/sources/block-source';
import { deliverBlockSource } from '../../audit/sources/deliver-source';
import { directoryBlockSource, writeBlockFile } from '../../audit/sources/directory-source';
import { peerStoreBlockSource } from '../../audit/sources/peer-store-source';
import { fileTrustStore } from '../../verify/trust-store';
import type { CliContext } from '../context';
import { EXIT, UsageError } from '../exit-codes';
import { replayProgressBar } from './audit-progress';
import { registerAuditTrailCommand } from './audit-trail';

interface AuditFlags {
  blocks?: string;
  peerStore?: string;
  genesisHash?: string;
  trustStore?: string;
  checkpoint?: string;
  lot?: string;
  compare?: boolean | string;
  workers?: string;
  report?: string;
  html?: string;
  namespace?: string;
}

/**
 * `alliance audit`: replay and verify the whole ledger; `alliance audit fetch`: save blocks to
 * files; `alliance audit trail`: the chaincode's audit trail of one record.
 */
export function registerAuditCommands(
  program: Command,
  context: () => CliContext,
  setExit: (code: number) => void,
): void {
  const audit = program
    .command('audit')
    .description(
      'replay the ledger from block 0, verify every block, signature and policy, rebuild state; exit 4 on anomalies',
    )
    .option('--blocks <dir>', 'read <n>.block files from a directory (as `audit fetch` writes them)')
    .option('--peer-store <dir>', "read an embedded-network node's block store (<node dir>/blocks/chain.dat)")
    .option(
      '--genesis-hash <hex>',
      "trusted SHA-256 of block 0's header (default: the trust store's block 0)",
    )
    .option('--trust-store <file>', 'trusted block hashes (default: trusted-blocks.json beside the profile)')
    .option('--checkpoint <file>', 'resume from and keep a checkpoint in this file')
    .option('--lot <id>', 'draw the evidence chain of this lot or batch')
    .option(
      '--compare [sample]',
      "compare the rebuilt state with the acting identity's peer (every record, or a sample per type)",
    )
    .option('--workers <n>', 'signature-verification threads (default: every core)')
    .option('--namespace <name>', "the chaincode's namespace", 'provenance')
    .option('--report <file>', 'write the JSON report to a file')
    .option('--html <file>', 'write the HTML report to a file')
    .action(async (flags: AuditFlags) => {
      const ctx = context();
      const source = openSource(ctx, flags);
      const bar = replayProgressBar(!ctx.printer.json);
      let report: AuditReport;
      try {
        report = await runAudit({
          source,
          ...optional('genesisHash', flags.genesisHash ?? trustedGenesis(ctx, flags)),
          ...optional('checkpoint', flags.checkpoint),
          ...optional('lot', flags.lot),
          ...(flags.workers !== undefined ? { workers: count(flags.workers, '--workers') } : {}),
          namespace: flags.namespace ?? 'provenance',
          ...(flags.compare !== undefined
            ? {
                compare: {
                  connection: ctx.client().connection,
                  ...(typeof flags.compare === 'string' ? { sample: count(flags.compare, '--compare') } : {}),
                },
              }
            : {}),
          ...(bar ? { onProgress: bar.update } : {}),
        });
      } finally {
        bar?.stop();
        await source.close();
      }
      if (flags.report) writeFileSync(flags.report, `${JSON.stringify(report, null, 2)}\n`);
      if (flags.html) writeFileSync(flags.html, renderHtml(report));
      if (ctx.printer.json) ctx.printer.result(report);
      else printSummary(ctx, report);
      if (!report.clean) setExit(EXIT.VERIFICATION_FAILED);
    });
  audit
    .command('fetch <dir>')
    .description(
      'save every block the peer serves (Deliver) as <n>.block files, continuing where the directory ends',
    )
    .action(async (dir: string) => {
      const ctx = context();
      const from = existsSync(dir) ? await directoryBlockSource(dir).height() : 0;
      const source = deliverBlockSource(ctx.client().connection);
      const to = await source.height();
      let n = from;
      for await (const bytes of source.blocks(from, to)) await writeBlockFile(dir, n++, bytes);
      ctx.printer.result({ dir, from, to, written: n - from });
    });
  registerAuditTrailCommand(audit, context);
}

function openSource(ctx: CliContext, flags: AuditFlags): BlockSource {
  if (flags.blocks && flags.peerStore) throw new UsageError('give --blocks or --peer-store, not both');
  if (flags.blocks) return directoryBlockSource(flags.blocks);
  if (flags.peerStore) return peerStoreBlockSource(flags.peerStore);
  return deliverBlockSource(ctx.client().connection);
}

/** Block 0's hash from the trust store, when the member recorded one. */
function trustedGenesis(ctx: CliContext, flags: AuditFlags): string | undefined {
  const path = flags.trustStore ?? join(dirname(ctx.profilePath), 'trusted-blocks.json');
  if (!existsSync(path)) return undefined;
  const channel = (JSON.parse(readFileSync(path, 'utf8')) as { channels?: Record<string, unknown> }).channels;
  const name = Object.keys(channel ?? {})[0];
  return name
    ? fileTrustStore(path)
        .anchors(name)
        .find((a) => a.number === 0n)?.hash
    : undefined;
}

function count(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} takes a whole number, not ${text}`);
  return n;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function printSummary(ctx: CliContext, r: AuditReport): void {
  const s = r.summary;
  ctx.printer.line(
    `audited ${s.blocks} blocks, ${s.transactions} transactions (${s.valid} valid, ${s.invalid} invalid) from ${r.source}`,
  );
  ctx.printer.line(
    `${s.signaturesVerified} signatures verified on ${s.workers} threads: ${s.verifiedTxPerSecond} tx/s, ${s.blocksPerSecond} blocks/s`,
  );
  if (r.stateComparison)
    ctx.printer.line(
      `state: ${r.stateComparison.keysCompared} of ${r.stateComparison.keysInState} keys and ${r.stateComparison.hashedKeysCompared} private keys (by hash) compared with the peer of ${r.stateComparison.peerMspId}`,
    );
  if (r.evidence)
    ctx.printer.line(`evidence chain of ${r.evidence.subject}: ${r.evidence.nodes.length} records`);
  for (const n of r.notes) ctx.printer.line(`note: ${n}`);
  for (const a of r.anomalies)
    ctx.printer.line(
      `  ${a.severity === 'error' ? 'FAIL' : 'warn'} block ${a.block}${a.tx !== undefined ? ` tx ${a.tx}` : ''} ${a.check}: ${a.detail}`,
    );
  ctx.printer.line(r.clean ? 'CLEAN: no anomalies' : `ANOMALIES: ${s.errors}`);
}
