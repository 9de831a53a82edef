import { join } from 'node:path';

/** Where the embedded network keeps everything under its state directory (`.alliance/`). */
export interface StateLayout {
  readonly root: string;
  /** The connection profile clients read. */
  readonly profile: string;
  /** The definition the network was last started with (deploy and restart read it). */
  readonly definition: string;
  /** One data directory per node, by host name. */
  nodeDir(host: string): string;
  /** Installed chaincode packages (one file per chaincode name). */
  readonly installDir: string;
  /** Pid files of the processes `up` and `deploy` started. */
  pidFile(name: string): string;
  readonly runDir: string;
  /** Log files. */
  logFile(name: string): string;
  readonly logDir: string;
}

/** The layout of a state directory. */
export function stateLayout(root: string): StateLayout {
  return {
    root,
    profile: join(root, 'network.json'),
    definition: join(root, 'definition.json'),
    nodeDir: (host) => join(root, 'nodes', host),
    installDir: join(root, 'chaincodes'),
    runDir: join(root, 'run'),
    pidFile: (name) => join(root, 'run', `${name}.pid`),
    logDir: join(root, 'logs'),
    logFile: (name) => join(root, 'logs', `${name}.log`),
  };
}
