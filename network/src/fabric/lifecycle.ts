import type { PeerCli } from './peer-cli';

/** A chaincode definition as the lifecycle commands take it. */
export interface FabricChaincodeDefinition {
  readonly name: string;
  readonly version: string;
  readonly sequence: number;
  readonly packageId: string;
  /** 'MAJORITY Endorsement' (a channel policy) or a signature policy text. */
  readonly policy: string;
}

const IMPLICIT_META = /^(ANY|ALL|MAJORITY)\s+(\w+)$/;

/** The orderer's answer while its Raft node has no leader yet (just after it joined the channel). */
const NO_LEADER = /SERVICE_UNAVAILABLE|no Raft leader/;

/**
 * Runs a command that broadcasts to the orderer, again while the orderer answers that it has no
 * Raft leader yet: a single-node etcdraft channel elects itself a few ticks after the join.
 */
async function whenOrdererLeads<T>(run: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await run();
    } catch (err) {
      if (!NO_LEADER.test(String(err)) || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** The policy arguments of approve, checkcommitreadiness and commit. */
export function policyArgs(policy: string): string[] {
  const meta = IMPLICIT_META.exec(policy.trim());
  return meta
    ? ['--channel-config-policy', `/Channel/Application/${meta[2] ?? 'Endorsement'}`]
    : ['--signature-policy', policy];
}

/** Installs the package on the org's peer unless it is installed already. */
export async function installPackage(cli: PeerCli, file: string, packageId: string): Promise<void> {
  const installed = await cli.run(['lifecycle', 'chaincode', 'queryinstalled', '--output', 'json']);
  if (installed.stdout.includes(packageId)) return;
  await cli.run(['lifecycle', 'chaincode', 'install', file]);
}

/** Approves the definition for the CLI's org (waits for the approval to commit on its peer). */
export async function approveForMyOrg(
  cli: PeerCli,
  channel: string,
  def: FabricChaincodeDefinition,
): Promise<void> {
  await whenOrdererLeads(() =>
    cli.run([
      'lifecycle',
      'chaincode',
      'approveformyorg',
      ...cli.ordererArgs(),
      '--channelID',
      channel,
      ...definitionArgs(def),
      '--package-id',
      def.packageId,
    ]),
  );
}

/** True when the CLI's org has approved this definition (this sequence, with this package id). */
export async function approvedForMyOrg(
  cli: PeerCli,
  channel: string,
  def: FabricChaincodeDefinition,
): Promise<boolean> {
  const args = ['--channelID', channel, '--name', def.name, '--sequence', String(def.sequence)];
  try {
    const out = await cli.run(['lifecycle', 'chaincode', 'queryapproved', ...args, '--output', 'json']);
    return out.stdout.includes(def.packageId);
  } catch {
    // The peer answers an error when the org has approved nothing at this sequence.
    return false;
  }
}

/** Which orgs (by MSP ID) have approved the definition. */
export async function commitReadiness(
  cli: PeerCli,
  channel: string,
  def: FabricChaincodeDefinition,
): Promise<Record<string, boolean>> {
  const out = await cli.run([
    'lifecycle',
    'chaincode',
    'checkcommitreadiness',
    '--channelID',
    channel,
    ...definitionArgs(def),
    '--output',
    'json',
  ]);
  return (JSON.parse(out.stdout) as { approvals: Record<string, boolean> }).approvals;
}

/** Commits the definition, collecting endorsements from every listed peer. */
export async function commitDefinition(
  cli: PeerCli,
  channel: string,
  def: FabricChaincodeDefinition,
  peers: readonly PeerCli[],
): Promise<void> {
  await whenOrdererLeads(() =>
    cli.run([
      'lifecycle',
      'chaincode',
      'commit',
      ...cli.ordererArgs(),
      '--channelID',
      channel,
      ...definitionArgs(def),
      ...peers.flatMap((p) => ['--peerAddresses', p.peerAddress, '--tlsRootCertFiles', p.peerTlsCaFile]),
    ]),
  );
}

/** The committed definition of `name` on the channel, or undefined when there is none. */
export async function queryCommitted(
  cli: PeerCli,
  channel: string,
  name: string,
): Promise<{ version: string; sequence: number } | undefined> {
  try {
    const out = await cli.run([
      'lifecycle',
      'chaincode',
      'querycommitted',
      '--channelID',
      channel,
      '--name',
      name,
      '--output',
      'json',
    ]);
    const parsed = JSON.parse(out.stdout) as { version: string; sequence: number };
    return { version: parsed.version, sequence: parsed.sequence };
  } catch (err) {
    if (/not found|namespace .* is not defined/i.test(String(err))) return undefined;
    throw err;
  }
}

function definitionArgs(def: FabricChaincodeDefinition): string[] {
  return [
    '--name',
    def.name,
    '--version',
    def.version,
    '--sequence',
    String(def.sequence),
    ...policyArgs(def.policy),
  ];
}
