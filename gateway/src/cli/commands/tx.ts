import { join, dirname } from 'node:path';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { peerLedgerSource } from '../../verify/ledger-source';
import { fileTrustStore } from '../../verify/trust-store';
import { verifyTransaction, type TransactionVerification } from '../../verify/verify-transaction';
import type { CliContext } from '../context';
import { isFabricStageError } from '../../errors/guards';
import { EXIT, UsageError, VerificationFailedError } from '../exit-codes';

/** `alliance tx verify <txId>`: recompute a transaction's validity without trusting the peer. */
export function registerTxCommands(
  program: Command,
  context: () => CliContext,
  setExit: (code: number) => void,
): void {
  const tx = program.command('tx').description('transactions');
  tx.command('verify <txId>')
    .description(
      "verify a transaction's signatures, endorsement policy and block chain without trusting the peer",
    )
    .option(
      '--trust-store <file>',
      'file of trusted block hashes (default: trusted-blocks.json beside the profile)',
    )
    .action(async (txId: string, opts: { trustStore?: string }) => {
      if (!/^[0-9a-f]{64}$/.test(txId))
        throw new UsageError(`"${txId}" is not a transaction id (64 lower-case hex digits)`);
      const ctx = context();
      const client = ctx.client();
      const store = fileTrustStore(opts.trustStore ?? join(dirname(ctx.profilePath), 'trusted-blocks.json'));
      const bar =
        !ctx.printer.json && process.stderr.isTTY
          ? new SingleBar({ format: 'linking blocks [{bar}] {value}/{total}', clearOnComplete: true })
          : undefined;
      let started = false;
      const v = await verifyTransaction(peerLedgerSource(client.connection), txId, {
        trustStore: store,
        onProgress: (done, total) => {
          if (!bar || total < 20) return;
          if (!started) bar.start(total, 0);
          started = true;
          bar.update(done);
        },
      }).catch((e: unknown) => {
        throw notOnLedger(e, txId) ?? e;
      });
      bar?.stop();
      if (ctx.printer.json) ctx.printer.result(v);
      else printVerification(ctx, v);
      if (!v.verified) setExit(EXIT.VERIFICATION_FAILED);
    });
}

function printVerification(ctx: CliContext, v: TransactionVerification): void {
  ctx.printer.line(`transaction ${v.txId}: block ${v.blockNumber}, index ${v.txIndex}`);
  ctx.printer.line(`peer says: ${v.peerValidationName}`);
  for (const f of v.findings)
    ctx.printer.line(`  ${f.ok ? 'ok  ' : 'FAIL'} ${f.check.padEnd(18)} ${f.detail}`);
  for (const n of v.notes) ctx.printer.line(`  note: ${n}`);
  if (v.contradictsPeer)
    ctx.printer.line(
      'the peer marks this transaction VALID but the checks above fail: its validation flag cannot be trusted',
    );
  ctx.printer.line(
    v.verified
      ? 'VERIFIED'
      : `VERIFICATION FAILED: ${v.findings
          .filter((f) => !f.ok)
          .map((f) => f.check)
          .join(', ')}`,
  );
}

/** The peer's answer for a transaction id its index does not hold (qscc's wording on Fabric and the embedded network). */
const NO_SUCH_TRANSACTION = /no such transaction ID|entry not found in index/i;

/** A verification failure naming the transaction when the peer has no such transaction; otherwise undefined. */
function notOnLedger(e: unknown, txId: string): VerificationFailedError | undefined {
  if (!isFabricStageError(e, 'query') || !NO_SUCH_TRANSACTION.test(e.message)) return undefined;
  return new VerificationFailedError(
    `transaction ${txId} is not on the ledger this peer holds: nothing to verify`,
  );
}
