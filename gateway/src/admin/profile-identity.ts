import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { AdminError } from './errors';

/**
 * Adds a user to an org in the connection profile file, so `--as <org>/<user>` finds it. The file
 * is rewritten atomically and keeps everything else it holds.
 * @throws {@link AdminError} `IDENTITY_EXISTS` when the org already has that user, `ORG_NOT_FOUND` when the org is not in the profile
 */
export function addProfileIdentity(
  profilePath: string,
  org: string,
  user: string,
  identity: { certFile: string; keyFile: string; roles: string[] },
): void {
  const raw = JSON.parse(readFileSync(profilePath, 'utf8')) as {
    orgs?: Record<string, { identities?: Record<string, unknown> }>;
  };
  const orgEntry = raw.orgs?.[org];
  if (!orgEntry) throw new AdminError('ORG_NOT_FOUND', `org ${org} is not in the profile ${profilePath}`);
  orgEntry.identities ??= {};
  if (user in orgEntry.identities)
    throw new AdminError('IDENTITY_EXISTS', `the profile already has ${org}/${user}`);
  orgEntry.identities[user] = identity;
  const tmp = `${profilePath}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(raw, null, 2)}\n`);
  renameSync(tmp, profilePath);
}
