import { accessSync, constants } from 'node:fs';
import type { Command } from 'commander';
import type { ContractName } from '../../contracts/typed-invoker';
import { verifyDocument } from '../../verify/document';
import type { CliContext } from '../context';
import { EXIT, UsageError } from '../exit-codes';
import { readInput, type InputOptions } from '../input';
import { runTransaction, withInputOptions } from './transactions';

const CONTRACTS: readonly ContractName[] = [
  'members',
  'policy',
  'products',
  'instruments',
  'calibrations',
  'runs',
  'reports',
  'lots',
  'verifications',
  'verdicts',
  'audit',
];

/** Splits `contract:Transaction`. */
export function parseTarget(target: string): { contract: ContractName; name: string } {
  const m = /^([a-z]+):([A-Za-z]\w*)$/.exec(target);
  const contract = m?.[1] as ContractName | undefined;
  if (!m?.[2] || !contract || !CONTRACTS.includes(contract)) {
    throw new UsageError(
      `"${target}" is not <contract>:<Transaction> with a contract among ${CONTRACTS.join(', ')}`,
    );
  }
  return { contract, name: m[2] };
}

/** `alliance invoke <contract:Tx>` and `alliance document verify`. */
export function registerGenericCommands(
  program: Command,
  context: () => CliContext,
  setExit: (code: number) => void,
): void {
  withInputOptions(program.command('invoke <target>'))
    .description('call any transaction as <contract>:<Transaction> with a JSON input')
    .option('-e, --evaluate', 'evaluate (query) instead of submitting')
    .action(async (target: string, opts: InputOptions & { evaluate?: boolean }) => {
      const { contract, name } = parseTarget(target);
      await runTransaction(
        context(),
        { contract, name, kind: opts.evaluate ? 'evaluate' : 'submit' },
        readInput(opts),
      );
    });

  const doc = program.command('document').description('documents anchored on the ledger');
  withInputOptions(doc.command('verify <file>'))
    .description("check a file's SHA-256 against the hash a run or report anchors")
    .option(
      '--from <target>',
      'the query returning the record, as <contract>:<Transaction> (input via -i/-d/-s)',
    )
    .option('--sha256 <hex>', 'the anchored hash, when you already have it')
    .action(async (file: string, opts: InputOptions & { from?: string; sha256?: string }) => {
      readable(file);
      const ctx = context();
      let record: unknown;
      if (opts.sha256) record = { sha256: opts.sha256 };
      else if (opts.from) {
        const { contract, name } = parseTarget(opts.from);
        record = await ctx.client().invoker.evaluate({ contract, name, kind: 'evaluate' }, readInput(opts));
      } else
        throw new UsageError(
          'say where the anchored hash is: --from <contract:Transaction> or --sha256 <hex>',
        );
      const v = await verifyDocument(file, record);
      if (ctx.printer.json) ctx.printer.result(v);
      else
        ctx.printer.line(
          v.matches
            ? `MATCHES: ${file} sha256 ${v.sha256} is anchored at ${v.foundAt ?? ''}`
            : `NO MATCH: ${file} sha256 ${v.sha256} is not among ${v.anchored.length} anchored hash(es)`,
        );
      if (!v.matches) setExit(EXIT.VERIFICATION_FAILED);
    });
}

/** A missing or unreadable document is the user's to fix (exit 1), not a network failure. */
function readable(file: string): void {
  try {
    accessSync(file, constants.R_OK);
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
}
