import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { common } from '@hyperledger/fabric-protos';
import { loadCryptoMaterial } from '../crypto';
import type { OrgDefinition } from '../definition';
import type { ConnectionProfile } from '../profile/types';
import { livePid } from '../runtime/processes';
import type { FabricBinaries } from './binaries';
import { listDeployed } from './chaincode';
import { joinPeer, peerJoined } from './channel';
import { channelMembers, loadFabricContext, orgOf, type FabricContext } from './context';
import { waitForDiscovery } from './discovery';
import type { FabricLayout } from './layout';
import { approvedForMyOrg, approveForMyOrg, installPackage } from './lifecycle';
import { packageLabel } from './package';
import type { PeerCli } from './peer-cli';
import { peerCli } from './peer-cli';
import { launchPeer, peerNodeName, writePeerConfig } from './peer-node';
import { resolveFabricPorts } from './ports';

/** How an added org's peer joins the running real-Fabric network. */
export interface FabricOrgJoinOptions {
  readonly stateDir: string;
  /** The org's short name, as `add-org` wrote it into the definition. */
  readonly org: string;
  /** How often to ask the orderer for block 0 while the org is not yet in the channel (ms). */
  readonly retryMs?: number;
  /** Give up after this long (ms); by default wait until stopped. */
  readonly timeoutMs?: number;
  /** Stops waiting when aborted. */
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

/** The added org's peer could not join in time, or was stopped before it did. */
export class OrgJoinError extends Error {
  readonly code = 'ORG_JOIN_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'OrgJoinError';
  }
}

/**
 * Starts the peer of an org `add-org` added to a running real-Fabric network: its ports (the
 * anchor port add-org chose, free ones for chaincode and operations, kept in ports.json), its
 * core.yaml like every other peer's, and `peer node start`, recorded with the others' pid files
 * so `status` counts it and `down` stops it. Returns the pid (of the running peer, if it runs).
 */
export async function startAddedOrgPeer(stateDir: string, orgName: string): Promise<number> {
  const ctx = loadFabricContext(stateDir);
  const org = orgOf(ctx, orgName);
  const running = livePid(ctx.state.pidFile(peerNodeName(org.name)));
  if (running !== undefined) return running;
  const crypto = await loadCryptoMaterial(ctx.def, ctx.state.root);
  const material = crypto.orgs[org.name];
  const ports = (await resolveFabricPorts(ctx.def, ctx.fabric.portsFile)).peers[org.name];
  if (!material || !ports) throw new Error(`no crypto material or ports for org ${org.name}`);
  writePeerConfig(ctx.def, org, material, ports, ctx.fabric);
  return launchPeer(ctx.bins, ctx.state, ctx.fabric, org, ports);
}

/**
 * Brings an added org's running peer into the channel as a Fabric operator does: asks the
 * orderer for block 0 as the org's Admin until a config update has made the org a channel member
 * (the orderer refuses it before), joins the peer from that block, waits until the peer has
 * caught up with the orderer, then installs each deployed chaincode's package and approves the
 * definition in force (same name, version, sequence and policy) for the org, because a Fabric
 * peer endorses only chaincode its org has approved; it returns once discovery lists the org's
 * peer with each chaincode. The org's anchor peer is in the org group the config update added.
 */
export async function joinAddedOrg(opts: FabricOrgJoinOptions): Promise<void> {
  const ctx = loadFabricContext(opts.stateDir);
  const org = orgOf(ctx, opts.org);
  const log = opts.log ?? (() => undefined);
  const cli = peerCli(ctx.bins, ctx.fabric, ctx.profile, org.name, org.peer.host);
  const channel = ctx.def.channel;
  const deadline = opts.timeoutMs === undefined ? Infinity : Date.now() + opts.timeoutMs;
  mkdirSync(ctx.fabric.scratchDir, { recursive: true });
  if (!(await peerJoined(cli, channel))) {
    const genesis = join(ctx.fabric.scratchDir, `${org.name}-${channel}-0.block`);
    await fetchWhenMember(cli, channel, genesis, { ...opts, deadline, log });
    await joinPeer(cli, channel, genesis);
    log(`peer of ${org.name} joined ${channel}`);
  }
  await catchUp(ctx, cli, deadline);
  const deployed = listDeployed(ctx);
  for (const chaincode of deployed) {
    await installPackage(
      cli,
      ctx.fabric.packageFile(packageLabel(chaincode.name, chaincode.version)),
      chaincode.packageId,
    );
    if (!(await approvedForMyOrg(cli, channel, chaincode))) await approveForMyOrg(cli, channel, chaincode);
    log(
      `${org.mspId} installed and approved ${chaincode.name} ${chaincode.version} (sequence ${chaincode.sequence})`,
    );
  }
  // Another added org that still waits is not in the channel, and no peer can list it yet.
  const members = await channelMembers(ctx);
  for (const chaincode of deployed) await waitForDiscovery(members.profile, chaincode);
  log(`peer of ${org.name} endorses ${deployed.map((d) => d.name).join(', ') || 'no chaincode yet'}`);
}

