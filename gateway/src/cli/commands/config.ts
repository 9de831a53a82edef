import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  applicationOrgs,
  applyConfigUpdate,
  checkUpdateAuthorization,
  computeConfigUpdate,
  decodeConfig,
  diffConfigs,
  fetchChannelConfig,
  findOrgCa,
  flattenGroup,
  formatDiff,
  newUpdateEnvelope,
  readOrgFile,
  readUpdateFile,
  signUpdate,
  signerOf,
  submitConfigUpdate,
  withCertificateRevoked,
  withOrgAdded,
  withOrgRemoved,
  writeBytesAtomic,
  writeUpdateFile,
  type ConfigElement,
  type UpdateAuthorization,
  type common,
} from '../../admin';
import { loadProfileIdentity } from '../../connect/identity';
import { loadProfile } from '../../connect/profile';
import type { CliContext, GlobalOptions } from '../context';
import { UsageError } from '../exit-codes';

type Ctx = () => CliContext;

/** The channel config an update starts from: a `config fetch -o` file, or fetched through the peer. */
export async function originalConfig(
  ctx: CliContext,
  file: string | undefined,
): Promise<{ config: common.Config; channel: string }> {
  if (file) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new UsageError(`cannot read config file ${file}`);
    }
    return { config: decodeConfig(bytes), channel: loadProfile(ctx.profilePath).channel };
  }
  const conn = ctx.client().connection;
  return { config: (await fetchChannelConfig(conn)).config, channel: conn.channel };
}

function identityName(program: Command): string {
  const name = program.opts<GlobalOptions>().as ?? process.env.ALLIANCE_AS;
  if (!name)
    throw new UsageError('say who signs: --as org/Admin (e.g. --as brand/Admin), or set ALLIANCE_AS');
  return name;
}

function printAuthorization(ctx: CliContext, auth: UpdateAuthorization): void {
  ctx.printer.line(`signatures (${auth.signatures.length}):`);
  for (const s of auth.signatures)
    ctx.printer.line(
      `  ${s.problem ? 'REFUSED' : 'ok     '} ${s.mspId} ${s.signer}${s.problem ? `: ${s.problem}` : ` (${s.roles.join(', ')})`}`,
    );
  for (const p of auth.problems) ctx.printer.line(`problem: ${p}`);
  for (const r of auth.required)
    ctx.printer.line(
      `${r.outcome.satisfied ? 'satisfied    ' : 'NOT SATISFIED'} ${r.policy}: ${r.outcome.explanation}`,
    );
  ctx.printer.line(
    auth.authorized ? 'ready to submit' : 'not ready: more signatures (or a fresh update) needed',
  );
  if (!auth.authorized && auth.problems.length === 0)
    ctx.printer.line("note: config submit adds the submitter's own signature, which may be the one missing");
}

/** The elements an update writes, by key, for when no config is at hand to diff against. */
function writtenElements(update: common.ConfigUpdate): string[] {
  const read = update.getReadSet();
  const readMap = read ? flattenGroup(read) : new Map<string, ConfigElement>();
  const write = update.getWriteSet();
  return write
    ? [...flattenGroup(write)]
        .filter(([k, e]) => readMap.get(k)?.version !== e.version)
        .map(([k, e]) => `${k} -> version ${e.version}`)
    : [];
}

interface UpdateOptions {
  addOrg?: string;
  orgName?: string;
  removeOrg?: string;
  revokeCert?: string;
  org?: string;
  caDir?: string;
  config?: string;
  output: string;
}

async function modifiedConfig(
  ctx: CliContext,
  config: common.Config,
  opts: UpdateOptions,
): Promise<common.Config> {
  const chosen = [opts.addOrg, opts.removeOrg, opts.revokeCert].filter((o) => o !== undefined);
  if (chosen.length !== 1)
    throw new UsageError(
      'say one change: --add-org <definition>, --remove-org <MSPID> or --revoke-cert <cert.pem> --org <name>',
    );
  if (opts.addOrg) return withOrgAdded(config, readOrgFile(opts.addOrg, opts.orgName));
  if (opts.removeOrg) return withOrgRemoved(config, opts.removeOrg);
  if (!opts.org) throw new UsageError('--revoke-cert needs --org <name> (the org whose CA issued it)');
  let pem: string;
  try {
    pem = readFileSync(opts.revokeCert ?? '', 'utf8');
  } catch {
    throw new UsageError(`cannot read certificate ${opts.revokeCert ?? ''}`);
  }
  const ca = findOrgCa(loadProfile(ctx.profilePath), opts.org, opts.caDir);
  const revocation = await withCertificateRevoked(config, opts.org, pem, ca);
  ctx.printer.line(
    `revoking ${revocation.subject} (serial ${revocation.serial}); the CRL of ${opts.org}'s CA lists ${revocation.revoked.length} certificate(s)`,
  );
  return revocation.config;
}

/** Builds the update from the original and modified configs, writes it to `output`, prints the diff. */
export function writeUpdate(
  ctx: CliContext,
  original: { config: common.Config; channel: string },
  updated: common.Config,
  output: string,
): void {
  const update = computeConfigUpdate(original.config, updated, original.channel);
  writeUpdateFile(output, newUpdateEnvelope(update));
  const changes = diffConfigs(original.config, updated);
  if (ctx.printer.json) ctx.printer.result({ file: output, channel: original.channel, changes });
  else {
    for (const line of formatDiff(changes)) ctx.printer.line(line);
    ctx.printer.line(
      `wrote ${output}; next: alliance config sign ${output} --as <org>/Admin (by each admin the policy needs), then alliance config submit ${output}`,
    );
  }
}

