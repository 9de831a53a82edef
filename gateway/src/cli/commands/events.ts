import type { Command } from 'commander';
import type { EventPosition } from '../../events/checkpoint-file';
import { subscribe } from '../../events/subscribe';
import type { CliContext } from '../context';
import { UsageError } from '../exit-codes';

/** `alliance events`: follow domain events with a durable checkpoint. */
export function registerEventsCommand(program: Command, context: () => CliContext): void {
  program
    .command('events')
    .description('follow the domain events; with --checkpoint, resumes where it stopped')
    .option('-c, --checkpoint <file>', 'checkpoint file (written atomically after each event)')
    .option('--from-block <n>', 'first block when there is no checkpoint', '0')
    .option('-n, --limit <n>', 'stop after this many events')
    .action(async (opts: { checkpoint?: string; fromBlock: string; limit?: string }) => {
      const limit = opts.limit === undefined ? Infinity : wholeNumber(opts.limit, '--limit', 1);
      const startBlock = BigInt(wholeNumber(opts.fromBlock, '--from-block', 0));
      const ctx = context();
      const client = ctx.client();
      let seen = 0;
      let resolveLimit: () => void = () => undefined;
      const reached = new Promise<void>((r) => (resolveLimit = r));
      let position: EventPosition | undefined;
      // Past the limit the handler refuses, so those events stay unhandled and unchecked-pointed.
      const limitReached = new Error('limit reached');
      const sub = subscribe(client.connection, {
        checkpoint: opts.checkpoint ?? {
          load: () => position,
          save: (p) => Promise.resolve(void (position = p)),
        },
        startBlock,
        onEvent: (event, at) => {
          if (seen >= limit) throw limitReached;
          seen++;
          if (ctx.printer.json)
            ctx.printer.result({ ...event, blockNumber: at.blockNumber, transactionId: at.transactionId });
          else
            ctx.printer.line(
              `block ${at.blockNumber}  ${event.type.padEnd(24)} ${event.subject.kind} ${event.subject.id}  (${event.id})`,
            );
          if (seen >= limit) resolveLimit();
        },
        onDisconnect: (e, ms) => {
          process.stderr.write(`connection lost (${e.message.split('\n')[0] ?? ''}); retrying in ${ms} ms\n`);
        },
      });
      const interrupted = new Promise<void>((r) => {
        process.once('SIGINT', () => {
          r();
        });
      });
      const ended = sub.done.catch((e: unknown) => {
        if (e !== limitReached) throw e;
      });
      await Promise.race([reached, interrupted, ended]);
      await sub.stop();
    });
}

/** A flag's whole-number value, at least `min`; anything else is a usage error (a NaN limit would never stop). */
function wholeNumber(text: string, flag: string, min: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min)
    throw new UsageError(`${flag} expects a whole number of at least ${min}, got "${text}"`);
  return n;
}
