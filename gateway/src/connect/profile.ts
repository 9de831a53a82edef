import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigurationError } from '../errors/gateway-error';

const endpoint = z.string().regex(/^[^\s:]+:\d{1,5}$/, 'must be host:port');

const identitySchema = z.object({
  certFile: z.string().min(1),
  keyFile: z.string().min(1),
  roles: z.array(z.string()).default([]),
});

const peerSchema = z.object({
  endpoint,
  tlsCaFile: z.string().min(1),
  tlsHostName: z.string().min(1),
});

const orgSchema = z.object({
  mspId: z.string().min(1),
  roles: z.array(z.string()).default([]),
  peer: peerSchema,
  identities: z.record(z.string(), identitySchema),
});

const profileSchema = z.object({
  runtime: z.string().default('embedded'),
  channel: z.string().min(1),
  chaincode: z.string().min(1),
  orderer: z.object({
    mspId: z.string().min(1),
    endpoint,
    tlsCaFile: z.string().min(1),
    tlsHostName: z.string().min(1),
  }),
  orgs: z
    .record(z.string(), orgSchema)
    .refine((orgs) => Object.keys(orgs).length > 0, 'needs at least one org'),
});

/** The connection profile (`.alliance/network.json`), validated; file paths are absolute. */
export type NetworkProfile = z.infer<typeof profileSchema>;
/** One org of the profile. */
export type OrgProfile = NetworkProfile['orgs'][string];
/** A peer's endpoint and TLS settings. */
export type PeerProfile = OrgProfile['peer'];
/** Certificate and key files of one identity. */
export type IdentityProfile = OrgProfile['identities'][string];

/** Where the profile lives when nothing else is said: `.alliance/network.json` under the working directory. */
export const DEFAULT_PROFILE_PATH = '.alliance/network.json';

/**
 * Checks a parsed profile and returns it typed.
 * @param raw - the parsed JSON
 * @param baseDir - directory relative file paths are resolved against
 * @throws {@link ConfigurationError} `PROFILE_INVALID` listing every problem
 */
export function parseProfile(raw: unknown, baseDir: string): NetworkProfile {
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigurationError('PROFILE_INVALID', `connection profile is invalid: ${problems.join('; ')}`);
  }
  return absolutise(parsed.data, baseDir);
}

/**
 * Reads and validates the connection profile.
 * @param path - the profile file (default `.alliance/network.json`)
 * @throws {@link ConfigurationError} `PROFILE_NOT_FOUND` or `PROFILE_INVALID`
 */
export function loadProfile(path: string = DEFAULT_PROFILE_PATH): NetworkProfile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigurationError(
      'PROFILE_NOT_FOUND',
      `cannot read connection profile ${path}: start the network first (scripts/network.sh up) or pass --profile`,
      { cause },
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new ConfigurationError('PROFILE_INVALID', `connection profile ${path} is not JSON`, { cause });
  }
  return parseProfile(raw, dirname(resolve(path)));
}

/** Relative file paths in a profile are read relative to the profile's own directory. */
function absolutise(p: NetworkProfile, baseDir: string): NetworkProfile {
  const abs = (f: string): string => (isAbsolute(f) ? f : resolve(baseDir, f));
  const orgs = Object.fromEntries(
    Object.entries(p.orgs).map(([name, org]) => [
      name,
      {
        ...org,
        peer: { ...org.peer, tlsCaFile: abs(org.peer.tlsCaFile) },
        identities: Object.fromEntries(
          Object.entries(org.identities).map(([u, id]) => [
            u,
            { ...id, certFile: abs(id.certFile), keyFile: abs(id.keyFile) },
          ]),
        ),
      },
    ]),
  );
  return { ...p, orderer: { ...p.orderer, tlsCaFile: abs(p.orderer.tlsCaFile) }, orgs };
}
