import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ConnectionProfile } from './types';

/** The profile file is missing or not a connection profile. */
export class ProfileError extends Error {
  /** Stable code: PROFILE_NOT_FOUND | PROFILE_INVALID. */
  constructor(
    readonly code: 'PROFILE_NOT_FOUND' | 'PROFILE_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'ProfileError';
  }
}

/** Writes the profile atomically (temp file + rename), so readers never see half a file. */
export function writeProfile(file: string, profile: ConnectionProfile): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(profile, null, 2)}\n`);
  renameSync(temp, file);
}

/** Reads and checks a profile written by {@link writeProfile}. */
export function readProfile(file: string): ConnectionProfile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ProfileError(
      'PROFILE_NOT_FOUND',
      `no connection profile at ${file}; start the network first (scripts/network.sh up)`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ProfileError(
      'PROFILE_INVALID',
      `${file} is not JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (!isProfile(parsed))
    throw new ProfileError(
      'PROFILE_INVALID',
      `${file} is not a connection profile (needs runtime, channel, chaincode, orderer and orgs)`,
    );
  return parsed;
}

function isProfile(value: unknown): value is ConnectionProfile {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    (p.runtime === 'embedded' || p.runtime === 'fabric') &&
    typeof p.channel === 'string' &&
    typeof p.chaincode === 'string' &&
    typeof p.orderer === 'object' &&
    p.orderer !== null &&
    typeof p.orgs === 'object' &&
    p.orgs !== null
  );
}
