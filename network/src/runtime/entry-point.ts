import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The value after `name` on a command line. */
export function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** A line with a timestamp on stdout: the background processes' log format. */
export function logLine(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

/** Runs `stop` once on SIGTERM or SIGINT, then exits (1 when stopping failed). */
export function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (): void => {
    if (stopping) return;
    stopping = true;
    logLine('stopping');
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logLine(`stop failed: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/**
 * The compiled entry point `<name>.js` of a folder of the package's sources (`runtime` by
 * default; tests run from sources, so src/ maps to dist/).
 */
export function compiledEntryPoint(name: string, folder = 'runtime'): string {
  const compiled = __filename.endsWith('.ts')
    ? join(__dirname, '..', '..', 'dist', folder, `${name}.js`)
    : join(__dirname, '..', folder, `${name}.js`);
  if (!existsSync(compiled)) throw new Error(`${compiled} is missing; build first (npm run build)`);
  return compiled;
}
