import { connect, hash, type Contract, type Gateway, type Network } from '@hyperledger/fabric-gateway';
import type * as grpc from '@grpc/grpc-js';
import { ConfigurationError } from '../errors/gateway-error';
import { DEFAULT_TIMEOUTS, deadlineIn, type CallTimeouts } from './deadlines';
import { newPeerClient, type PeerEndpoint } from './grpc-client';
import { findOrg, loadProfileIdentity, type LoadedIdentity } from './identity';
import { loadProfile, type NetworkProfile } from './profile';
import { newNodeCryptoSigner } from './signer';

/** Something the connection closes when it closes (event streams). */
export interface Closeable {
  /** Releases the resource; calling twice is harmless. */
  close(): void;
}

/** How to connect: through the profile by identity name, or with everything explicit. */
export interface AllianceConnectOptions {
  /** The profile, or its path (default `.alliance/network.json`); not needed when all else is explicit. */
  readonly profile?: NetworkProfile | string;
  /** `org/user` from the profile, or an identity already loaded. */
  readonly identity: string | LoadedIdentity;
  /** The peer to use; default: the peer of the identity's org in the profile. */
  readonly peer?: PeerEndpoint;
  /** Channel name; default: the profile's. */
  readonly channel?: string;
  /** Chaincode name; default: the profile's. */
  readonly chaincode?: string;
  /** Per-call time limits; default {@link DEFAULT_TIMEOUTS}. */
  readonly timeouts?: Partial<CallTimeouts>;
}

/** An open connection of one identity to one peer's Gateway service. */
export interface AllianceConnection extends Disposable {
  /** Who signs. */
  readonly identity: LoadedIdentity;
  /** Channel this connection works on. */
  readonly channel: string;
  /** Chaincode this connection calls. */
  readonly chaincode: string;
  /** The time limits in force. */
  readonly timeouts: CallTimeouts;
  /** The profile, when the connection was made through one. */
  readonly profile: NetworkProfile | undefined;
  /** The underlying Fabric gateway network (for advanced use). */
  readonly network: Network;
  /** The underlying Fabric gateway. */
  readonly gateway: Gateway;
  /** A contract of the alliance chaincode (`lots`, `members`, ...), or another chaincode's default contract. */
  contract(contractName?: string, chaincodeName?: string): Contract;
  /** Closes `resource` together with this connection. */
  track<T extends Closeable>(resource: T): T;
  /** Closes every tracked stream, the gateway and the gRPC client. */
  close(): void;
}

/**
 * Connects one identity to a peer: loads and checks the identity, opens one TLS gRPC client with
 * host-name override, and sets a deadline on every call.
 * @throws {@link ConfigurationError} on a bad profile, identity or peer setting (nothing is dialled)
 */
export function connectAlliance(options: Readonly<AllianceConnectOptions>): AllianceConnection {
  const profile =
    typeof options.profile === 'string' ||
    (options.profile === undefined && typeof options.identity === 'string')
      ? loadProfile(options.profile)
      : options.profile;
  const identity =
    typeof options.identity === 'string'
      ? loadProfileIdentity(requireProfile(profile), options.identity)
      : options.identity;
  const peer = options.peer ?? peerOf(requireProfile(profile), identity);
  const channel = options.channel ?? profile?.channel;
  const chaincode = options.chaincode ?? profile?.chaincode;
  if (!channel || !chaincode)
    throw new ConfigurationError(
      'PROFILE_INVALID',
      'channel and chaincode names are required without a profile',
    );
  const timeouts: CallTimeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const client = newPeerClient(peer);
  return new AllianceConnectionImpl({ client, identity, channel, chaincode, timeouts, profile });
}

function requireProfile(profile: NetworkProfile | undefined): NetworkProfile {
  if (!profile)
    throw new ConfigurationError(
      'PROFILE_NOT_FOUND',
      'a connection profile is needed to find identities and peers by name',
    );
  return profile;
}

function peerOf(profile: NetworkProfile, identity: LoadedIdentity): PeerEndpoint {
  if (identity.org) return findOrg(profile, identity.org).peer;
  const org = Object.values(profile.orgs).find((o) => o.mspId === identity.mspId);
  if (!org)
    throw new ConfigurationError('MSP_MISMATCH', `no org with MSP ID ${identity.mspId} in the profile`);
  return org.peer;
}

class AllianceConnectionImpl implements AllianceConnection {
  readonly identity: LoadedIdentity;
  readonly channel: string;
  readonly chaincode: string;
  readonly timeouts: CallTimeouts;
  readonly profile: NetworkProfile | undefined;
  readonly gateway: Gateway;
  readonly network: Network;
  readonly #client: grpc.Client;
  readonly #tracked = new Set<Closeable>();
  #closed = false;

  constructor(
    o: Readonly<{
      client: grpc.Client;
      identity: LoadedIdentity;
      channel: string;
      chaincode: string;
      timeouts: CallTimeouts;
      profile: NetworkProfile | undefined;
    }>,
  ) {
    this.identity = o.identity;
    this.channel = o.channel;
    this.chaincode = o.chaincode;
    this.timeouts = o.timeouts;
    this.profile = o.profile;
    this.#client = o.client;
    this.gateway = connect({
      client: o.client,
      identity: { mspId: o.identity.mspId, credentials: Buffer.from(o.identity.certificatePem) },
      signer: newNodeCryptoSigner(o.identity.privateKey),
      // The signer hashes the message itself (OpenSSL), so the gateway must hand it the message.
      hash: hash.none,
      evaluateOptions: deadlineIn(o.timeouts.evaluateMs),
      endorseOptions: deadlineIn(o.timeouts.endorseMs),
      submitOptions: deadlineIn(o.timeouts.submitMs),
      commitStatusOptions: deadlineIn(o.timeouts.commitStatusMs),
    });
    this.network = this.gateway.getNetwork(o.channel);
  }

  contract(contractName?: string, chaincodeName?: string): Contract {
    return this.network.getContract(chaincodeName ?? this.chaincode, contractName);
  }

  track<T extends Closeable>(resource: T): T {
    if (this.#closed) {
      resource.close();
      return resource;
    }
    this.#tracked.add(resource);
    const close = resource.close.bind(resource);
    resource.close = (): void => {
      this.#tracked.delete(resource);
      close();
    };
    return resource;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const r of [...this.#tracked]) r.close();
    this.gateway.close();
    this.#client.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
