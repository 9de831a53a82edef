import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  USER_ROLES,
  addProfileIdentity,
  findOrgCa,
  issueIdentity,
  withCertificateRevoked,
} from '../../admin';
import { findOrg, parseIdentityName } from '../../connect/identity';
import { loadProfile } from '../../connect/profile';
import type { CliContext } from '../context';
import { UsageError } from '../exit-codes';
import { originalConfig, writeUpdate } from './config';

/** The one role a new certificate carries (the ledger reads one role per certificate: segregation of duties). */
function roleOf(list: string): string {
  const roles = list
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const [role] = roles;
  if (!role || roles.length > 1) {
    throw new UsageError(
      `a certificate carries exactly one user role (the ledger separates duties by certificate): issue one identity per role, got "${list}"`,
    );
  }
  if (!(USER_ROLES as readonly string[]).includes(role))
    throw new UsageError(`unknown role "${role}" (roles: ${USER_ROLES.join(', ')})`);
  return role;
}

/** `alliance identity issue|revoke`. */
export function registerIdentityCommands(program: Command, context: () => CliContext): void {
  const identity = program
    .command('identity')
    .description("issue and revoke users' certificates with their org's CA");
  identity
    .command('issue <orgUser>')
    .description(
      'issue a user certificate from the org CA with its role attribute, in the crypto layout and the profile',
    )
    .requiredOption('--roles <role>', `the user's role: ${USER_ROLES.join(' | ')}`)
    .option('--ca-dir <dir>', "the org's CA folder (default: found beside its identities)")
    .action(async (name: string, opts: { roles: string; caDir?: string }) => {
      const ctx = context();
      const { org, user } = parseIdentityName(name);
      const role = roleOf(opts.roles);
      const profile = loadProfile(ctx.profilePath);
      findOrg(profile, org);
      if (profile.orgs[org]?.identities[user])
        throw new UsageError(`${org}/${user} exists already in the profile`);
      const issued = await issueIdentity(findOrgCa(profile, org, opts.caDir), user, role);
      addProfileIdentity(ctx.profilePath, org, user, {
        certFile: issued.certFile,
        keyFile: issued.keyFile,
        roles: [role],
      });
      if (ctx.printer.json)
        ctx.printer.result({
          identity: `${org}/${user}`,
          role,
          certFile: issued.certFile,
          keyFile: issued.keyFile,
        });
      else
        ctx.printer.line(
          `issued ${org}/${user} (role ${role}): ${issued.certFile}; use it with --as ${org}/${user}`,
        );
    });

  identity
    .command('revoke <orgUser>')
    .description(
      "build the config update adding the user's certificate to the org CRL (then sign by the org admin and submit)",
    )
    .requiredOption('-o, --output <file>', 'where to write the update')
    .option('--ca-dir <dir>', "the org's CA folder (default: found beside its identities)")
    .option('--config <file>', 'start from this config (config fetch -o) instead of fetching it')
    .action(async (name: string, opts: { output: string; caDir?: string; config?: string }) => {
      const ctx = context();
      const { org, user } = parseIdentityName(name);
      const profile = loadProfile(ctx.profilePath);
      const files = findOrg(profile, org).identities[user];
      if (!files) throw new UsageError(`${org}/${user} is not in the profile`);
      const original = await originalConfig(ctx, opts.config);
      const revocation = await withCertificateRevoked(
        original.config,
        org,
        readFileSync(files.certFile, 'utf8'),
        findOrgCa(profile, org, opts.caDir),
      );
      ctx.printer.line(
        `revoking ${org}/${user} (serial ${revocation.serial}); ${org}'s CRL will list ${revocation.revoked.length} certificate(s)`,
      );
      writeUpdate(ctx, original, revocation.config, opts.output);
    });
}
