import type { Command } from 'commander';
import type { EventPosition } from '../../events/checkpoint-file';
import { subscribe } from '../../events/subscribe';
import type { CliContext } from '../context';

/** `alliance events`: follow domain events with a durable checkpoint. */
export function registerEventsCommand(program: Command, context: () => CliContext): void {
  program
    .command('events')
    .description('follow the domain events; with --checkpoint, resumes where it stopped')
    .option('-c, --checkpoint <file>', 'checkpoint file (written atomically after each event)')
    .option('--from-block <n>', 'first block when there is no checkpoint', '0')
    .option('-n, --limit <n>', 'stop after this many events')
    .action(async (opts: { checkpoint?: string; fromBlock: string; limit?: string }) => {
      const ctx = context();
      const client = ctx.client();
      const limit = opts.limit === undefined ? Infinity : Number(opts.limit);
      let seen = 0;
      let resolveLimit: () => void = () => undefined;
      const reached = new Promise<void>((r) => (resolveLimit = r));
      let position: EventPosition | undefined;
      // Past the limit the handler refuses, so those events stay unhandled and unchecked-pointed.
      const limitReached = new Error('limit reached');
      const sub = subscribe(client.connection, {
        checkpoint: opts.checkpoint ?? { load: () => position, save: (p) => Promise.resolve(void (position = p)) },
        startBlock: BigInt(opts.fromBlock),
        onEvent: (event, at) => {
          if (seen >= limit) throw limitReached;
          seen++;
          if (ctx.printer.json) ctx.printer.result({ ...event, blockNumber: at.blockNumber, transactionId: at.transactionId });
          else ctx.printer.line(`block ${at.blockNumber}  ${event.type.padEnd(24)} ${event.subject.kind} ${event.subject.id}  (${event.id})`);
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
