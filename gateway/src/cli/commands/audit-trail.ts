import type { AuditTrailEntry, FieldChange, RecordRef } from '@alliance/chaincode/model';
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { UsageError } from '../exit-codes';

/** `alliance audit trail <objectType> [attributes...]` or `--key <key>`: a record's audit trail. */
export function registerAuditTrailCommand(audit: Command, context: () => CliContext): void {
  audit
    .command('trail [objectType] [attributes...]')
    .description(
      'every change of one record (who, when, why, old → new), e.g. `audit trail lot <lotId>` (audit:GetAuditTrail)',
    )
    .option('--key <key>', 'a plain key instead of a composite one, e.g. policy.current')
    .action(async (objectType: string | undefined, attributes: string[], opts: { key?: string }) => {
      const ctx = context();
      const entries = await ctx.client().audit.trail(recordRef(objectType, attributes, opts.key));
      if (ctx.printer.json) ctx.printer.result(entries);
      else
        ctx.printer.line(
          entries.length === 0
            ? '(no changes since the record was created)'
            : entries.map(describeEntry).join('\n\n'),
        );
    });
}

function recordRef(objectType: string | undefined, attributes: string[], key: string | undefined): RecordRef {
  if (key !== undefined && objectType === undefined) return { key };
  if (key === undefined && objectType !== undefined) return { objectType, attributes };
  throw new UsageError('name the record by <objectType> [attributes...] or by --key <key>, not both');
}

/** One entry as lines for people: the change's header, then one line per field. */
export function describeEntry(e: AuditTrailEntry): string {
  const claimed =
    e.eventTime === undefined ? '' : ` (event time ${e.eventTime}, ${e.eventTimeZoneOffset ?? ''})`;
  return [
    `${e.at}${claimed}  ${e.by.printedName} (${e.by.mspId})  ${e.transaction}  tx ${e.txId.slice(0, 16)}…`,
    `  reason: ${e.reason}`,
    `  version ${e.previousVersionHash.slice(0, 12)}… → ${e.versionHash.slice(0, 12)}…`,
    ...e.changes.map(describeChange),
  ].join('\n');
}

function describeChange(c: FieldChange): string {
  const show = (v: unknown): string => JSON.stringify(v);
  if (c.kind === 'ADDED') return `  + ${c.field}: ${show(c.new)}`;
  if (c.kind === 'REMOVED') return `  - ${c.field}: ${show(c.old)}`;
  return `  ~ ${c.field}: ${show(c.old)} → ${show(c.new)}`;
}
