import { connectAllianceClient, type AllianceClient } from '../contracts/alliance-client';
import { DEFAULT_PROFILE_PATH } from '../connect/profile';
import { newPrinter, type Printer } from './output';
import { UsageError } from './exit-codes';

/** The global options of every command. */
export interface GlobalOptions {
  profile?: string;
  as?: string;
  json?: boolean;
}

/** What a command needs: a printer, and a client opened on first use and closed at the end. */
export interface CliContext {
  readonly printer: Printer;
  readonly profilePath: string;
  client(): AllianceClient;
  close(): void;
}

/**
 * Builds the context from the global options (nothing is dialled until a command asks for the client).
 * @param stdout - where results go (default: the process's stdout)
 */
export function newCliContext(opts: GlobalOptions, stdout?: (s: string) => void): CliContext {
  let client: AllianceClient | undefined;
  const profilePath = opts.profile ?? process.env.ALLIANCE_PROFILE ?? DEFAULT_PROFILE_PATH;
  return {
    printer: newPrinter(Boolean(opts.json), stdout),
    profilePath,
    client: () => {
      if (client) return client;
      const identity = opts.as ?? process.env.ALLIANCE_AS;
      if (!identity)
        throw new UsageError('say who acts: --as org/user (e.g. --as supplier/User1), or set ALLIANCE_AS');
      client = connectAllianceClient({ profile: profilePath, identity });
      return client;
    },
    close: () => {
      client?.close();
    },
  };
}
