import { existsSync } from 'node:fs';
import { readProfile } from '../profile/file';
import { stateLayout } from '../runtime/layout';

/** The two runtimes: the embedded Fabric-compatible network, or real Fabric binaries. */
export type RuntimeName = 'embedded' | 'fabric';

/** An unknown runtime name. */
export class UnknownRuntimeError extends Error {
  readonly code = 'UNKNOWN_RUNTIME';
  constructor(name: string) {
    super(`unknown runtime "${name}": use embedded or fabric`);
    this.name = 'UnknownRuntimeError';
  }
}

/** The runtime asked for: the option, else ALLIANCE_RUNTIME, else embedded. */
export function runtimeOf(option: string | undefined, env: NodeJS.ProcessEnv = process.env): RuntimeName {
  const name = option ?? env.ALLIANCE_RUNTIME ?? 'embedded';
  if (name !== 'embedded' && name !== 'fabric') throw new UnknownRuntimeError(name);
  return name;
}

/** The runtime of the network whose profile is in `stateDir` (embedded when there is none). */
export function runtimeInState(stateDir: string): RuntimeName {
  const profile = stateLayout(stateDir).profile;
  return existsSync(profile) ? readProfile(profile).runtime : 'embedded';
}
