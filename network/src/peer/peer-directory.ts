import { anchorPeersOf, type ChannelConfig } from '../channel';
import type { EndorsingPeer } from '../gateway/backend';
import type { Endpoint } from '../grpc/dial';
import { RemoteEndorser } from './remote-endorser';

/** Another org's peer, as this peer's gateway reaches it. */
export interface PeerDirectoryEntry {
  readonly mspId: string;
  readonly endpoint: Endpoint;
}

// Every node of the embedded network listens on loopback under its own TLS host name.
const LOOPBACK = '127.0.0.1';

/**
 * The other orgs' peers this peer's gateway may ask to endorse, following the channel config as
 * a Fabric gateway follows discovery: only orgs of the current config count (a removed org's
 * peer is no longer asked), and an org a config update added is reached at the anchor peer its
 * org group announces, unless the network told this peer its endpoint already.
 */
export class PeerDirectory {
  readonly #clients = new Map<string, RemoteEndorser>();
  #config: ChannelConfig | undefined;
  #remotes: readonly EndorsingPeer[] = [];

  constructor(
    private readonly selfMspId: string,
    private readonly known: readonly PeerDirectoryEntry[],
    private readonly channel: () => ChannelConfig,
  ) {}

  /** The peers of the other member orgs, known ones first in their order, then added orgs by name. */
  remotes(): readonly EndorsingPeer[] {
    const config = this.channel();
    if (config !== this.#config) {
      this.#config = config;
      this.#remotes = this.#resolve(config).map((entry) => this.#client(entry));
    }
    return this.#remotes;
  }

  /** Closes every connection made. */
  close(): void {
    for (const client of this.#clients.values()) client.close();
    this.#clients.clear();
  }

  #resolve(config: ChannelConfig): PeerDirectoryEntry[] {
    const members = new Set(config.applicationOrgs.map((o) => o.mspId));
    members.delete(this.selfMspId);
    const entries = this.known.filter((e) => members.has(e.mspId));
    const reached = new Set(entries.map((e) => e.mspId));
    const anchors = anchorPeersOf(config.config)
      .filter((a) => members.has(a.mspId) && !reached.has(a.mspId) && a.port > 0)
      .sort((a, b) => (a.org < b.org ? -1 : 1));
    for (const anchor of anchors) {
      if (reached.has(anchor.mspId)) continue;
      reached.add(anchor.mspId);
      entries.push({
        mspId: anchor.mspId,
        endpoint: {
          address: `${LOOPBACK}:${anchor.port}`,
          tlsCaPem: anchor.tlsRootCertPem,
          tlsHostName: anchor.host,
        },
      });
    }
    return entries;
  }

  #client(entry: PeerDirectoryEntry): RemoteEndorser {
    const key = `${entry.mspId}@${entry.endpoint.address}`;
    let client = this.#clients.get(key);
    if (!client) {
      client = new RemoteEndorser(entry.mspId, entry.endpoint);
      this.#clients.set(key, client);
    }
    return client;
  }
}
