import { existsSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fabricLayout } from '../fabric/layout';
import { stateLayout } from '../runtime/layout';

/**
 * Removes a stopped network's data from a state directory: both runtimes' ledgers, the
 * installed chaincodes, the profile and the logs. The crypto material stays, so identities
 * (and files that name them) survive a fresh start. Returns what it removed.
 */
export function wipeData(stateDir: string): string[] {
  const state = stateLayout(stateDir);
  const targets = [
    join(state.root, 'nodes'),
    state.installDir,
    fabricLayout(stateDir).root,
    state.profile,
    state.definition,
    state.logDir,
  ];
  const removed = targets.filter((t) => existsSync(t));
  for (const target of removed) rmSync(target, { recursive: true, force: true });
  return removed.map((t) => basename(t));
}
