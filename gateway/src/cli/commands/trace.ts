import type { Command } from 'commander';
import type { CliContext } from '../context';
import { tree } from '../output';

/** `alliance trace <lotId>`: backward and forward lineage as trees. */
export function registerTraceCommand(program: Command, context: () => CliContext): void {
  program
    .command('trace <lotId>')
    .description(
      'lineage of a lot or batch: what it was made from (backward) and what it went into (forward)',
    )
    .option('--forward', 'only what it went into')
    .option('--backward', 'only what it was made from')
    .action(async (lotId: string, opts: { forward?: boolean; backward?: boolean }) => {
      const ctx = context();
      const lots = ctx.client().lots;
      const both = !opts.forward && !opts.backward;
      const backward = both || opts.backward ? await lots.traceBackward({ lotId }) : undefined;
      const forward = both || opts.forward ? await lots.traceForward({ lotId }) : undefined;
      if (ctx.printer.json) {
        ctx.printer.result({ ...(backward ? { backward } : {}), ...(forward ? { forward } : {}) });
        return;
      }
      if (backward) ctx.printer.line(`made from (backward):\n${tree(backward)}`);
      if (forward) ctx.printer.line(`went into (forward):\n${tree(forward)}`);
    });
}
