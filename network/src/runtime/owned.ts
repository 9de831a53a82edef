import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StateLayout } from './layout';
import { stopPidFile } from './processes';

/** Pid-file prefix of chaincode servers. */
export const CHAINCODE_PID_PREFIX = 'chaincode-';

/**
 * Stops the chaincode servers recorded in the state directory's pid files (and only those),
 * e.g. servers left behind when the network process was killed.
 */
export async function stopOwnedProcesses(
  layout: StateLayout,
  filter: (name: string) => boolean = () => true,
): Promise<boolean> {
  let names: string[];
  try {
    names = readdirSync(layout.runDir).filter(
      (f) => f.startsWith(CHAINCODE_PID_PREFIX) && f.endsWith('.pid'),
    );
  } catch {
    return false;
  }
  const stopped = await Promise.all(
    names.filter((f) => filter(f.slice(0, -4))).map((f) => stopPidFile(join(layout.runDir, f), 3000)),
  );
  return stopped.some(Boolean);
}
