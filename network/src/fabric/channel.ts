import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { CryptoMaterial } from '../crypto';
import type { NetworkDefinition } from '../definition';
import type { ConnectionProfile } from '../profile/types';
import { adminFiles } from './admin';
import type { FabricBinaries } from './binaries';
import { runFabric } from './command';
import { CHANNEL_PROFILE, configtxYaml } from './configtx';
import type { FabricLayout } from './layout';
import { peerCli, type PeerCli } from './peer-cli';
import type { FabricPorts } from './ports';

/**
 * The channel's genesis block, made once by `configtxgen -outputBlock` from the generated
 * configtx.yaml and kept: a restart with kept ledgers must not make a different channel.
 */
export async function ensureChannelBlock(
  bins: FabricBinaries,
  layout: FabricLayout,
  def: NetworkDefinition,
  crypto: CryptoMaterial,
  ports: FabricPorts,
): Promise<void> {
  if (existsSync(layout.channelBlock)) return;
  mkdirSync(layout.configtxDir, { recursive: true });
  writeFileSync(`${layout.configtxDir}/configtx.yaml`, configtxYaml(def, crypto, ports));
  await runFabric(bins.configtxgen, [
    '-configPath',
    layout.configtxDir,
    '-profile',
    CHANNEL_PROFILE,
    '-channelID',
    def.channel,
    '-outputBlock',
    layout.channelBlock,
  ]);
}

/** Joins the orderer to the channel through its channel participation API, unless it has joined. */
export async function joinOrderer(
  bins: FabricBinaries,
  layout: FabricLayout,
  crypto: CryptoMaterial,
  ports: FabricPorts,
  channel: string,
): Promise<void> {
  const admin = crypto.orderer.users.Admin;
  if (!admin) throw new Error('the ordering org has no Admin');
  const tls = adminFiles(admin.certFile);
  const connection = [
    '-o',
    `127.0.0.1:${ports.orderer.admin}`,
    '--ca-file',
    crypto.orderer.tlsCaFile,
    '--client-cert',
    tls.tlsCertFile,
    '--client-key',
    tls.tlsKeyFile,
  ];
  const list = await runFabric(bins.osnadmin, ['channel', 'list', ...connection]);
  if (new RegExp(`"name":\\s*"${channel}"`).test(list.stdout)) return;
  await runFabric(bins.osnadmin, [
    'channel',
    'join',
    '--channelID',
    channel,
    '--config-block',
    layout.channelBlock,
    ...connection,
  ]);
}

/** Joins every org's peer to the channel with `peer channel join` as the org's Admin, unless it has joined. */
export async function joinPeers(
  bins: FabricBinaries,
  layout: FabricLayout,
  def: NetworkDefinition,
  profile: ConnectionProfile,
): Promise<void> {
  await Promise.all(
    def.orgs.map((org) =>
      joinPeer(peerCli(bins, layout, profile, org.name, org.peer.host), def.channel, layout.channelBlock),
    ),
  );
}

/** True when the CLI's peer has joined the channel. */
export async function peerJoined(cli: PeerCli, channel: string): Promise<boolean> {
  const joined = await cli.run(['channel', 'list']);
  return joined.stdout.split('\n').some((line) => line.trim() === channel);
}

/** Joins the CLI's peer to the channel from `block` (its block 0), unless it has joined. */
export async function joinPeer(cli: PeerCli, channel: string, block: string): Promise<void> {
  if (await peerJoined(cli, channel)) return;
  await cli.run(['channel', 'join', '-b', block]);
}