/**
 * Splits the orgs add-org added into those whose peer has joined the channel and those still
 * waiting for the config update that adds them (a restart keeps both kinds of ledgers).
 */
export async function partitionAddedOrgs(
  bins: FabricBinaries,
  fabric: FabricLayout,
  profile: ConnectionProfile,
  channel: string,
  added: readonly OrgDefinition[],
): Promise<{ joined: OrgDefinition[]; waiting: OrgDefinition[] }> {
  const state = await Promise.all(
    added.map((org) => peerJoined(peerCli(bins, fabric, profile, org.name, org.peer.host), channel)),
  );
  return { joined: added.filter((_, i) => state[i]), waiting: added.filter((_, i) => !state[i]) };
}

/** Fetches block 0 into `file`, retrying while the orderer refuses the org (not yet in the channel). */
async function fetchWhenMember(
  cli: PeerCli,
  channel: string,
  file: string,
  opts: FabricOrgJoinOptions & { deadline: number; log: (line: string) => void },
): Promise<void> {
  let last = '';
  for (;;) {
    if (opts.signal?.aborted) throw new OrgJoinError(`${opts.org} stopped before its peer joined ${channel}`);
    try {
      await cli.run(['channel', 'fetch', '0', file, '--channelID', channel, ...cli.ordererArgs()]);
      return;
    } catch (err) {
      const reason =
        err instanceof Error
          ? (err.message.split('\n').find((l) => /Error/.test(l)) ?? err.message)
          : String(err);
      if (Date.now() > opts.deadline)
        throw new OrgJoinError(`${opts.org} is still not a member of ${channel}: ${reason}`);
      if (reason !== last)
        opts.log(`peer of ${opts.org}: waiting for a config update adding it to ${channel} (${reason})`);
      last = reason;
      await sleep(opts.retryMs ?? 2000, opts.signal);
    }
  }
}

/** How long a joined peer may take to catch up with the orderer. */
const CATCH_UP_MS = 300_000;

/**
 * Waits until the peer's ledger is as high as the orderer's: the approval is endorsed on the
 * org's own peer, which must see the committed definition to approve its sequence. Until the
 * peer has committed the config block that added its org, it refuses its own Admin's queries
 * (the channel's Readers do not yet name the org), so refusals count as "not yet".
 */
async function catchUp(ctx: FabricContext, cli: PeerCli, deadline: number): Promise<void> {
  const channel = ctx.def.channel;
  const newest = join(ctx.fabric.scratchDir, `${cli.orgName}-${channel}-newest.block`);
  await cli.run(['channel', 'fetch', 'newest', newest, '--channelID', channel, ...cli.ordererArgs()]);
  const height = (common.Block.deserializeBinary(readFileSync(newest)).getHeader()?.getNumber() ?? 0) + 1;
  const until = Math.min(deadline, Date.now() + CATCH_UP_MS);
  let reached = 0;
  for (;;) {
    reached = await peerHeight(cli, channel).catch(() => reached);
    if (reached >= height) return;
    if (Date.now() > until)
      throw new OrgJoinError(`the peer of ${cli.orgName} reached height ${reached}, not ${height}, in time`);
    await sleep(250);
  }
}

/** The height of the channel's ledger on the CLI's peer. */
async function peerHeight(cli: PeerCli, channel: string): Promise<number> {
  const info = await cli.run(['channel', 'getinfo', '--channelID', channel]);
  const json = /\{.*\}/s.exec(info.stdout)?.[0] ?? '{}';
  return (JSON.parse(json) as { height?: number }).height ?? 0;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const wake = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', wake);
      resolve();
    }, ms);
    signal?.addEventListener('abort', wake, { once: true });
  });
}