/** `alliance config fetch|update|sign|show|submit`. */
export function registerConfigCommands(program: Command, context: Ctx): void {
  const cfg = program
    .command('config')
    .description('channel configuration: membership, CRLs and policies through signed config updates');
  cfg
    .command('fetch')
    .description('fetch the latest config block through the peer (cscc GetConfigBlock) and decode its config')
    .option('-o, --output <file>', 'write the config (common.Config bytes, as configtxlator reads them) here')
    .action(async (opts: { output?: string }) => {
      const ctx = context();
      const got = await fetchChannelConfig(ctx.client().connection);
      if (opts.output) writeBytesAtomic(opts.output, got.config.serializeBinary());
      const orgs = applicationOrgs(got.config).map((o) => ({ org: o.name, mspId: o.mspId }));
      if (ctx.printer.json)
        ctx.printer.result({
          channel: got.channelId,
          configBlock: got.blockNumber,
          sequence: got.config.getSequence(),
          orgs,
          file: opts.output,
        });
      else {
        ctx.printer.line(
          `channel ${got.channelId}: config block ${got.blockNumber}, sequence ${got.config.getSequence()}${opts.output ? `, written to ${opts.output}` : ''}`,
        );
        ctx.printer.result(orgs);
      }
    });

  cfg
    .command('update')
    .description(
      'build a config update (add an org, remove an org, or revoke a certificate) and print the diff',
    )
    .option(
      '--add-org <file>',
      "the org's definition: org-group.pb or org.json from network.sh add-org, or a JSON MSP definition",
    )
    .option('--org-name <name>', 'the group name of the org to add (default: from its definition)')
    .option('--remove-org <mspId>', 'remove this org (MSP ID or org name) from the channel')
    .option('--revoke-cert <cert.pem>', "add this certificate to its org's CRL")
    .option('--org <name>', 'the org whose CA issued the certificate to revoke')
    .option('--ca-dir <dir>', "the org's CA folder (default: found beside its identities)")
    .option('--config <file>', 'start from this config (config fetch -o) instead of fetching it')
    .requiredOption('-o, --output <file>', 'where to write the update (a ConfigUpdateEnvelope)')
    .action(async (opts: UpdateOptions) => {
      const ctx = context();
      const original = await originalConfig(ctx, opts.config);
      writeUpdate(ctx, original, await modifiedConfig(ctx, original.config, opts), opts.output);
    });

  cfg
    .command('sign <update>')
    .description('add your ConfigSignature to an update file (offline; --as org/Admin)')
    .action((file: string) => {
      const ctx = context();
      const identity = loadProfileIdentity(loadProfile(ctx.profilePath), identityName(program));
      const signed = signUpdate(readUpdateFile(file).envelope, identity);
      writeUpdateFile(file, signed);
      const signers = signed
        .getSignaturesList()
        .map(signerOf)
        .map((s) => s.mspId);
      if (ctx.printer.json) ctx.printer.result({ file, signedBy: identity.mspId, signers });
      else
        ctx.printer.line(
          `signed ${file} as ${identity.org ?? ''}/${identity.user ?? ''} (${identity.mspId}); signatures now: ${signers.join(', ')}`,
        );
    });

  cfg
    .command('show <update>')
    .description('show what an update changes, who signed it, and whether the signatures suffice')
    .option('--config <file>', 'check against this config (config fetch -o) instead of fetching it')
    .option('--offline', 'do not contact the network: list the written elements and the signers only')
    .action(async (file: string, opts: { config?: string; offline?: boolean }) => {
      const ctx = context();
      const { envelope, update } = readUpdateFile(file);
      ctx.printer.line(`update for channel ${update.getChannelId()}`);
      if (opts.offline && !opts.config) {
        const signers = envelope
          .getSignaturesList()
          .map(signerOf)
          .map((s) => s.mspId);
        if (ctx.printer.json)
          ctx.printer.result({ channel: update.getChannelId(), writes: writtenElements(update), signers });
        else {
          for (const w of writtenElements(update)) ctx.printer.line(`  writes ${w}`);
          ctx.printer.line(`signed by: ${signers.join(', ') || 'nobody yet'}`);
        }
        return;
      }
      const original = await originalConfig(ctx, opts.config);
      const changes = diffConfigs(original.config, applyConfigUpdate(original.config, update));
      const auth = checkUpdateAuthorization(original.config, envelope, update.getChannelId());
      if (ctx.printer.json) {
        ctx.printer.result({ channel: update.getChannelId(), changes, authorization: auth });
        return;
      }
      for (const line of formatDiff(changes)) ctx.printer.line(line);
      printAuthorization(ctx, auth);
    });

  cfg
    .command('submit <update>')
    .description(
      "send the signed update to the orderer (adds the submitter's signature) and wait for the config block",
    )
    .option('--force', 'send even when the signatures look insufficient (the orderer decides)')
    .option('--timeout <ms>', 'how long to wait for the config block', '30000')
    .action(async (file: string, opts: { force?: boolean; timeout: string }) => {
      const ctx = context();
      const { envelope } = readUpdateFile(file);
      if (!/^\d+$/.test(opts.timeout))
        throw new UsageError(`--timeout expects milliseconds, got "${opts.timeout}"`);
      const applied = await submitConfigUpdate(ctx.client().connection, envelope, {
        force: Boolean(opts.force),
        timeoutMs: Number(opts.timeout),
      });
      if (ctx.printer.json) ctx.printer.result(applied);
      else {
        ctx.printer.line(`applied: config block ${applied.blockNumber}, sequence ${applied.sequence}`);
        for (const line of formatDiff(applied.changes)) ctx.printer.line(line);
      }
    });
}
