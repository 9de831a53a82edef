import type { Command } from 'commander';
import type { TransactionSpec } from '../../contracts/typed-invoker';
import { COMMAND_GROUPS, type CommandEntry } from '../command-table';
import type { CliContext } from '../context';
import { readInput, type InputOptions } from '../input';
import { committedLines } from '../output';

/** Adds the input flags every transaction command shares. */
export function withInputOptions(cmd: Command): Command {
  return cmd
    .option('-i, --input <file>', 'input JSON file (- for stdin)')
    .option('-d, --data <json>', 'input as JSON text')
    .option('-s, --set <key=value...>', 'set an input field (dotted keys nest; JSON values parsed)');
}

/**
 * Runs one transaction and prints its outcome.
 * @param view - a readable view of the result for people (default: key/value lines)
 */
export async function runTransaction(
  ctx: CliContext,
  spec: TransactionSpec<unknown, unknown>,
  input: unknown,
  view?: (value: unknown) => string,
): Promise<void> {
  const invoker = ctx.client().invoker;
  const show = (value: unknown): void => {
    if (view && !ctx.printer.json) ctx.printer.line(view(value));
    else ctx.printer.result(value);
  };
  if (spec.kind === 'evaluate') {
    show(await invoker.evaluate(spec, input));
    return;
  }
  const c = await invoker.submit(spec, input);
  if (ctx.printer.json) ctx.printer.result(c);
  else {
    for (const l of committedLines(c)) ctx.printer.line(l);
    if (c.result !== undefined) show(c.result);
  }
}

function addEntry(group: Command, entry: CommandEntry, context: () => CliContext): void {
  withInputOptions(group.command(entry.idField ? `${entry.name} [${entry.idField}]` : entry.name))
    .description(`${entry.description} (${entry.spec.contract}:${entry.spec.name})`)
    .action(async (...args: unknown[]) => {
      const id = entry.idField ? (args[0] as string | undefined) : undefined;
      const opts = (entry.idField ? args[1] : args[0]) as InputOptions;
      await runTransaction(
        context(),
        entry.spec,
        readInput(opts, entry.idField, id) ?? emptyInputIfValid(entry.spec),
        entry.view,
      );
    });
}

/** `{}` for transactions whose every input field is optional (`product list`), so they run without flags. */
function emptyInputIfValid(spec: TransactionSpec<unknown, unknown>): unknown {
  if (!spec.parseInput) return undefined;
  try {
    spec.parseInput({});
    return {};
  } catch {
    // Some field is required: send nothing, and let the parser name what is missing.
    return undefined;
  }
}

/** Registers every group of the command table. */
export function registerTransactionCommands(program: Command, context: () => CliContext): void {
  for (const g of COMMAND_GROUPS) {
    const group = program.command(g.name).description(g.description);
    for (const entry of g.commands) addEntry(group, entry, context);
    if (g.genericContract) {
      const contract = g.genericContract;
      withInputOptions(group.command('call <transaction>'))
        .description(
          `call ${contract}:<transaction> with a JSON input (transactions not yet wired one by one)`,
        )
        .option('-e, --evaluate', 'evaluate (query) instead of submitting')
        .action(async (tx: string, opts: InputOptions & { evaluate?: boolean }) => {
          await runTransaction(
            context(),
            { contract, name: tx, kind: opts.evaluate ? 'evaluate' : 'submit' },
            readInput(opts),
          );
        });
    }
  }
}
