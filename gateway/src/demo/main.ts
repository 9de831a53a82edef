#!/usr/bin/env node
/**
 * `node gateway/dist/demo/main.js [--profile file]`: runs the demo against a running network
 * (what `npm start` does after the bootstrap). Exits 1 with the refusal, never a stack trace.
 */
import { isChaincodeError } from '../errors/guards';
import { runDemo } from './run-demo';

function describe(e: unknown): string {
  if (isChaincodeError(e))
    return `${e.code}: ${e.message}${e.issues.map((i) => `\n  ${i.path}: ${i.message}`).join('')}`;
  return e instanceof Error ? e.message : String(e);
}

async function main(argv: readonly string[]): Promise<number> {
  const at = argv.indexOf('--profile');
  const profile = at >= 0 ? argv[at + 1] : undefined;
  try {
    await runDemo(profile === undefined ? {} : { profile });
    return 0;
  } catch (e) {
    process.stderr.write(`\nthe demo stopped: ${describe(e)}\n`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
